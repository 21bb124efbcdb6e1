import { CrosswalkError } from '../errors/CrosswalkError';
import { codingSystemUri } from '../functions/code/codingSystems';
import { parseCsvRows } from './csv';
import { parseValueMap } from './parseValueMap';
import type { UnmappedPolicy, ValueMap, ValueMapEntry } from './ValueMap';

/**
 * Reads a vocabulary map of the HL7 v2-to-FHIR IG (its `mappings/codesystems/*.csv` layout: v2
 * code, text, v2 code system, three condition columns, FHIR code, a display column the IG fills
 * in either of two places, FHIR system, comments) into a value map. Rows the IG leaves without a
 * FHIR code are not entries: they fall to the unmapped policy. The first mapped row's target
 * system becomes the map's; rows with another system carry their own.
 */
export function valueMapFromIgVocabulary(text: string, base: { id: string; name: string; unmapped: UnmappedPolicy; description?: string }): ValueMap {
  const rows = parseCsvRows(text);
  const header = rows[1]?.fields ?? [];
  if (rows.length < 2 || header[0] !== 'Code' || header[6] !== 'Code' || header[9] !== 'Code System') {
    throw new CrosswalkError('CSV_INVALID', 'This is not a v2-to-FHIR IG vocabulary table: its second row should read Code, Text, Code System, … Code, , Display, Code System.', { line: rows[1]?.line ?? 1 });
  }
  const entries: ValueMapEntry[] = [];
  const entrySystems: (string | undefined)[] = [];
  let sourceSystemName: string | undefined;
  const seen = new Set<string>();
  for (const { fields } of rows.slice(2)) {
    const source = fields[0]?.trim();
    const target = fields[6]?.trim();
    if (!source || !target || seen.has(source)) continue;
    seen.add(source);
    sourceSystemName ??= fields[2]?.trim() || undefined;
    const display = fields[8]?.trim() || fields[7]?.trim() || undefined;
    const system = fields[9]?.trim() || undefined;
    const entry: ValueMapEntry = { source, target };
    if (display !== undefined) entry.display = display;
    const comment = fields[11]?.trim();
    if (comment) entry.comment = comment;
    entries.push(entry);
    entrySystems.push(system);
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
