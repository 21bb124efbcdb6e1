import { buildSpec } from '../../shared/common/mapping/build/MapBuilder';
import { copyLibraryMap, libraryMaps } from '../../shared/common/library/libraryMaps';
import type { MapDefinition, MappingSettings, MappingSpec } from '../../shared/common/mapping/spec/MappingSpec';
import type { ValueMap } from '../../shared/common/valuemaps/ValueMap';

/**
 * An example's spec: its own maps, then every library map they call (copied in with what those
 * call and the value maps they use, as the studio copies a library map). No layout: the studio
 * lays out each map when it is first shown, with the one auto-layout users get.
 */
export function assembleExample(maps: readonly MapDefinition[], valueMaps: readonly ValueMap[], settings: MappingSettings): MappingSpec {
  let spec = buildSpec(maps, valueMaps, settings);
  const library = new Set(libraryMaps.map((entry) => entry.map.id));
  for (;;) {
    const have = new Set(spec.maps.map((m) => m.id));
    const missing = spec.maps.flatMap((m) => m.nodes.flatMap((n) => (n.kind === 'call' && !have.has(n.map) && library.has(n.map) ? [n.map] : [])));
    if (missing.length === 0) break;
    spec = copyLibraryMap(spec, missing[0]);
  }
  return spec;
}
