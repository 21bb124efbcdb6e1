import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import { findMap } from '../../../shared/common/mapping/spec/MappingSpec';
import { freshId, idsInMap, setNodePosition, updateMap } from '../../../shared/common/mapping/edit/mapEdits';
import { copyLibraryMap, libraryMaps as entries } from '../../../shared/common/library/libraryMaps';
import { useDocumentStore } from './documentStore';
import { useViewStore } from './viewStore';

/** A map a bundle can copy in (an IG data type map such as CX[Identifier]). */
export interface LibraryMapSummary {
  id: string;
  title: string;
  description: string;
}

export const LIBRARY_MIME = 'application/x-crosswalk-library-map';

const summaries: LibraryMapSummary[] = entries.map((e) => ({ id: e.map.id, title: e.title, description: e.description }));

/** The library's maps (shared/common/library: the IG's data type maps), for the palette. */
export function libraryMaps(): LibraryMapSummary[] {
  return summaries;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Copies a library map into the open bundle (one undo step); false when it could not. */
export function copyIntoBundle(id: string): boolean {
  const doc = useDocumentStore.getState();
  if (!doc.spec) return false;
  if (findMap(doc.spec, id)) return true;
  try {
    const next = copyLibraryMap(doc.spec, id);
    doc.edit(`Copy ${id} from the library`, () => next);
    return true;
  } catch (error) {
    useViewStore.getState().toast('error', message(error));
    return false;
  }
}

/** A library map dropped on the canvas: copied in (when the bundle lacks it) and called from the current map. */
export function addLibraryMapCall(id: string, at: { x: number; y: number }): void {
  const doc = useDocumentStore.getState();
  if (!doc.spec) return;
  let spec: MappingSpec;
  try {
    spec = findMap(doc.spec, id) ? doc.spec : copyLibraryMap(doc.spec, id);
  } catch (error) {
    useViewStore.getState().toast('error', message(error));
    return;
  }
  const map = findMap(spec, doc.mapId);
  if (!map) return;
  const nodeId = freshId(idsInMap(map), id.toLowerCase().replace(/[[\]]+/g, '-'));
  const withCall = updateMap(spec, map.id, (m) => ({ ...m, nodes: [...m.nodes, { id: nodeId, kind: 'call', map: id }] }));
  doc.edit(`Add ${id}`, () => setNodePosition(withCall, map.id, nodeId, Math.round(at.x), Math.round(at.y)));
  useViewStore.getState().setFocus({ kind: 'node', id: nodeId });
}
