import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { CrosswalkError } from '../../shared/common/errors/CrosswalkError';
import { iterateHl7Bytes, type Hl7Message } from '../../shared/common/hl7v2/index';
import { buildReviewReport } from '../../shared/common/review/buildReviewReport';
import { describeCoverage } from '../../shared/common/review/reviewCoverage';
import { describeProgress } from '../../shared/common/review/reviewProgress';
import type { ReviewReport, ReviewReportMap } from '../../shared/common/review/reviewReport';
import { reviewReportHtml } from '../../shared/common/review/reviewReportHtml';
import type { SchemaCatalog } from '../../shared/common/schema/SchemaCatalog';
import { readBundleFile } from '../../shared/node/runtime/compileBundle';
import { nodeSchemaCatalog } from '../../shared/node/schema';
import { writeFileAtomic } from '../../shared/node/studio/files/writeFileAtomic';
import { expandInputs, hl7ReadOptions, readInputBytes, STDIN } from '../io/index';
import { inputLimitOption } from './checkInputArgs';
import type { CommandModule } from './CommandModule';

export interface ReviewCommandOptions {
  report?: string;
  json?: boolean;
  maxInputBytes?: string | number;
}

export interface ReviewIo {
  stdout: Writable;
  stderr: Writable;
  stdin?: Readable;
  /** Injected for tests: the report's time. */
  now?: () => Date;
  catalog?: SchemaCatalog;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function coverageLine(map: ReviewReportMap): string {
  return map.coverage === undefined ? '' : ` · ${describeCoverage(map.coverage)}`;
}

/** The printed report: one line per value map, then the verdict. */
export function describeReview(report: ReviewReport, file: string): string[] {
  const { policy } = report;
  const lines = [
    `${file}: ${report.bundle.name} ${report.bundle.version}; policy: ${plural(policy.approvals, 'approval')} per row${policy.approverNotAuthor ? ', not by its last author' : ''}${policy.requireApproved ? ', runs only when approved' : ''}`,
  ];
  const width = Math.max(...report.maps.map((m) => m.id.length), 0);
  for (const map of report.maps) {
    lines.push(`  ${map.id.padEnd(width)}  ${map.usedIn.length > 0 ? 'in use ' : 'unused '}  ${describeProgress(map.progress)}${coverageLine(map)}`);
  }
  const open = report.maps.filter((m) => m.usedIn.length > 0 && m.progress.counts.approved < m.progress.rows);
  if (report.approved) lines.push(`approved: every row of the ${plural(report.maps.filter((m) => m.usedIn.length > 0).length, 'value map')} in use is approved.`);
  else if (report.firstUnapproved) {
    const first = report.firstUnapproved;
    lines.push(`not approved: ${plural(open.length, 'value map')} in use ${open.length === 1 ? 'has' : 'have'} rows not approved; the first is value map "${first.valueMap}" row "${first.source}" (${first.why}).`);
  }
  return lines;
}

/** The messages of the sample inputs, decoded as `crosswalk run` decodes them; an input that cannot be read is an error. */
async function readSamples(inputs: readonly string[], stdin: Readable | undefined, options: ReviewCommandOptions): Promise<Hl7Message[]> {
  const limit = inputLimitOption(options.maxInputBytes);
  const messages: Hl7Message[] = [];
  for (const input of await expandInputs(inputs)) {
    const file = input.path === STDIN ? 'stdin' : input.path;
    if (input.error) throw input.error;
    const bytes = await readInputBytes(input.path, stdin, limit);
    for (const item of iterateHl7Bytes(bytes, { file, ...hl7ReadOptions })) if (!item.error) messages.push(item.message);
  }
  return messages;
}

/**
 * `crosswalk review`: each value map's review progress and coverage, and a gate for CI: 0 when
 * every row of every value map the mapping runs is approved under the bundle's policy, 1 when
 * one is not, 2 for a refused bundle, an unreadable sample or a report that cannot be written.
 */
export async function runReview(bundlePath: string, samples: readonly string[], options: ReviewCommandOptions, io: ReviewIo): Promise<number> {
  let report: ReviewReport;
  try {
    const loaded = await readBundleFile(bundlePath);
    report = await buildReviewReport({
      spec: loaded.spec,
      bundle: { name: loaded.bundle.metadata.name, version: loaded.bundle.metadata.version, hash: loaded.bundle.hash },
      tests: (loaded.content.tests ?? []).map((test) => test.input),
      samples: await readSamples(samples, io.stdin, options),
      catalog: io.catalog ?? nodeSchemaCatalog(),
      generatedAt: (io.now ?? (() => new Date()))().toISOString(),
    });
    if (options.report !== undefined) writeFileAtomic(resolve(options.report), reviewReportHtml(report));
  } catch (error) {
    if (!(error instanceof CrosswalkError)) throw error;
    io.stderr.write(`crosswalk review: ${error.toString()}\n`);
    return 2;
  }
  if (options.json) io.stdout.write(`${JSON.stringify(report)}\n`);
  else io.stdout.write(`${describeReview(report, bundlePath).join('\n')}\n`);
  if (options.report !== undefined) io.stderr.write(`crosswalk review: report written to ${options.report}.\n`);
  return report.approved ? 0 : 1;
}

export const reviewCommand: CommandModule = {
  name: 'review',
  register(program: Command): void {
    program
      .command('review')
      .summary('value-map review progress and coverage; fails while a row in use is not approved')
      .description([
        'Print the review progress of every value map of a bundle (rows approved,',
        'proposed, needing discussion, rejected, unreviewed, changed since approval),',
        'with coverage: the codes of the source v2 table each map leaves unmapped,',
        'codes seen in the bundle\'s test cases and in the sample files given, local',
        'codes, and target codes checked against the value sets bound to the FHIR',
        'elements they are written to. A row counts as approved when it has the',
        'approvals the bundle\'s review policy asks for.',
        '',
        'Use it as a CI gate: it fails while a value map the mapping runs has a row',
        'that is not approved. --report writes the review as one self-contained HTML',
        'page (rows, status, equivalence, comments, coverage, sign-off).',
        '',
        'Exit status: 0 every row in use approved, 1 some not approved, 2 a refused',
        'bundle, an unreadable sample or a report that could not be written.',
      ].join('\n'))
      .argument('<bundle>', 'the mapping bundle (.crosswalk.json)')
      .argument('[samples...]', 'sample message files or folders whose codes count as seen')
      .option('--report <file>', 'write the review report as one HTML page')
      .option('--json', 'print the review report as JSON instead of text')
      .option('--max-input-bytes <n>', 'read at most n bytes from one sample input (default CROSSWALK_MAX_INPUT_BYTES or 256M)')
      .action(async (bundle: string, samples: string[], options: ReviewCommandOptions) => {
        process.exitCode = await runReview(bundle, samples, options, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
      });
  },
};
