import { jsonDiff, type JsonDifference } from '../../../shared/common/bundle/jsonDiff';
import type { TestCase } from '../state/bundleAccess';
import type { PreviewResult } from './previewTypes';

/**
 * How the current preview differs from a test case: its expected output compared with the one
 * JSON diff `crosswalk test` uses (so both report the same differences), or its expected error
 * code with the error the preview gave. Empty: the case passes.
 */
export function testCaseDiff(test: TestCase, result: Pick<PreviewResult, 'error' | 'output'>): JsonDifference[] {
  if (test.expectedError !== undefined) {
    return result.error?.code === test.expectedError ? [] : [{ path: '(error)', expected: test.expectedError, actual: result.error?.code ?? 'no error' }];
  }
  if (result.error) return [{ path: '(error)', expected: 'an output', actual: result.error.code }];
  return jsonDiff(test.expected, result.output);
}
