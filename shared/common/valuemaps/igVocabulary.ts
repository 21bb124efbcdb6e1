import { CrosswalkError } from '../errors/CrosswalkError';
import { codingSystemUri } from '../functions/code/codingSystems';
import { parseCsvRows } from './csv';
import { parseValueMap } from './parseValueMap';
import type { UnmappedPolicy, ValueMap, ValueMapEntry } from './ValueMap';

/** One row of an IG vocabulary table: a v2 code and the FHIR code it maps to (none: the IG leaves it unmapped). */
export interface IgVocabularyRow {
  code: string;
  /** The v2 code system, as the IG names it (`HL70001`). */
  system?: string;
  target?: string;
  display?: string;
  targetSystem?: string;
  comment?: string;
}

/**
 * Reads a vocabulary map of the HL7 v2-to-FHIR IG (its `mappings/codesystems/*.csv` layout: v2
 * code, text, v2 code system, condition columns, FHIR code, display, FHIR system, comments). The
 * columns are found by the second header row, since a few tables leave out the blank column
 * between the FHIR code and its display or a condition column; a display the IG wrote in that
 * blank column counts too. Rows without a v2 code are left out.
 */
export function igVocabularyRows(text: string): IgVocabularyRow[] {
  const rows = parseCsvRows(text);
  const header = (rows[1]?.fields ?? []).map((name) => name.trim());
  const target = header.indexOf('Code', 3);
  const display = header.indexOf('Display', target + 1);
  const targetSystem = header.indexOf('Code System', target + 1);
  if (rows.length < 2 || header[0] !== 'Code' || target < 0 || targetSystem < 0) {
    throw new CrosswalkError('CSV_INVALID', 'This is not a v2-to-FHIR IG vocabulary table: its second row should read Code, Text, Code System, … Code, , Display, Code System.', { line: rows[1]?.line ?? 1 });
  }
  const comments = (rows[0]?.fields ?? []).findIndex((name) => name.trim() === 'Comments');
  const out: IgVocabularyRow[] = [];
  for (const { fields } of rows.slice(2)) {
    const cell = (index: number): string | undefined => (index < 0 ? undefined : fields[index]?.trim() || undefined);
    const code = cell(0);
    if (code === undefined) continue;
    const row: IgVocabularyRow = { code };
    const shown = cell(display) ?? (display > target + 1 ? cell(target + 1) : undefined);
    for (const [key, value] of [['system', cell(2)], ['target', cell(target)], ['display', shown], ['targetSystem', cell(targetSystem)], ['comment', cell(comments)]] as const) {
      if (value !== undefined) row[key] = value;
    }
    out.push(row);
  }
  return out;
}

/**
 * A value map from the rows of an IG vocabulary table. Rows the IG leaves without a FHIR code are
 * not entries: they fall to the unmapped policy; a code listed twice keeps its first row. The
 * first mapped row's target system becomes the map's; rows with another system carry their own.
 */
export function valueMapFromIgRows(rows: readonly IgVocabularyRow[], base: { id: string; name: string; unmapped: UnmappedPolicy; description?: string }): ValueMap {
  const entries: ValueMapEntry[] = [];
  const entrySystems: (string | undefined)[] = [];
  let sourceSystemName: string | undefined;
  const seen = new Set<string>();
  for (const row of rows) {
    if (row.target === undefined || seen.has(row.code)) continue;
    seen.add(row.code);
    sourceSystemName ??= row.system;
    const entry: ValueMapEntry = { source: row.code, target: row.target };
    if (row.display !== undefined) entry.display = row.display;
    if (row.comment !== undefined) entry.comment = row.comment;
    entries.push(entry);
    entrySystems.push(row.targetSystem);
  }
  const targetSystem = entrySystems.find((s) => s !== undefined);
  entries.forEach((entry, i) => {
    if (entrySystems[i] !== targetSystem && entrySystems[i] !== undefined) entry.system = entrySystems[i];
  });
  const map: Record<string, unknown> = { ...base, entries };
  const sourceSystem = codingSystemUri(sourceSystemName);
  if (sourceSystem !== undefined) map.sourceSystem = sourceSystem;
  if (targetSystem !== undefined) map.targetSystem = targetSystem;
  return parseValueMap(map, { path: 'CSV' });
}

/** A value map from the text of an IG vocabulary table (igVocabularyRows, then valueMapFromIgRows). */
export function valueMapFromIgVocabulary(text: string, base: { id: string; name: string; unmapped: UnmappedPolicy; description?: string }): ValueMap {
  return valueMapFromIgRows(igVocabularyRows(text), base);
}
