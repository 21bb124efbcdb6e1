import type { IgVocabularyRow } from '../valuemaps/igVocabulary';

/** Bump when the compact form changes, so an old generated/ig is rebuilt and a stale one refused. */
export const IG_TABLES_FORMAT = 1;

/**
 * One row of an IG message map (`mappings/messages/*.csv`): a segment of the message structure
 * (`VXU_V04.ORDER.ORC`), the resource it becomes (`Immunization[1]`) with which segment map, under
 * which condition, and how the resources reference each other. Only the columns the importer
 * reads are kept; empty cells are left out.
 */
export interface IgMessageRow {
  /** The IG's sort order (`12.1`), which tells its rows apart. */
  sort: string;
  /** The structure path of the segment or group (`VXU_V04.ORDER.ORC`; a group's end starts with `/`). */
  segment: string;
  name?: string;
  /** "Computable ANTLR" (`IF PID-33 AND PID-34 VALUED`). */
  condition?: string;
  /** The narrative condition, in the IG's words. */
  narrative?: string;
  /** "Primary Target" (`Patient[1]`, `Observation[1].note`, `Provenance[1].entity.what(Device)`). */
  target?: string;
  /** "Segment Map" (`PID[Patient]`). */
  map?: string;
  /** "References" (`Observation[2].subject.reference=Patient[1].id; …`). */
  references?: string;
  comments?: string;
}

/**
 * One row of an IG segment or data type map (`mappings/segments`, `mappings/datatypes`): a v2
 * element (`PID-5`, `CX.4`) → a FHIR attribute, with the data type map, vocabulary map or fixed
 * assignment, under a condition.
 */
export interface IgElementRow {
  sort: string;
  /** `PID-5`, `CX.4`. */
  element: string;
  name?: string;
  /** The v2 data type (`XPN`), as the IG (v2.9) defines the element. */
  type?: string;
  condition?: string;
  narrative?: string;
  /** "FHIR Attribute" (`name[1]`, `extension[1].url`, `performer.actor(Practitioner)`, `$value`). */
  attribute?: string;
  /** The unnamed column after it, where the IG writes what it has no attribute for (`extension??-…`, `local implementation`). */
  attributeNote?: string;
  /** The FHIR data type (`HumanName`, `dateTime`). */
  fhirType?: string;
  /** "Data Type Mapping" (`XPN[HumanName]`). */
  datatypeMap?: string;
  /** "Vocabulary Mapping" (`AdministrativeSex`). */
  vocabulary?: string;
  /** "Assignment": a quoted constant (`"http://…"`) or the IG's words for a computed value. */
  assignment?: string;
  comments?: string;
}

export interface IgTable<R> {
  /** The map's name as its file writes it: `ADT_A01`, `PID[Patient]`, `CWE[code]`, `AdministrativeSex`. */
  name: string;
  /** The file it was read from, relative to the IG's `mappings/` folder. */
  file: string;
  rows: R[];
}

/** The IG tables the importer reads, in the compact form `npm run build` writes to generated/ig/. */
export interface IgTables {
  format: typeof IG_TABLES_FORMAT;
  /** Where the tables come from (repository, commit, license). */
  source: string;
  messages: IgTable<IgMessageRow>[];
  segments: IgTable<IgElementRow>[];
  datatypes: IgTable<IgElementRow>[];
  vocabularies: IgTable<IgVocabularyRow>[];
}

export type { IgVocabularyRow };

/**
 * How the IG's tables name each other, made comparable: the tables write `CWE[Code]`,
 * `DTM[DateTime]`, `Yes/NoIndicator` and `Contact Role` for the files `CWE[code]`, `DTM[dateTime]`,
 * `YesNoIndicator` and `ContactRole`.
 */
export function igTableKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9[\]\-.]/g, '');
}

/** The names a cell lists (`PID[Patient]`, or several separated by commas, semicolons or lines). */
export function igNames(cell: string | undefined): string[] {
  return (cell ?? '').split(/[,;\n]/).map((name) => name.trim()).filter((name) => name !== '');
}
