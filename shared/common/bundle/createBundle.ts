import { MAPPING_FORMAT } from '../mapping/spec/formatVersion';
import type { MappingSpec } from '../mapping/spec/MappingSpec';
import { normalizeSpec } from '../mapping/spec/normalizeSpec';
import { parseSpec } from '../mapping/spec/parseSpec';
import { BUNDLE_FORMAT, bundleMetadataSchema, bundleTestCaseSchema, type BundleFile, type BundleMetadata, type BundleTestCase } from './BundleFile';
import { bundleHash } from './bundleHash';
import { canonicalJsonPretty } from './canonicalJson';
import { zodToCrosswalk } from '../mapping/spec/parseSpec';

export interface BundleContent {
  metadata: BundleMetadata;
  mapping: MappingSpec;
  tests?: BundleTestCase[];
}

/**
 * Builds a bundle from a spec: validates everything (a bundle that cannot load is never written),
 * puts the spec in canonical order and seals it with its hash.
 */
export function createBundle(content: BundleContent): BundleFile {
  const mapping = normalizeSpec(parseSpec(content.mapping));
  const metadata = bundleMetadataSchema.safeParse(content.metadata);
  if (!metadata.success) throw zodToCrosswalk(metadata.error, 'metadata', 'BUNDLE_INVALID', 'The bundle');
  const tests = (content.tests ?? []).map((test, i) => {
    const parsed = bundleTestCaseSchema.safeParse(test);
    if (!parsed.success) throw zodToCrosswalk(parsed.error, `tests[${i}]`, 'BUNDLE_INVALID', 'The bundle');
    return parsed.data;
  });
  const unsealed = {
    format: BUNDLE_FORMAT,
    metadata: metadata.data,
    engine: { mappingFormat: MAPPING_FORMAT },
    mapping: mapping as unknown as Record<string, unknown>,
    tests,
  };
  return { ...unsealed, hash: bundleHash(unsealed) } as BundleFile;
}

/** The file text: indented canonical JSON, so equal bundles are equal bytes and diffs stay small. */
export function serializeBundle(bundle: BundleFile): string {
  return canonicalJsonPretty(bundle);
}
