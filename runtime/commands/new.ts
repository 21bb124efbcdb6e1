import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { createBundle, serializeBundle } from '../../shared/common/bundle';
import { CrosswalkError } from '../../shared/common/errors/CrosswalkError';
import { describeIgImport } from '../../shared/common/ig/IgImportResult';
import { igMappingDocument } from '../../shared/common/ig/igMappingDocument';
import { importIgMessage } from '../../shared/common/ig/importIgMessage';
import { settingsSchema } from '../../shared/common/mapping/spec/MappingSpec';
import { nodeIgTables } from '../../shared/node/ig/nodeIgTables';
import { nodeSchemaCatalog } from '../../shared/node/schema/index';
import { fileError } from '../../shared/node/studio/files/fileError';
import { writeFileAtomic } from '../../shared/node/studio/files/writeFileAtomic';
import { UsageError, type CommandModule } from './CommandModule';

export interface NewOptions {
  fromIg?: string;
  version?: string;
  timezone?: string;
  out?: string;
  force?: boolean;
}

/** What the user asked for that the IG or the catalog does not have: bad arguments, like a usage error. */
const ARGUMENT_ERRORS = new Set(['IG_UNKNOWN_MESSAGE', 'IG_UNKNOWN_VERSION', 'IG_NO_STRUCTURE']);

const HELP = `
Starts a mapping bundle from one of the HL7 v2-to-FHIR IG's message maps: ADT_A01, ADT_A02,
ADT_A05, ADT_A06, ADT_A09, ADT_A11, ADT_A17, MDM_T02, OML_O21, ORM_O01, ORU_R01, SIU_S12, VXU_V04.
The bundle holds the IG's message map, the segment maps it names, the data type maps those name
(Crosswalk's map library's where it has one) and the vocabulary maps as value maps: every map
editable, the whole compiling and running at once. A row the engine cannot express (a narrative
condition, an attribute that creates another resource, a field the version lacks) is a note on
its map's canvas with the IG's words. The summary counts the IG rows that became links,
conditions and notes (by reason), and those the IG leaves unmapped.

Examples:
  crosswalk new --from-ig VXU_V04 --out vxu.crosswalk.json
  crosswalk new --from-ig ORU_R01 --version 2.6 --timezone -05:00 --out lab.crosswalk.json
  crosswalk show vxu.crosswalk.json      the maps and their notes, one rule a line

Exit status: 0 written, 1 the IG tables cannot be read, 2 bad arguments.`;

/** `crosswalk new --from-ig`: imports, writes the bundle atomically, prints the summary. */
export async function runNew(options: NewOptions, io: { stdout: Writable; stderr: Writable }): Promise<number> {
  if (options.fromIg === undefined) throw new UsageError('name an IG message map with --from-ig, e.g. crosswalk new --from-ig VXU_V04 --out vxu.crosswalk.json.');
  if (options.out === undefined) throw new UsageError('name the bundle to write with --out, e.g. --out vxu.crosswalk.json.');
  const out = resolve(options.out);
  if (existsSync(out) && !options.force) throw new UsageError(`${options.out} already exists; choose another --out or add --force to replace it.`);
  if (options.timezone !== undefined && !settingsSchema.shape.defaultTimezone.safeParse(options.timezone).success) {
    throw new UsageError(`--timezone takes Z or an offset like +01:00, not ${JSON.stringify(options.timezone)}.`);
  }
  try {
    const result = await importIgMessage(options.fromIg, await nodeIgTables(), nodeSchemaCatalog(), {
      ...(options.version !== undefined ? { version: options.version } : {}),
      ...(options.timezone !== undefined ? { defaultTimezone: options.timezone } : {}),
    });
    const text = serializeBundle(createBundle(igMappingDocument(result)));
    try {
      writeFileAtomic(out, text);
    } catch (error) {
      throw error instanceof CrosswalkError ? error : fileError(error, out, 'written');
    }
    io.stdout.write(`${options.out}: ${describeIgImport(result).join('\n')}\n`);
    io.stdout.write(`Times sent without an offset are read as ${result.spec.settings.defaultTimezone ?? 'Z'} (settings.defaultTimezone); the notes are listed by crosswalk show ${options.out}.\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof CrosswalkError)) throw error;
    io.stderr.write(`crosswalk new: ${error.toString()}\n`);
    return ARGUMENT_ERRORS.has(error.code) ? 2 : 1;
  }
}

export const newCommand: CommandModule = {
  name: 'new',
  register(program: Command): void {
    program
      .command('new')
      .summary('start a mapping bundle from an HL7 v2-to-FHIR IG message map')
      .description('Start a new mapping bundle from one of the HL7 v2-to-FHIR IG\'s message maps, and print what became of its rows.')
      .option('--from-ig <message>', 'the IG message map (VXU_V04, ORU_R01, ADT_A01, …)')
      .option('--version <version>', 'the HL7 v2 version the maps read (2.3 … 2.7.1)', '2.5.1')
      .option('--timezone <offset>', 'the offset of times sent without one (settings.defaultTimezone)', 'Z')
      .option('--out <file>', 'the bundle to write (.crosswalk.json)')
      .option('--force', 'replace the --out file when it exists')
      .addHelpText('after', HELP)
      .action(async (options: NewOptions) => {
        process.exitCode = await runNew(options, { stdout: process.stdout, stderr: process.stderr });
      });
  },
};
