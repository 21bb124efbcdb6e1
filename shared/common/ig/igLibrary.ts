import { libraryMaps, type LibraryMapEntry } from '../library/libraryMaps';
import { igVocabularySources } from '../library/valueMaps';
import type { ValueMap } from '../valuemaps/ValueMap';
import { igTableKey } from './IgTables';

const mapsByKey: ReadonlyMap<string, LibraryMapEntry> = new Map(libraryMaps.map((entry) => [igTableKey(entry.map.id), entry]));

// The library's vocabulary maps are named after the IG table they are built from (cs_AdministrativeSex.csv).
const valueMapsByKey: ReadonlyMap<string, ValueMap> = new Map(igVocabularySources.map(({ map, csv }) => [igTableKey(csv.replace(/^cs_|\.csv$/g, '')), map]));

/** The library's data type map for an IG data type map name (`CX[Identifier]`, `DTM[DateTime]`), if it has one. */
export function igLibraryMap(name: string): LibraryMapEntry | undefined {
  return mapsByKey.get(igTableKey(name));
}

/** The library's value map for an IG vocabulary map name (`AdministrativeSex`), if it has one. */
export function igLibraryValueMap(name: string): ValueMap | undefined {
  return valueMapsByKey.get(igTableKey(name));
}
