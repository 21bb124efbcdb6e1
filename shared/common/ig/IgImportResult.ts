import type { MappingSpec } from '../mapping/spec/MappingSpec';

/** Why an IG row became a note instead of a link, by code (the summary counts them). */
export const IG_NOTE_REASONS = {
  'narrative-condition': 'its condition is narrative only',
  'unreadable-condition': 'its condition cannot be read as an expression',
  'no-attribute': 'the IG names no FHIR attribute for it',
  'unreadable-attribute': 'its FHIR attribute cannot be read',
  'unknown-element': 'FHIR R4 has no such element',
  'creates-resource': 'it creates another resource and references it',
  'computed-value': 'its value is computed as the IG says in words',
  'missing-map': 'the map it names has no IG table',
  'empty-map': 'the map it names writes nothing the engine can express',
  'incomplete-item': 'the rest of the element it completes is a note',
  'type-mismatch': 'its value does not fit the element',
  'not-in-version': 'the chosen v2 version has no such element',
  'second-item': 'the engine cannot tell which item of a repeating element it writes',
  'no-resource': 'the resource it adds to is not created',
  'segment-in-several-groups': 'it makes one resource per segment that stands in several groups, and the engine would iterate all of them',
  'bundle': 'the engine writes the transaction Bundle itself',
  'reference': 'a reference the engine cannot write',
  'required-unfilled': 'what it makes lacks an element FHIR R4 requires, which no IG row fills',
  'ig-invalid': 'the IG itself writes an element FHIR R4 refuses as it stands (kept, and the run fails where it applies)',
  'unbound-code': 'it writes a field as sent into a code FHIR R4 binds to a required value set, with no vocabulary map',
} as const;
export type IgNoteReason = keyof typeof IG_NOTE_REASONS;

/** "a Patient", "an Observation": how a note names one resource of a type. */
export function aResource(type: string): string {
  return `${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}`;
}

/** One IG row (or reference) that became a note: where it is on the canvas and why. */
export interface IgImportNote {
  /** The map the note is on (`PID[Patient]`). */
  map: string;
  /** The note node's id. */
  node: string;
  /** The IG table the row is from (`PID[Patient]`, `VXU_V04`). */
  table: string;
  /** The row, as the IG writes it (`PID-19 → identifier[4].type.coding.code`, `12.1 VXU_V04.ORDER.ORC → ServiceRequest[1]`). */
  row: string;
  reason: IgNoteReason;
  /** The note's text: what the row asks, why it is a note, and the IG's words. */
  text: string;
}

/** A place where the importer reads the IG otherwise than it is written (a typo), said out loud. */
export interface IgCorrection {
  table: string;
  row: string;
  ig: string;
  read: string;
  reason: string;
}

export interface IgImportCounts {
  /** Every row of every IG table the import generated a map from. */
  rows: number;
  /** Rows that became links (or map calls) without a condition. */
  links: number;
  /** Rows that became links under a condition node translated from the IG's. */
  conditions: number;
  /** Rows that became notes on the canvas. */
  notes: number;
  /** Rows where the IG maps nothing (a field with no FHIR attribute). */
  unmapped: number;
  /** Notes by reason. */
  byReason: Partial<Record<IgNoteReason, number>>;
  /** The message maps' References column, clause by clause. */
  references: { links: number; notes: number };
  /** Narrative remarks of linked rows, kept as notes beside them. */
  remarks: number;
}

export interface IgImportResult {
  /** The IG message map imported (`VXU_V04`) and the v2 version its maps read. */
  message: string;
  version: string;
  /** Where the tables come from. */
  source: string;
  spec: MappingSpec;
  counts: IgImportCounts;
  notes: IgImportNote[];
  /** Maps generated from IG tables, and maps taken from Crosswalk's map library (with their listed deviations). */
  maps: { generated: string[]; library: string[] };
  valueMaps: { generated: string[]; library: string[] };
  corrections: IgCorrection[];
}

/** The closing summary: counts, then each note reason with its count, then the corrections. */
export function describeIgImport(result: IgImportResult): string[] {
  const { counts } = result;
  const lines = [
    `${result.message} (HL7 v${result.version}) from the HL7 v2-to-FHIR IG: ${result.spec.maps.length} maps (${result.maps.generated.length} generated from IG tables, ${result.maps.library.length} from the map library), ${result.spec.valueMaps.length} value maps.`,
    `${counts.rows} IG rows: ${counts.links} links, ${counts.conditions} conditions, ${counts.notes} notes, ${counts.unmapped} the IG leaves unmapped; references: ${counts.references.links} links, ${counts.references.notes} notes; ${counts.remarks} remarks kept as notes.`,
  ];
  const reasons = Object.entries(counts.byReason).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [reason, n] of reasons) lines.push(`  ${n} note${n === 1 ? '' : 's'}: ${IG_NOTE_REASONS[reason as IgNoteReason]}`);
  for (const c of result.corrections) lines.push(`  read ${c.table} ${c.row} as ${JSON.stringify(c.read)} for the IG's ${JSON.stringify(c.ig)}: ${c.reason}`);
  return lines;
}
