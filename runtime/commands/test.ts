import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { CrosswalkError } from '../../shared/common/errors/CrosswalkError';
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
    const { code, message, where } = result.error;
    lines.push(`  the mapping failed: ${new CrosswalkError(code, message, where).toString()}`);
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

/** The tests of one bundle: prints `ok`/`FAIL` lines; undefined when the bundle was refused. */
async function testOneBundle(bundlePath: string, io: { stdout: Writable; stderr: Writable }): Promise<{ passed: number; failed: number } | undefined> {
  let compiled;
  try {
    compiled = await compileBundleFile(bundlePath);
  } catch (error) {
    if (!(error instanceof CrosswalkError)) throw error;
    io.stderr.write(`crosswalk test: ${error.toString()}\n`);
    return undefined;
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
  return { passed, failed: results.length - passed };
}

/**
 * `crosswalk test`: runs every named bundle's tests (a refused bundle does not stop the others)
 * and ends with one line over all of them. 0 when every test passed, 1 when any failed, 2 when
 * a bundle was refused.
 */
export async function runTest(bundlePaths: string | readonly string[], io: { stdout: Writable; stderr: Writable }): Promise<number> {
  const paths = typeof bundlePaths === 'string' ? [bundlePaths] : bundlePaths;
  let passed = 0;
  let failed = 0;
  let refused = 0;
  for (const path of paths) {
    if (paths.length > 1) io.stdout.write(`# ${path}\n`);
    const counts = await testOneBundle(path, io);
    if (counts === undefined) refused++;
    else {
      passed += counts.passed;
      failed += counts.failed;
    }
  }
  io.stdout.write(`${passed} passed, ${failed} failed\n`);
  if (refused > 0) return 2;
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
        'Several bundles run one after the other, with one closing line over all.',
        '',
        'Exit status: 0 every test passed, 1 some failed, 2 a bundle was refused.',
      ].join('\n'))
      .argument('<bundles...>', 'one or more mapping bundles (.crosswalk.json)')
      .action(async (bundles: string[]) => {
        process.exitCode = await runTest(bundles, { stdout: process.stdout, stderr: process.stderr });
      });
  },
};
