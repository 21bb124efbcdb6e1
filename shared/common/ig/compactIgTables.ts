import { CrosswalkError } from '../errors/CrosswalkError';
import { parseCsvRows } from '../valuemaps/csv';
import { igVocabularyRows } from '../valuemaps/igVocabulary';
import { IG_TABLES_FORMAT, type IgElementRow, type IgMessageRow, type IgTable, type IgTables } from './IgTables';

/** One CSV file of the IG's `mappings/` folder: its path there (`segments/HL7 Segment - FHIR R4_ PID[Patient] - PID.csv`) and text. */
export interface IgTableFile {
  path: string;
  text: string;
}

const FOLDERS = {
  messages: /^messages\/HL7 Message - FHIR R4_ (.+?) - [^/]*\.csv$/,
  segments: /^segments\/HL7 Segment - FHIR R4_ (.+?) - [^/]*\.csv$/,
  datatypes: /^datatypes\/HL7 Data Type - FHIR R4_ (.+?) - [^/]*\.csv$/,
  vocabularies: /^codesystems\/HL7 Concept Map_ (.+?) - [^/]*\.csv$/,
} as const;

/** Column positions of the two layouts (the IG's files agree on them); "Comments" is looked up per file. */
const MESSAGE_COLUMNS = { name: 3, condition: 6, narrative: 8, target: 9, map: 10, references: 11 } as const;
const ELEMENT_COLUMNS = {
  name: 2, type: 3, condition: 6, narrative: 8, attribute: 9, attributeNote: 10, fhirType: 11, datatypeMap: 14, vocabulary: 15, assignment: 16,
} as const;

/**
 * The data rows of a table as objects: `sort` from column 0, `key` from column 1 (message rows
 * without it are left out), the named columns, and the comments; empty cells are left out.
 */
function tableRows<R>(text: string, path: string, key: 'segment' | 'element', columns: Readonly<Record<string, number | undefined>>): R[] {
  const rows = parseCsvRows(text);
  if (rows.length < 2) throw new CrosswalkError('IG_TABLE_INVALID', `The IG table ${path} has no header rows.`, { file: path });
  // The first header row names the column groups; "Comments" is the last one and moves between files.
  const comments = rows[0].fields.findIndex((name) => name.trim() === 'Comments');
  const out: R[] = [];
  for (const { fields } of rows.slice(2)) {
    const cell = (index: number): string | undefined => (index < 0 ? undefined : fields[index]?.trim() || undefined);
    // An element table's row 0 speaks of the whole segment or type (PD1[Observation-LivingWill]'s
    // status "final", TXA[DocumentReference]'s status "current" IF TXA-19 NOT VALUED): kept, without an element.
    const id = cell(1) ?? (key === 'element' && cell(columns.attribute ?? -1) !== undefined ? '' : undefined);
    if (id === undefined) continue;
    const row: Record<string, string> = { sort: cell(0) ?? '', [key]: id };
    for (const [name, index] of [...Object.entries(columns), ['comments', comments] as const]) {
      const value = cell(index ?? -1);
      if (value !== undefined) row[name] = value;
    }
    out.push(row as R);
  }
  return out;
}

/**
 * The IG's tables in the compact form the importer reads (generated/ig/, written by `npm run
 * build` from data/v2-to-fhir-ig/): each table's rows as objects holding only the columns the
 * importer uses, tables sorted by name. A file outside the four table folders is refused.
 */
export function compactIgTables(files: readonly IgTableFile[], source: string): IgTables {
  const out: IgTables = { format: IG_TABLES_FORMAT, source, messages: [], segments: [], datatypes: [], vocabularies: [] };
  for (const file of files) {
    const kind = (Object.keys(FOLDERS) as Array<keyof typeof FOLDERS>).find((k) => FOLDERS[k].test(file.path));
    if (kind === undefined) {
      throw new CrosswalkError('IG_TABLE_INVALID', `The file ${file.path} is not an IG message, segment, data type or vocabulary table.`, { file: file.path });
    }
    const name = (FOLDERS[kind].exec(file.path) as RegExpExecArray)[1];
    try {
      if (kind === 'messages') out.messages.push({ name, file: file.path, rows: tableRows<IgMessageRow>(file.text, file.path, 'segment', MESSAGE_COLUMNS) });
      else if (kind === 'vocabularies') out.vocabularies.push({ name, file: file.path, rows: igVocabularyRows(file.text) });
      else out[kind].push({ name, file: file.path, rows: tableRows<IgElementRow>(file.text, file.path, 'element', ELEMENT_COLUMNS) });
    } catch (error) {
      throw error instanceof CrosswalkError ? error.at({ file: file.path }) : error;
    }
  }
  const byName = (a: IgTable<unknown>, b: IgTable<unknown>): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const list of [out.messages, out.segments, out.datatypes, out.vocabularies] as IgTable<unknown>[][]) list.sort(byName);
  return out;
}
