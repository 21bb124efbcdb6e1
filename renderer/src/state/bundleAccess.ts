import { z } from 'zod';
import { bundleMetadataSchema, bundleTestCaseSchema, type BundleMetadata, type BundleTestCase } from '../../../shared/common/bundle/BundleFile';
import { parseSpec, zodToCrosswalk } from '../../../shared/common/mapping/spec/parseSpec';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import type { BundleDocument } from '../../../shared/common/studio/StudioApi';

/** A sample input with the output it must produce (kept in the bundle; the runtime's `test` runs them). */
export type TestCase = BundleTestCase;

const testCasesSchema = z.array(bundleTestCaseSchema);

/**
 * What the studio edits of an opened bundle. The host read the file with the one bundle reader
 * (shared/common/bundle/loadBundle: format, hash, migration) and hands over its content,
 * `{ metadata, mapping, tests }`; this checks that content with the same schemas the bundle
 * format is made of, so the renderer never holds a mapping or a test case the runtime would refuse.
 */
export function readBundle(bundle: BundleDocument): { metadata: BundleMetadata; spec: MappingSpec; testCases: TestCase[] } {
  const spec = parseSpec(bundle.mapping, 'mapping');
  const metadata = bundleMetadataSchema.safeParse(bundle.metadata);
  if (!metadata.success) throw zodToCrosswalk(metadata.error, 'metadata', 'BUNDLE_INVALID', 'The bundle');
  const tests = testCasesSchema.safeParse(bundle.tests ?? []);
  if (!tests.success) throw zodToCrosswalk(tests.error, 'tests', 'BUNDLE_INVALID', 'The bundle');
  return { metadata: metadata.data, spec, testCases: tests.data };
}

/** The content to save: the edited mapping (with its layout) and test cases; the host validates and seals it. */
export function writeBundle(metadata: BundleMetadata, spec: MappingSpec, testCases: readonly TestCase[]): BundleDocument {
  return { metadata, mapping: spec, tests: testCases.map((t) => (t.expectedError !== undefined ? { name: t.name, input: t.input, expectedError: t.expectedError } : { name: t.name, input: t.input, expected: t.expected ?? null })) };
}
