import type { Command } from 'commander';
import { CrosswalkError, describeLocation } from '../../shared/common/errors/CrosswalkError';
import { inferCsvSchema, inferJsonSchema, limitDepth, type SchemaCatalog, type SchemaNode, type SchemaRef } from '../../shared/common/schema/index';
import { nodeSchemaCatalog } from '../../shared/node/schema/index';
import { inputByteLimit } from '../../shared/node/studio/files/byteLimits';
import { readFileBounded } from '../../shared/node/studio/files/readFileBounded';
import { UsageError, type CommandModule } from './CommandModule';

interface SchemaOptions {
  depth?: string;
  path?: string;
  search?: string;
  list?: boolean;
  table?: string;
  valueSet?: string;
  conceptMap?: string;
  codeSystem?: string;
  hideBoilerplate?: boolean;
  compact?: boolean;
  headerRow?: string;
  delimiter?: string;
}

const STANDARDS = ['hl7v2', 'fhir-r4', 'json', 'csv'] as const;

const HELP = `
Prints a schema tree as JSON: each node has id, path, name, label, kind, dataType, min, max,
repeating, and (HL7 v2) usage, length, table or (FHIR) binding. A node with "hasChildren": true
and no "children" is not expanded: print it with --path <id>.

Examples:
  crosswalk schema hl7v2 2.5.1 ADT_A01            the whole message structure
  crosswalk schema hl7v2 2.5.1 PID --depth 1      a segment and its fields
  crosswalk schema hl7v2 2.5.1 XPN                a data type
  crosswalk schema hl7v2 2.5.1 --table 0001       an HL7 v2 table's codes
  crosswalk schema hl7v2 --list                   the versions; with a version, its structures
  crosswalk schema fhir-r4 Patient                a resource, 2 levels deep
  crosswalk schema fhir-r4 Observation --path 'Observation.value[x]:valueQuantity'
  crosswalk schema fhir-r4 Patient --search birth
  crosswalk schema fhir-r4 --value-set administrative-gender
  crosswalk schema fhir-r4 --concept-map cm-administrative-gender-v2
  crosswalk schema json sample.json               a schema inferred from a JSON sample
  crosswalk schema csv export.csv --header-row 2  a schema inferred from a CSV header and rows`;

function parseDepth(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,3}$/.test(text)) throw new UsageError(`--depth takes a whole number of levels, not ${JSON.stringify(text)}.`);
  return Number(text);
}

function print(value: unknown, compact: boolean | undefined): void {
  // `crosswalk schema ... | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.once('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  process.stdout.write(`${JSON.stringify(value, null, compact ? undefined : 2)}\n`);
}

async function readSample(file: string): Promise<string> {
  try {
    return (await readFileBounded(file, inputByteLimit())).toString('utf8');
  } catch (error) {
    if (error instanceof CrosswalkError) throw error.at({ file });
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new CrosswalkError('SCHEMA_SAMPLE_UNREADABLE', `The sample file ${file} ${reason}.`, { file });
  }
}

async function inferred(kind: 'json' | 'csv', args: string[], options: SchemaOptions): Promise<void> {
  if (args.length !== 1) throw new UsageError(`name one ${kind.toUpperCase()} sample file, e.g. crosswalk schema ${kind} sample.${kind}.`);
  const [file] = args;
  const depth = parseDepth(options.depth);
  const text = await readSample(file);
  let headerRow: number | undefined;
  if (options.headerRow !== undefined) {
    if (!/^[1-9]\d{0,5}$/.test(options.headerRow)) throw new UsageError(`--header-row takes a line number from 1, not ${JSON.stringify(options.headerRow)}.`);
    headerRow = Number(options.headerRow);
  }
  const delimiter = options.delimiter?.replace('\\t', '\t');
  if (delimiter !== undefined && delimiter.length !== 1) {
    throw new UsageError(`--delimiter takes one character, not ${JSON.stringify(options.delimiter)}.`);
  }
  try {
    const tree = kind === 'json'
      ? inferJsonSchema(text)
      : inferCsvSchema(text, { headerRow, delimiter });
    print(depth === undefined ? tree : limitDepth(tree, depth), options.compact);
  } catch (error) {
    throw error instanceof CrosswalkError ? error.at({ file }) : error;
  }
}

async function run(catalog: SchemaCatalog, standardArg: string, args: string[], options: SchemaOptions): Promise<void> {
  if (!(STANDARDS as readonly string[]).includes(standardArg)) {
    throw new UsageError(`unknown standard ${JSON.stringify(standardArg)}; use hl7v2, fhir-r4, json or csv.`);
  }
  if (standardArg === 'json' || standardArg === 'csv') return inferred(standardArg, args, options);
  const standard = standardArg as SchemaRef['standard'];
  if (args.length > 2) throw new UsageError(`too many arguments: ${args.join(' ')}.`);
  const info = (await catalog.standards()).find((s) => s.standard === standard);
  const versions = info?.versions ?? [];
  // FHIR has one version, so `fhir-r4 Patient` is enough; HL7 v2 always names its version.
  let version: string | undefined;
  let structure: string | undefined;
  if (standard === 'fhir-r4' && args.length === 1) [structure] = args;
  else [version, structure] = args;
  version ??= standard === 'fhir-r4' ? versions[0] : undefined;

  if (options.valueSet !== undefined) return print(await catalog.expandValueSet(options.valueSet), options.compact);
  if (options.conceptMap !== undefined) return print(await catalog.getConceptMap(options.conceptMap), options.compact);
  if (options.codeSystem !== undefined) return print(await catalog.getCodeSystem(options.codeSystem), options.compact);
  if (options.table !== undefined) return print(await catalog.hl7v2Table(options.table), options.compact);

  if (options.list && version === undefined) return print({ standard, versions }, options.compact);
  if (version === undefined) {
    throw new UsageError(`name an HL7 v2 version (${versions.join(', ')}) and a structure, e.g. crosswalk schema hl7v2 2.5.1 ADT_A01.`);
  }
  if (options.list) {
    const structures = await catalog.listStructures(standard, version);
    return print(structures, options.compact);
  }
  if (structure === undefined) {
    throw new UsageError(`name a ${standard === 'hl7v2' ? 'message structure, segment or data type' : 'resource or data type'}, or use --list.`);
  }
  const ref: SchemaRef = { standard, version, structure: structure.replace('^', '_') };
  if (options.search !== undefined) {
    return print(await catalog.search(ref, options.search, { depth: parseDepth(options.depth) }), options.compact);
  }
  const tree: SchemaNode = await catalog.tree(ref, {
    path: options.path, depth: parseDepth(options.depth), hideBoilerplate: options.hideBoilerplate,
  });
  print(tree, options.compact);
}

export const schemaCommand: CommandModule = {
  name: 'schema',
  register(program: Command): void {
    program
      .command('schema')
      .summary('print an HL7 v2 or FHIR R4 schema tree (or a table, value set, concept map) as JSON')
      .description('Print an HL7 v2 or FHIR R4 schema tree (or a table, value set, concept map) as JSON.')
      .argument('<standard>', 'hl7v2, fhir-r4, or json / csv to infer a schema from a sample file')
      .argument('[version]', 'HL7 v2 version (2.3, 2.3.1, 2.4, 2.5, 2.5.1, 2.6, 2.7, 2.7.1); optional for fhir-r4 (4.0.1)')
      .argument('[structure]', 'message structure (ADT_A01), segment (PID) or data type (XPN); FHIR resource (Patient) or data type (HumanName)')
      .option('--depth <levels>', 'levels of children to print (default: all for hl7v2, 2 for fhir-r4)')
      .option('--path <id>', "print the subtree at this node id (PID-5, PROCEDURE/PR1, Patient.contact, 'Observation.value[x]:valueQuantity')")
      .option('--search <words>', 'print the nodes whose path, name, label or type contain every word')
      .option('--list', 'list the versions, or with a version the structures')
      .option('--hide-boilerplate', 'FHIR: leave out extension, modifierExtension and element ids')
      .option('--table <id>', 'print an HL7 v2 table (0001) with its codes')
      .option('--value-set <url|id>', 'print the expansion of a FHIR value set')
      .option('--concept-map <id|url>', 'print a FHIR ConceptMap (cm-administrative-gender-v2)')
      .option('--code-system <url|id>', 'print a FHIR CodeSystem (http://terminology.hl7.org/CodeSystem/v2-0001)')
      .option('--header-row <line>', 'csv: the line holding the column names (default 1)')
      .option('--delimiter <char>', 'csv: the delimiter (default: guessed from , ; tab |; write \\t for tab)')
      .option('--compact', 'print JSON on one line')
      .addHelpText('after', HELP)
      .action(async (standard: string, version: string | undefined, structure: string | undefined, options: SchemaOptions) => {
        const args = [version, structure].filter((arg): arg is string => arg !== undefined);
        try {
          await run(nodeSchemaCatalog(), standard, args, options);
        } catch (error) {
          if (error instanceof CrosswalkError) {
            const place = describeLocation(error.where);
            process.stderr.write(`crosswalk: ${error.message} (${error.code}${error.where.file !== undefined && place ? `, ${place}` : ''})\n`);
            process.exitCode = 1;
            return;
          }
          throw error;
        }
      });
  },
};
