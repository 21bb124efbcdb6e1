// The bundle file: the one versioned, integrity-checked JSON file the studio exports and the runtime runs.
export { BUNDLE_FORMAT, BUNDLE_FORMAT_V1, bundleFileSchema, bundleMetadataSchema, bundleTestCaseSchema, type BundleFile, type BundleFileTestCase, type BundleMetadata, type BundleTestCase } from './BundleFile';
export { createBundle, serializeBundle, type BundleContent } from './createBundle';
export { loadBundle, readBundleJson, type LoadedBundle, type ReadBundleOptions } from './loadBundle';
export { showBundle, type ShowableBundle } from './showBundle';
export { bundleHash, bundleHashV1 } from './bundleHash';
export { bundleText } from './bundleText';
export { testInputLines, testInputText } from './testInput';
export { canonicalJson, canonicalJsonPretty } from './canonicalJson';
export { sha256Hex, utf8Bytes } from './sha256';
export { runBundleTests, type BundleTestResult } from './runBundleTests';
export { jsonDiff, showJson, type JsonDifference } from './jsonDiff';
