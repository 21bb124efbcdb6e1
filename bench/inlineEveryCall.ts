import { inlineMap } from '../shared/common/mapping/edit/inlineMap';
import type { MappingSpec } from '../shared/common/mapping/spec/MappingSpec';
import type { SchemaCatalog } from '../shared/common/schema/SchemaCatalog';
import { schemaRowsFor } from '../shared/node/fixtures/schemaRows';

export interface Flattened {
  spec: MappingSpec;
  /** Call nodes left in the message map: those Inline map refuses (a map output feeding a node, a repeating input into a single element). */
  left: number;
  inlined: number;
}

/**
 * The same mapping with its maps' links written flat: every map call in the message map inlined
 * by the studio's own Inline map (shared/common/mapping/edit), repeatedly, until only the calls it
 * refuses remain. What "the same links written flat" means for the maps-versus-flat comparison.
 */
export async function inlineEveryCall(spec: MappingSpec, catalog: SchemaCatalog): Promise<Flattened> {
  let current = spec;
  let inlined = 0;
  const refused = new Set<string>();
  for (;;) {
    const message = current.maps.find((m) => m.kind === 'message');
    const call = message?.nodes.find((n) => n.kind === 'call' && !refused.has(n.id));
    if (!message || !call) return { spec: current, left: refused.size, inlined };
    try {
      current = inlineMap(current, message.id, call.id, await schemaRowsFor(catalog, current)).spec;
      inlined++;
    } catch {
      refused.add(call.id);
    }
  }
}
