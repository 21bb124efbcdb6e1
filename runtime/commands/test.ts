import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { CrosswalkError, describeLocation } from '../../shared/common/errors/CrosswalkError';
import { runBundleTests, type BundleTestResult } from '../../shared/common/bundle/runBundleTests';
import { showJson } from '../../shared/common/bundle/jsonDiff';
import { compileBundleFile } from '../../shared/node/runtime/compileBundle';
import type { CommandModule } from './CommandModule';

const MAX_DIFFERENCES = 20;

/** The readable report of one failed test: each differing element with expected and actual values. */
export function describeFailure(result: BundleTestResult): string[] {
  const lines = [`FAIL ${result.name}`];
  if (result.expectedError !== undefined) {
    lines.push(`  expected the error ${result.expectedError}`);
    lines.push(result.error ? `  actual:  ${result.error.code}: ${result.error.message}` : '  actual:  the message mapped without error');
    return lines;
  }
  if (result.error) {
    const where = describeLocation(result.error.where);
    lines.push(`  the mapping failed: ${result.error.code}: ${result.error.message}${where ? ` (${where})` : ''}`);
    return lines;
  }
  for (const difference of result.differences.slice(0, MAX_DIFFERENCES)) {
    lines.push(`  ${difference.path || '(whole output)'}`);
    lines.push(`    expected: ${showJson(difference.expected)}`);
    lines.push(`    actual:   ${showJson(difference.actual)}`);
  }
  if (result.differences.length > MAX_DIFFERENCES) lines.push(`  ... and ${result.differences.length - MAX_DIFFERENCES} more differences`);
  return lines;
}

/** `crosswalk test`: 0 when every test passed, 1 when any failed, 2 when the bundle was refused. */
export async function runTest(bundlePath: string, io: { stdout: Writable; stderr: Writable }): Promise<number> {
  let compiled;
  try {
    compiled = await compileBundleFile(bundlePath);
  } catch (error) {
    if (!(error instanceof CrosswalkError)) throw error;
    io.stderr.write(`crosswalk test: ${error.toString()}\n`);
    return 2;
  }
  const results = runBundleTests(compiled, compiled.bundle.tests);
  let passed = 0;
  for (const result of results) {
    if (result.passed) {
      passed++;
      io.stdout.write(`ok   ${result.name}\n`);
    } else {
      io.stdout.write(`${describeFailure(result).join('\n')}\n`);
    }
  }
  const failed = results.length - passed;
  io.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

export const testCommand: CommandModule = {
  name: 'test',
  register(program: Command): void {
    program
      .command('test')
      .summary("run a bundle's test cases")
      .description([
        'Run the test cases stored in a mapping bundle: map each sample input and',
        'compare the output with the expected output (as JSON, key order ignored), or',
        'the error with the expected error code. Each failure is printed with the',
        'elements that differ (expected and actual values); the last line is "N',
        'passed, N failed".',
        '',
        'Exit status: 0 every test passed, 1 some failed, 2 the bundle was refused.',
      ].join('\n'))
      .argument('<bundle>', 'the mapping bundle (.crosswalk.json)')
      .action(async (bundle: string) => {
        process.exitCode = await runTest(bundle, { stdout: process.stdout, stderr: process.stderr });
      });
  },
};
