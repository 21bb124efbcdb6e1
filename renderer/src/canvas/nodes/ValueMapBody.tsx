import type { ValueMapNode } from '../../../../shared/common/mapping/spec/MappingSpec';
import type { ValueMap } from '../../../../shared/common/valuemaps/ValueMap';
import { useDocumentStore } from '../../state/documentStore';
import { useViewStore } from '../../state/viewStore';
import type { NodeBodyProps, NodeView } from './NodeView';

/** The table's size and unmapped policy, and the way into the value-map editor. */
function ValueMapBody({ node }: NodeBodyProps<ValueMapNode>) {
  const valueMap = useDocumentStore((s) => s.spec?.valueMaps.find((m) => m.id === node.valueMapId));
  const editValueMap = useViewStore((s) => s.editValueMap);
  return (
    <div className="op-node__vm">
      <span>{valueMap ? `${valueMap.entries.length} codes · unmapped: ${valueMap.unmapped.kind}` : 'missing value map'}</span>
      <button className="nodrag" data-testid={`edit-valuemap-${node.id}`} onClick={() => editValueMap(node.valueMapId)}>Edit table</button>
    </div>
  );
}

function freshValueMapId(ids: ReadonlySet<string>): string {
  for (let i = 1; ; i++) if (!ids.has(`valuemap-${i}`)) return `valuemap-${i}`;
}

export const valueMapView: NodeView<ValueMapNode> = {
  kind: 'valueMap',
  icon: '⇄',
  title: (node, { spec }) => node.label ?? spec.valueMaps.find((m) => m.id === node.valueMapId)?.name ?? node.valueMapId,
  Body: ValueMapBody,
  bodyHeight: () => 26,
  palette: ({ spec }) => [
    { kind: 'valueMap', key: 'new', label: '+ New value map', hint: 'A code table: drop it, then import a ConceptMap or add rows', section: 'Value maps', keywords: 'value map new table' },
    ...spec.valueMaps.map((m) => ({ kind: 'valueMap' as const, key: m.id, label: m.name, hint: `${m.entries.length} codes (${m.id}): click to edit, drag to use`, section: 'Value maps', keywords: m.id })),
  ],
  create(entry, { spec }, id) {
    if (entry.key !== 'new') return { node: { id: id('map'), kind: 'valueMap', valueMapId: entry.key }, editValueMap: entry.key };
    const valueMapId = freshValueMapId(new Set(spec.valueMaps.map((m) => m.id)));
    const table: ValueMap = { id: valueMapId, name: 'New value map', entries: [], unmapped: { kind: 'empty' } };
    return { node: { id: id('map'), kind: 'valueMap', valueMapId }, spec: { ...spec, valueMaps: [...spec.valueMaps, table] }, editValueMap: valueMapId };
  },
};
