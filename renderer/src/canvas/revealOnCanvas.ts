import { findMap } from '../../../shared/common/mapping/spec/MappingSpec';
import { useDocumentStore } from '../state/documentStore';
import { useViewStore, viewKey } from '../state/viewStore';

/** Shows a map on the canvas (the main view switched to it), from anywhere. */
function showOnCanvas(mapId: string): boolean {
  const doc = useDocumentStore.getState();
  if (!doc.spec || !findMap(doc.spec, mapId)) return false;
  if (doc.mapId !== mapId) doc.showMap(mapId);
  useViewStore.getState().setMainView('canvas');
  return true;
}

/** A field of a map's source or target on the canvas: the map shown, the row focused, opened and scrolled to. */
export function revealRow(mapId: string, side: 'source' | 'target', node: string, path: string): void {
  if (!showOnCanvas(mapId)) return;
  const view = useViewStore.getState();
  view.setFocus({ kind: side, node, path, map: mapId });
  view.revealRow(viewKey(mapId, node), path);
}

/**
 * The canvas at a link: its map shown, the link selected (its path lit), the rows it and the links
 * on its way (`way`, a table row's chain) read and write opened and scrolled to, and the canvas
 * framing them with the nodes on the way.
 */
export function revealLink(mapId: string, linkId: string, way: { links?: readonly string[]; nodes?: readonly string[] } = {}): void {
  if (!showOnCanvas(mapId)) return;
  const map = findMap(useDocumentStore.getState().spec!, mapId);
  const link = map?.links.find((l) => l.id === linkId);
  if (!map || !link) return;
  const view = useViewStore.getState();
  const framed = new Set(way.nodes ?? []);
  const chain = new Set([linkId, ...(way.links ?? [])]);
  const rows = new Map<string, string>();
  // One row per schema node: the link's own ends first, then the first each link on the way reads.
  for (const l of [link, ...map.links.filter((x) => chain.has(x.id) && x !== link)]) {
    for (const end of [l.from, l.to]) {
      if ('source' in end && !rows.has(end.source)) rows.set(end.source, end.path);
      else if ('target' in end && !rows.has(end.target)) rows.set(end.target, end.path);
      else if ('node' in end) framed.add(end.node);
    }
  }
  for (const [node, path] of rows) {
    view.revealRow(viewKey(mapId, node), path);
    framed.add(node);
  }
  view.setFocus({ kind: 'link', id: linkId, map: mapId });
  view.setBottomTab('link');
  view.frameNodes(mapId, [...framed]);
}
