import { igLibraryMap, igLibraryValueMap } from './igLibrary';
import { igNames, igTableKey, type IgElementRow, type IgTable, type IgTables } from './IgTables';

/** The names of the IG tables an import may read, by kind. */
export interface IgTableNames {
  messages: string[];
  segments: string[];
  datatypes: string[];
  vocabularies: string[];
  /** Their files, relative to the IG's `mappings/` folder, sorted. */
  files: string[];
}

/**
 * The tables the importer may read for these message maps: the message tables, the segment maps
 * they name, the data type and vocabulary maps those name, and so on down. A map the library
 * already has (CX[Identifier], AdministrativeSex) is the library's, so its IG table and what only
 * it names are not needed. Names the IG writes but has no table for are left out (the importer
 * notes them). This decides which tables ship in data/v2-to-fhir-ig/.
 */
export function igTableClosure(tables: IgTables, messages: readonly string[] = tables.messages.map((t) => t.name)): IgTableNames {
  const index = <R>(list: IgTable<R>[]): Map<string, IgTable<R>> => new Map(list.map((t) => [igTableKey(t.name), t]));
  const segments = index(tables.segments);
  const datatypes = index(tables.datatypes);
  const vocabularies = index(tables.vocabularies);
  const out = { messages: new Set<string>(), segments: new Set<string>(), datatypes: new Set<string>(), vocabularies: new Set<string>() };
  const files = new Set<string>();
  const walk = (rows: readonly IgElementRow[]): void => {
    for (const row of rows) {
      for (const name of igNames(row.vocabulary)) {
        const table = vocabularies.get(igTableKey(name));
        if (!table || igLibraryValueMap(name)) continue;
        out.vocabularies.add(table.name);
        files.add(table.file);
      }
      for (const name of igNames(row.datatypeMap)) {
        const table = datatypes.get(igTableKey(name));
        if (!table || igLibraryMap(name) || out.datatypes.has(table.name)) continue;
        out.datatypes.add(table.name);
        files.add(table.file);
        walk(table.rows);
      }
    }
  };
  for (const message of tables.messages) {
    if (!messages.includes(message.name)) continue;
    out.messages.add(message.name);
    files.add(message.file);
    for (const row of message.rows) {
      for (const name of igNames(row.map)) {
        const table = segments.get(igTableKey(name));
        if (!table || out.segments.has(table.name)) continue;
        out.segments.add(table.name);
        files.add(table.file);
        walk(table.rows);
      }
    }
  }
  const sorted = (set: Set<string>): string[] => [...set].sort();
  return { messages: sorted(out.messages), segments: sorted(out.segments), datatypes: sorted(out.datatypes), vocabularies: sorted(out.vocabularies), files: sorted(files) };
}
