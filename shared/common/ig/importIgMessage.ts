import { CrosswalkError } from '../errors/CrosswalkError';
import { copyLibraryMap } from '../library/libraryMaps';
import { buildSpec } from '../mapping/build/MapBuilder';
import type { MapDefinition, MappingSettings } from '../mapping/spec/MappingSpec';
import { parseSpec } from '../mapping/spec/parseSpec';
import type { SchemaCatalog } from '../schema/SchemaCatalog';
import { IgImporter } from './IgImporter';
import type { IgImportResult } from './IgImportResult';
import { buildMessageMap } from './igMessageMap';
import type { IgTables } from './IgTables';

export interface IgImportOptions {
  /** The HL7 v2 version the maps read (default 2.5.1): message structures and segment fields are that version's. */
  version?: string;
  /** `settings.defaultTimezone` of the new mapping (default `Z`): the offset of times sent without one. */
  defaultTimezone?: string;
}

/** The message maps of the IG, the ones `importIgMessage` starts from. */
export function igMessageNames(tables: IgTables): string[] {
  return tables.messages.map((t) => t.name);
}

/**
 * A new mapping (`crosswalk.mapping/2`) from one of the HL7 v2-to-FHIR IG's message maps: the
 * message map, the segment maps it names, the data type maps those name (the map library's where
 * it has one, else generated from the IG table) and the vocabulary maps as value maps, each
 * editable, compiling and running at once. Rows the engine cannot express are notes on their
 * map's canvas with the IG's words; the result counts every row (links, conditions, notes and
 * why, rows the IG leaves unmapped). Pure: the tables and the schema catalog are passed in.
 */
export async function importIgMessage(message: string, tables: IgTables, catalog: SchemaCatalog, options: IgImportOptions = {}): Promise<IgImportResult> {
  const version = options.version ?? '2.5.1';
  const table = tables.messages.find((t) => t.name === message.replace('^', '_'));
  if (!table) {
    throw new CrosswalkError('IG_UNKNOWN_MESSAGE', `The HL7 v2-to-FHIR IG has no message map ${message}; it has ${igMessageNames(tables).join(', ')}.`, { path: message });
  }
  const versions = (await catalog.standards()).find((s) => s.standard === 'hl7v2')?.versions ?? [];
  if (!versions.includes(version)) {
    throw new CrosswalkError('IG_UNKNOWN_VERSION', `Crosswalk reads HL7 v2 versions ${versions.join(', ')}, not ${version}.`, { path: version });
  }
  let structure;
  try {
    structure = await catalog.hl7v2Structure(version, table.name);
  } catch (error) {
    if (error instanceof CrosswalkError) {
      throw new CrosswalkError('IG_NO_STRUCTURE', `HL7 v${version} has no message structure ${table.name}; choose a later version.`, { path: table.name });
    }
    throw error;
  }
  const importer = new IgImporter(tables, catalog, version);
  await importer.init();
  const messageMap = await buildMessageMap(importer, table, structure);
  const generated = [...importer.maps.values()].filter((m): m is MapDefinition => m !== undefined);
  const settings: MappingSettings = { defaultTimezone: options.defaultTimezone ?? 'Z' };
  let spec = buildSpec([messageMap, ...generated], [...importer.valueMaps.values()], settings);
  for (const id of importer.libraryMaps) spec = copyLibraryMap(spec, id);
  const libraryIds = new Set(spec.maps.map((m) => m.id).filter((id) => id !== messageMap.id && !importer.maps.has(id)));
  return {
    message: table.name,
    version,
    source: tables.source,
    spec: parseSpec(spec),
    counts: importer.counts,
    notes: importer.notes,
    maps: { generated: [messageMap.id, ...generated.map((m) => m.id)], library: [...libraryIds] },
    valueMaps: {
      generated: spec.valueMaps.map((v) => v.id).filter((id) => importer.valueMaps.has(id) && !importer.libraryValueMaps.has(id)),
      library: spec.valueMaps.map((v) => v.id).filter((id) => !importer.valueMaps.has(id) || importer.libraryValueMaps.has(id)),
    },
    corrections: importer.corrections,
  };
}
