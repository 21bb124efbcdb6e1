// The bundle file: the one versioned, integrity-checked JSON file the studio exports and the runtime runs.
export { BUNDLE_FORMAT, bundleFileSchema, bundleMetadataSchema, bundleTestCaseSchema, type BundleFile, type BundleMetadata, type BundleTestCase } from './BundleFile';
export { createBundle, serializeBundle, type BundleContent } from './createBundle';
export { loadBundle, type LoadedBundle } from './loadBundle';
export { bundleHash } from './bundleHash';
export { canonicalJson, canonicalJsonPretty } from './canonicalJson';
export { sha256Hex, utf8Bytes } from './sha256';
export { runBundleTests, type BundleTestResult } from './runBundleTests';
export { jsonDiff, showJson, type JsonDifference } from './jsonDiff';
