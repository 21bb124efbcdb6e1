import { CrosswalkError, type CrosswalkErrorData } from '../errors/CrosswalkError';
import type { CompiledMapping } from '../mapping/compile/compileWithCatalog';
import { mapMessage } from '../mapping/execute/mapMessage';
import { readOneInput } from '../mapping/input/readInputs';
import type { BundleFileTestCase, BundleTestCase } from './BundleFile';
import { testInputText } from './testInput';
import { jsonDiff, type JsonDifference } from './jsonDiff';

export interface BundleTestResult {
  name: string;
  passed: boolean;
  /** For an expected output: where the actual output differs. */
  differences: JsonDifference[];
  /** The error the mapping gave, when it failed (expected or not). */
  error?: CrosswalkErrorData;
  /** For an expected error: what was expected instead of what happened. */
  expectedError?: string;
}

/**
 * Runs a bundle's test cases with the same engine the runtime uses: each input (one message: HL7
 * v2, a JSON document, a CSV header and one row) is read as the mapping reads its inputs and mapped and its output compared with the expected output, or its error code with the expected
 * one. Outputs are compared as JSON values, so key order does not matter.
 */
export function runBundleTests(compiled: CompiledMapping, tests: ReadonlyArray<BundleTestCase | BundleFileTestCase>): BundleTestResult[] {
  return tests.map((test) => {
    let outcome;
    try {
      outcome = mapMessage(compiled, readOneInput(compiled.input, testInputText(test.input)));
    } catch (error) {
      if (!(error instanceof CrosswalkError)) throw error;
      outcome = { ok: false as const, error: error.toJSON() };
    }
    if (test.expectedError !== undefined) {
      const passed = !outcome.ok && outcome.error.code === test.expectedError;
      return { name: test.name, passed, differences: [], expectedError: test.expectedError, ...(!outcome.ok ? { error: outcome.error } : {}) };
    }
    if (!outcome.ok) return { name: test.name, passed: false, differences: [], error: outcome.error };
    const differences = jsonDiff(test.expected, outcome.output);
    return { name: test.name, passed: differences.length === 0, differences };
  });
}
