import { MAPPING_FORMAT } from '../mapping/spec/formatVersion';
import type { MappingSpec } from '../mapping/spec/MappingSpec';
import { normalizeSpec } from '../mapping/spec/normalizeSpec';
import { parseSpec, zodToCrosswalk } from '../mapping/spec/parseSpec';
import { BUNDLE_FORMAT, bundleMetadataSchema, bundleTestCaseSchema, type BundleFile, type BundleFileTestCase, type BundleMetadata, type BundleTestCase } from './BundleFile';
import { bundleHash } from './bundleHash';
import { bundleText } from './bundleText';
import { testInputLines } from './testInput';

/** What a bundle holds, as the studio edits it: the mapping with its layout, and test cases whose inputs are message text. */
export interface BundleContent {
  metadata: BundleMetadata;
  mapping: MappingSpec;
  tests?: BundleTestCase[];
}

/**
 * Builds a bundle from a spec: validates everything (a bundle that cannot load is never written),
 * puts the spec in canonical order, moves its layout to the end of the file and outside the hash,
 * writes test inputs as segment lines, and seals it with its hash.
 */
export function createBundle(content: BundleContent): BundleFile {
  const { layout, ...mapping } = normalizeSpec(parseSpec(content.mapping));
  const metadata = bundleMetadataSchema.safeParse(content.metadata);
  if (!metadata.success) throw zodToCrosswalk(metadata.error, 'metadata', 'BUNDLE_INVALID', 'The bundle');
  const tests = (content.tests ?? []).map((test, i): BundleFileTestCase => {
    const parsed = bundleTestCaseSchema.safeParse(test);
    if (!parsed.success) throw zodToCrosswalk(parsed.error, `tests[${i}]`, 'BUNDLE_INVALID', 'The bundle');
    return { ...parsed.data, input: testInputLines(parsed.data.input) };
  });
  const unsealed: Omit<BundleFile, 'hash'> = {
    format: BUNDLE_FORMAT,
    metadata: metadata.data,
    engine: { mappingFormat: MAPPING_FORMAT },
    mapping: mapping as unknown as Record<string, unknown>,
    tests,
    ...(layout && Object.keys(layout.maps).length > 0 ? { layout: layout as unknown as Record<string, unknown> } : {}),
  };
  return { ...unsealed, hash: bundleHash(unsealed) } as BundleFile;
}

/** The file text: canonical, one line per link, node, value-map row and layout entry (see bundleText.ts). */
export function serializeBundle(bundle: BundleFile): string {
  return bundleText(bundle);
}
