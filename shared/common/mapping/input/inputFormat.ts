import { CrosswalkError } from '../../errors/CrosswalkError';
import { inferredValueTypes, type InferredValueType } from '../../schema/valueTypes';
import { messageMaps, type MappingSpec } from '../spec/MappingSpec';
import { sourceSchemaTree } from './sourceSchema';

/** How a CSV input is read: where its header is, what separates cells, what one message is, and each column's type. */
export interface CsvFormat {
  standard: 'csv';
  delimiter: string;
  /** The header is this record of the file (1: the first); records above it are skipped. */
  headerRow: number;
  messages: 'row' | 'file';
  /** The columns the schema knows, by name, with the type a cell is read as; empty when the spec gives no schema. */
  columns: ReadonlyMap<string, InferredValueType>;
}

/** What a mapping's inputs are, as its message maps read them: one kind per mapping. */
export type InputFormat = { standard: 'hl7v2' } | { standard: 'json' } | CsvFormat;

/**
 * The input format of a mapping, from its message maps' sources (checkSpecReferences has made sure
 * they read one kind). A CSV mapping is read as its first message map's source says; message maps
 * that would read the same file another way are refused (SPEC_MIXED_INPUTS).
 */
export function inputFormatOf(spec: Pick<MappingSpec, 'maps'>): InputFormat {
  const maps = messageMaps(spec);
  const first = maps[0]?.sources[0].schema;
  if (first === undefined || first.standard === 'hl7v2' || first.standard === 'fhir-r4') return { standard: 'hl7v2' };
  if (first.standard === 'json') return { standard: 'json' };
  const format: CsvFormat = {
    standard: 'csv',
    delimiter: first.delimiter ?? ',',
    headerRow: first.headerRow ?? 1,
    messages: first.messages ?? 'row',
    columns: csvColumns(sourceSchemaTree(first, `maps[${spec.maps.indexOf(maps[0])}].sources[0].schema`)),
  };
  for (const map of maps.slice(1)) {
    const ref = map.sources[0].schema;
    if (ref.standard === 'csv' && (ref.delimiter ?? ',') === format.delimiter && (ref.headerRow ?? 1) === format.headerRow && (ref.messages ?? 'row') === format.messages) continue;
    throw new CrosswalkError('SPEC_MIXED_INPUTS', `Message map ${map.id} reads its CSV input another way than message map ${maps[0].id} (delimiter, header row or one message per row or file); one mapping reads its files one way.`, { path: `maps[${spec.maps.indexOf(map)}].sources[0].schema` });
  }
  return format;
}

function csvColumns(root: ReturnType<typeof sourceSchemaTree>): Map<string, InferredValueType> {
  const columns = new Map<string, InferredValueType>();
  for (const child of root?.children ?? []) {
    const type = (inferredValueTypes as readonly string[]).includes(child.dataType ?? '') ? child.dataType as InferredValueType : 'string';
    columns.set(child.name, type);
  }
  return columns;
}

/** What a reader calls the format in sentences. */
export function inputFormatName(format: InputFormat): string {
  return format.standard === 'hl7v2' ? 'HL7 v2' : format.standard === 'json' ? 'JSON' : 'CSV';
}
