import { buildSpec } from '../../shared/common/mapping/build/MapBuilder';
import { copyLibraryMap, libraryMaps } from '../../shared/common/library/libraryMaps';
import type { MapDefinition, MappingSettings, MappingSpec } from '../../shared/common/mapping/spec/MappingSpec';
import type { ValueMap } from '../../shared/common/valuemaps/ValueMap';
import { layeredLayout } from './layout';

/**
 * An example's spec: its own maps, then every library map they call (copied in with what those
 * call and the value maps they use, as the studio copies a library map), and a tidy canvas
 * layout for each map so the example opens readable.
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
  const layout: NonNullable<MappingSpec['layout']>['maps'] = {};
  for (const map of spec.maps) layout[map.id] = { nodes: layeredLayout({ ...map, valueMaps: spec.valueMaps }) };
  return { ...spec, layout: { maps: layout } };
}
