import { parseSpec } from '../../../shared/common/mapping/spec/parseSpec';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import type { BundleDocument } from '../../../shared/common/studio/StudioApi';

/** A sample input with the output it must produce (kept in the bundle; the runtime's `test` runs them). */
export interface TestCase {
  name: string;
  input: string;
  expected?: unknown;
  /** The error code the input must fail with, instead of an expected output. */
  expectedError?: string;
}

/** Where the bundle keeps its mapping: the one key that differs between a bundle file and a bare spec. */
function specKey(bundle: BundleDocument): 'mapping' | 'spec' | undefined {
  if (bundle.mapping !== undefined) return 'mapping';
  if (bundle.spec !== undefined) return 'spec';
  return undefined;
}

/** The spec and test cases of an opened bundle (or a bare spec file), validated by the engine's parser. */
export function readBundle(bundle: BundleDocument): { spec: MappingSpec; testCases: TestCase[] } {
  const key = specKey(bundle);
  const spec = parseSpec(key ? bundle[key] : bundle, key ?? 'mapping');
  const raw = Array.isArray(bundle.testCases) ? bundle.testCases : Array.isArray(bundle.tests) ? bundle.tests : [];
  const testCases: TestCase[] = [];
  for (const item of raw as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const t = item as Record<string, unknown>;
    if (typeof t.name === 'string' && typeof t.input === 'string') {
      testCases.push({ name: t.name, input: t.input, expected: t.expected, expectedError: typeof t.expectedError === 'string' ? t.expectedError : undefined });
    }
  }
  return { spec, testCases };
}

/** The bundle with the edited spec and test cases put back; the host reseals (hash) on save. */
export function writeBundle(bundle: BundleDocument, spec: MappingSpec, testCases: TestCase[]): BundleDocument {
  const key = specKey(bundle);
  if (!key) return { ...spec } as BundleDocument;
  const testsKey = Array.isArray(bundle.testCases) && !Array.isArray(bundle.tests) ? 'testCases' : 'tests';
  return { ...bundle, [key]: spec, [testsKey]: testCases.map((t) => (t.expectedError !== undefined ? { name: t.name, input: t.input, expectedError: t.expectedError } : { name: t.name, input: t.input, expected: t.expected ?? null })) };
}
