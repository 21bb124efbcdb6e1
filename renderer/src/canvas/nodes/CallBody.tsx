import type { CallNode, MapDefinition } from '../../../../shared/common/mapping/spec/MappingSpec';
import { mapTypes } from '../../../../shared/common/mapping/compile/compileMapping';
import { useDocumentStore } from '../../state/documentStore';
import { callChain } from '../../state/mapTrail';
import type { NodeBodyProps, NodeView } from './NodeView';

/** What the called map reads and writes, and the way into it (also a double-click on the node). */
/** `segment map · PID → Patient`: what the call's body says of its map. */
function summary(callee: MapDefinition | undefined): string {
  if (!callee) return 'missing map';
  const types = mapTypes(callee);
  return `${callee.kind === 'datatype' ? 'data type' : callee.kind} map · ${types.input} → ${types.output}`;
}

function CallBody({ node }: NodeBodyProps<CallNode>) {
  const callee = useDocumentStore((s) => s.spec?.maps.find((m) => m.id === node.map));
  const openMap = useDocumentStore((s) => s.openMap);
  return (
    <div className="op-node__call">
      <span className="muted">{summary(callee)}</span>
      <button className="nodrag" aria-label={`Open map ${node.map}`} data-testid={`open-map-${node.id}`} disabled={!callee} onClick={() => openMap(node.map)}>Open ›</button>
    </div>
  );
}

export const callView: NodeView<CallNode> = {
  kind: 'call',
  icon: '▣',
  title: (node) => node.label ?? node.map,
  description: (node, { spec }) => spec.maps.find((m) => m.id === node.map)?.description,
  Body: CallBody,
  bodyHeight: () => 26,
  // The summary in 11px text and the Open button.
  bodyWidth: (node, { spec }) => summary(spec.maps.find((m) => m.id === node.map)).length * 6 + 80,
  // The bundle's segment and data type maps (a message map is never applied to an item), but
  // none that leads back here: maps that call each other in a cycle cannot be compiled.
  palette: ({ spec, map }) => spec.maps.filter((m) => m.kind !== 'message' && callChain(spec, m.id, map.id) === undefined).map((m) => {
    const types = mapTypes(m);
    return { kind: 'call' as const, key: m.id, label: m.id, hint: `${m.kind === 'datatype' ? 'data type' : m.kind} map: ${types.input} → ${types.output}${m.description ? `\n${m.description}` : ''}`, section: 'Maps', keywords: `map ${m.kind} ${m.label ?? ''}` };
  }),
  create: (entry, _context, id) => ({ node: { id: id(entry.key.toLowerCase().replace(/[[\]]+/g, '-')), kind: 'call', map: entry.key } }),
};
