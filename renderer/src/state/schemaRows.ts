import type { SchemaRowLookup } from '../../../shared/common/mapping/edit/editPaths';
import { findSchemaNode, keyOfRef, useSchemaStore } from './schemaStore';

/**
 * What the map transforms (extract, inline) ask of a schema, answered from the trees the canvas
 * has loaded: a row's type and whether it repeats. Rows not loaded yet are unknown, and the
 * transforms then take the careful reading (an item may repeat).
 */
export const loadedSchemaRows: SchemaRowLookup = (schema, path) => {
  const loaded = useSchemaStore.getState().schemas[keyOfRef(schema)];
  if (loaded === undefined || loaded === 'loading' || 'error' in loaded) return undefined;
  const node = findSchemaNode(loaded, path);
  return node ? { kind: node.kind, ...(node.dataType !== undefined ? { dataType: node.dataType } : {}), repeating: node.repeating } : undefined;
};
