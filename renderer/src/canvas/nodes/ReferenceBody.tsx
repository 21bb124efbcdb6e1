import type { ReferenceNode } from '../../../../shared/common/mapping/spec/MappingSpec';
import { entryMap } from '../../../../shared/common/mapping/spec/MappingSpec';
import type { NodeView } from './NodeView';

/** A reference has nothing to edit: its target is its title. */
export const referenceView: NodeView<ReferenceNode> = {
  kind: 'reference',
  icon: '↗',
  title: (node) => node.label ?? `Reference to ${node.target}`,
  bodyHeight: () => 0,
  // The targets a reference can name are the message map's (inside a segment map too).
  palette: ({ spec, map }) => (map.kind === 'message' ? map : entryMap(spec)).targets.map((t) => ({
    kind: 'reference', key: t.id, label: `Reference → ${t.label ?? t.id}`, section: 'Basics', keywords: `reference ${t.id}`,
  })),
  create: (entry, _context, id) => ({ node: { id: id(`ref-${entry.key}`), kind: 'reference', target: entry.key } }),
};
