import { create } from 'zustand';
import type { SchemaRef } from '../../../shared/common/mapping/spec/MappingSpec';
import type { InferredSchemaRef } from '../../../shared/common/mapping/spec/schemaRefs';
import { writeJson } from '../../../shared/common/json/writeJson';
import { FHIR_R4_VERSION } from '../../../shared/common/schema/SchemaCatalog';
import type { SchemaTreeNode } from '../../../shared/common/studio/studioSchemas';
import { getStudio } from './studio';
import { buildParentIndex, nodeKey } from '../schema/flattenTree';

/** A schema of the catalog: a message structure, segment or data type (HL7 v2), a resource or data type (FHIR). */
export interface CatalogRefKey {
  standard: 'hl7v2' | 'fhir-r4';
  version: string;
  structure: string;
}

/** A schema as the canvas needs it: a catalog reference, or a JSON or CSV source inferred from its sample (loaded whole). */
export type SchemaRefKey = CatalogRefKey | InferredSchemaRef;

const isCatalogRef = (ref: SchemaRefKey): ref is CatalogRefKey => ref.standard === 'hl7v2' || ref.standard === 'fhir-r4';

export interface LoadedSchema {
  ref: SchemaRefKey;
  roots: SchemaTreeNode[];
  parents: Map<string, string | undefined>;
  /** Bumped whenever lazily loaded children are merged in, so memoized rows recompute. */
  revision: number;
}

interface SchemaState {
  schemas: Record<string, LoadedSchema | { error: string } | 'loading'>;
  ensure(ref: SchemaRefKey): void;
  /** Loads the children of a lazily expandable node (FHIR complex types) and merges them in. */
  expand(key: string, path: string): Promise<void>;
}

/**
 * FHIR elements nobody maps from HL7 v2 and every resource repeats: hidden from target trees so
 * the fields that matter fit on screen (a link to one still draws, to its resource row).
 */
const FHIR_BOILERPLATE = new Set(['extension', 'modifierExtension', 'contained', 'implicitRules']);

function withoutBoilerplate(nodes: SchemaTreeNode[]): SchemaTreeNode[] {
  return nodes.filter((n) => !FHIR_BOILERPLATE.has(n.name)).map((n) => (n.children ? { ...n, children: withoutBoilerplate(n.children) } : n));
}

// An inferred schema is named by its whole reference (sample and fields): the spec is immutable, so
// one reference object always writes the same text, and is written once.
const inferredKeys = new WeakMap<InferredSchemaRef, string>();

export function schemaKey(ref: SchemaRefKey): string {
  if (isCatalogRef(ref)) return `${ref.standard}|${ref.version}|${ref.structure}`;
  let key = inferredKeys.get(ref);
  if (key === undefined) inferredKeys.set(ref, key = `${ref.standard}|${writeJson(ref)}`);
  return key;
}

/**
 * What the Studio API loads a tree by: the catalog reference of a message structure, segment or
 * data type (HL7 v2), a resource or data type (FHIR); a JSON or CSV source's own reference.
 */
export function schemaRefKey(ref: SchemaRef): SchemaRefKey {
  if (ref.standard === 'hl7v2') return { standard: 'hl7v2', version: ref.version, structure: (ref.structure ?? ref.segment ?? ref.datatype) as string };
  if (ref.standard === 'fhir-r4') return { standard: 'fhir-r4', version: FHIR_R4_VERSION, structure: (ref.resource ?? ref.type) as string };
  return ref;
}

/** The store key of a spec's schema reference. */
export const keyOfRef = (ref: SchemaRef): string => schemaKey(schemaRefKey(ref));

/** A FHIR primitive (`dateTime`, `code`) is written as a whole: its tree is the one row. */
function primitiveRoot(nodes: SchemaTreeNode[]): SchemaTreeNode[] {
  return nodes.map((n) => (n.dataType !== undefined && /^[a-z]/.test(n.dataType) ? { ...n, children: [], hasChildren: false } : n));
}

// Group paths need not prefix their members' paths (a v2 group holds segments), so these walk
// the whole tree; trees are at most a few thousand loaded nodes.
function replaceChildren(nodes: SchemaTreeNode[], path: string, children: SchemaTreeNode[]): SchemaTreeNode[] {
  let changed = false;
  const next = nodes.map((node) => {
    if (nodeKey(node) === path) {
      changed = true;
      return { ...node, children, hasChildren: children.length > 0 };
    }
    if (!node.children) return node;
    const inner = replaceChildren(node.children, path, children);
    if (inner === node.children) return node;
    changed = true;
    return { ...node, children: inner };
  });
  return changed ? next : nodes;
}

function find(nodes: readonly SchemaTreeNode[], path: string, byKey = false): SchemaTreeNode | undefined {
  for (const node of nodes) {
    if ((byKey ? nodeKey(node) : node.path) === path) return node;
    if (node.children) {
      const hit = find(node.children, path, byKey);
      if (hit) return hit;
    }
  }
  return undefined;
}

export const useSchemaStore = create<SchemaState>((set, get) => ({
  schemas: {},
  ensure(ref) {
    const key = schemaKey(ref);
    if (get().schemas[key] !== undefined) return;
    set((s) => ({ schemas: { ...s.schemas, [key]: 'loading' } }));
    // Depth 20: v2 message structures are finite and small enough to load whole (so search sees
    // every field); FHIR trees stop at complex types and expand lazily. A JSON or CSV source's
    // tree is inferred from its sample by the host, whole.
    const reply = isCatalogRef(ref)
      ? getStudio().loadSchemaTree({ ...ref, depth: ref.standard === 'hl7v2' ? 20 : 2 })
      : getStudio().loadSourceSchemaTree({ schema: ref });
    reply.then(
      ({ nodes: loaded }) => {
        const nodes = ref.standard === 'fhir-r4' ? primitiveRoot(withoutBoilerplate(loaded)) : loaded;
        set((s) => ({ schemas: { ...s.schemas, [key]: { ref, roots: nodes, parents: buildParentIndex(nodes), revision: 0 } } }));
      },
      (error: unknown) => set((s) => ({ schemas: { ...s.schemas, [key]: { error: error instanceof Error ? error.message : String(error) } } })),
    );
  },
  async expand(key, path) {
    const loaded = get().schemas[key];
    if (loaded === undefined || loaded === 'loading' || 'error' in loaded || !isCatalogRef(loaded.ref)) return;
    const ref = loaded.ref;
    const node = find(loaded.roots, path, true);
    if (!node || (node.children !== undefined && node.children.length > 0) || node.hasChildren !== true) return;
    const reply = await getStudio().loadSchemaTree({ ...ref, path, depth: 1 });
    // The host answers with the node itself (children loaded one level) or with its children.
    const fetched = reply.nodes.length === 1 && reply.nodes[0].children && nodeKey(reply.nodes[0]) === path ? reply.nodes[0].children : reply.nodes;
    const nodes = ref.standard === 'fhir-r4' ? withoutBoilerplate(fetched) : fetched;
    const current = get().schemas[key];
    if (current === undefined || current === 'loading' || 'error' in current) return;
    const roots = replaceChildren(current.roots, path, nodes);
    set((s) => ({ schemas: { ...s.schemas, [key]: { ...current, roots, parents: buildParentIndex(roots), revision: current.revision + 1 } } }));
  },
}));

export function findSchemaNode(schema: LoadedSchema, path: string): SchemaTreeNode | undefined {
  return find(schema.roots, path);
}
