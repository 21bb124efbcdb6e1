import { createBundle, serializeBundle, testInputLines, type BundleTestCase } from '../../shared/common/bundle/index';
import { executeMapping, inputFormatOf, readOneInput, type MappingPlan } from '../../shared/common/mapping/index';
import type { Example } from './examples';

/** Reads a sample file by name from a folder relative to the repository root (the caller decides where that is). */
export type ReadSample = (name: string, folder: string) => string;

/** Where the reference HL7 v2 samples are, relative to the repository root. */
export const REFERENCE_SAMPLES = '../shared/reference/hl7v2-samples';

/** The input text of each test case, as embedded in the bundle. */
export function testInputs(example: Example, readSample: ReadSample): string[] {
  const folder = example.samples ?? REFERENCE_SAMPLES;
  return example.tests.map((t) => (t.adapt ? t.adapt(readSample(t.sample, folder)) : readSample(t.sample, folder)));
}

/** What the engine makes of one input (read as the mapping reads its inputs): the Bundle, or the code of the error it fails with. */
export function runExample(plan: MappingPlan, input: string): { output?: unknown; error?: string } {
  try {
    return { output: JSON.parse(JSON.stringify(executeMapping(plan, readOneInput(inputFormatOf(plan.spec), input)).bundle)) as unknown };
  } catch (error) {
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') return { error: error.code };
    throw error;
  }
}

/**
 * The example's bundle file. Expected outputs are the reviewed ones in `previous` (the committed
 * file's test cases) for tests of the same name and input; `fresh` takes the engine's current output instead
 * (run with --update-expected, then review the diff field by field before committing).
 */
export function buildExampleBundle(example: Example, inputs: string[], plan: MappingPlan, previous: readonly BundleTestCase[] | undefined, fresh: boolean): string {
  const tests: BundleTestCase[] = example.tests.map((test, i) => {
    const input = inputs[i];
    if (test.expectedError !== undefined) return { name: test.name, input, expectedError: test.expectedError };
    const same = (a: string, b: string): boolean => testInputLines(a).join('\r') === testInputLines(b).join('\r');
    const kept = fresh ? undefined : previous?.find((t) => t.name === test.name && same(t.input, input) && t.expected !== undefined);
    if (kept) return { name: test.name, input, expected: kept.expected };
    const result = runExample(plan, input);
    if (result.error !== undefined) throw new Error(`Example test "${test.name}" fails with ${result.error}; fix the mapping or mark the test with expectedError.`);
    return { name: test.name, input, expected: result.output as BundleTestCase['expected'] };
  });
  return serializeBundle(createBundle({ metadata: example.metadata, mapping: example.build(), tests }));
}
