/**
 * A message structure as hl7-dictionary defines it (ORU_R01: MSH, [{SFT}], {PATIENT_RESULT ...}):
 * segments and groups in order, with cardinality. The schema catalog's compact index has exactly
 * this shape, so a structure loaded from it is used as is.
 */
export interface StructureItem {
  /** A segment id (`OBX`) or a group name (`ORDER_OBSERVATION`). */
  n: string;
  min: number;
  /** 0 = unbounded, as in hl7-dictionary. */
  max: number;
  /** A group's elements. */
  c?: StructureItem[];
  /** A choice: one of these segments. */
  x?: StructureItem[];
}

export interface MessageStructure {
  /** `ORU_R01`. */
  name: string;
  items: StructureItem[];
}

/** A group element compiled once per structure: its elements, the segments that can start it, and where each segment can occur. */
export interface CompiledGroup {
  name: string;
  /** `PATIENT_RESULT.ORDER_OBSERVATION`; '' for the message itself. */
  path: string;
  min: number;
  max: number;
  elements: CompiledElement[];
  /** Segment ids that can open an instance (the first set: optional elements skipped until a required one). */
  first: ReadonlySet<string>;
  /** Every segment id anywhere below. */
  all: ReadonlySet<string>;
  /** Segment ids that are direct elements (not inside a nested group). */
  direct: ReadonlySet<string>;
  parent: CompiledGroup | undefined;
}

export type CompiledElement =
  | { kind: 'segment'; ids: ReadonlySet<string>; min: number; max: number }
  | { kind: 'group'; group: CompiledGroup; min: number; max: number };

export interface CompiledStructure {
  name: string;
  root: CompiledGroup;
  /** Group path → its compiled group. */
  groups: ReadonlyMap<string, CompiledGroup>;
}

const compiled = new WeakMap<MessageStructure, CompiledStructure>();

/** Compiles a structure's first sets and group index once; later calls reuse it. */
export function compileStructure(structure: MessageStructure): CompiledStructure {
  const cached = compiled.get(structure);
  if (cached) return cached;
  const groups = new Map<string, CompiledGroup>();
  const build = (name: string, path: string, min: number, max: number, items: StructureItem[], parent: CompiledGroup | undefined): CompiledGroup => {
    const group: CompiledGroup = { name, path, min, max, elements: [], first: new Set(), all: new Set(), direct: new Set(), parent };
    groups.set(path, group);
    for (const item of items) {
      if (item.c) {
        const child = build(item.n, path === '' ? item.n : `${path}.${item.n}`, item.min, item.max, item.c, group);
        group.elements.push({ kind: 'group', group: child, min: item.min, max: item.max });
      } else {
        const ids = new Set((item.x ?? [item]).map((x) => x.n));
        group.elements.push({ kind: 'segment', ids, min: item.min, max: item.max });
      }
    }
    const first = group.first as Set<string>;
    const all = group.all as Set<string>;
    const direct = group.direct as Set<string>;
    let open = true;
    for (const element of group.elements) {
      const ids = element.kind === 'segment' ? element.ids : element.group.first;
      if (open) for (const id of ids) first.add(id);
      if (element.min > 0) open = false;
      if (element.kind === 'segment') for (const id of element.ids) { all.add(id); direct.add(id); }
      else for (const id of element.group.all) all.add(id);
    }
    return group;
  };
  const root = build(structure.name, '', 1, 1, structure.items, undefined);
  const out: CompiledStructure = { name: structure.name, root, groups };
  compiled.set(structure, out);
  return out;
}

/**
 * The group path a source path names, in full (`PATIENT_RESULT.ORDER_OBSERVATION`): written in
 * full, or by its last name when that is unique in the structure (`ORDER_OBSERVATION`).
 */
export function resolveGroupPath(structure: CompiledStructure, text: string): string | undefined {
  if (structure.groups.has(text) && text !== '') return text;
  let found: string | undefined;
  for (const path of structure.groups.keys()) {
    if (path === '' || !(path === text || path.endsWith(`.${text}`))) continue;
    if (found !== undefined) return undefined;
    found = path;
  }
  return found;
}

/** `PATIENT_RESULT.ORDER_OBSERVATION`, `ORDER_OBSERVATION`: names of four or more capitals, digits or `_`, joined by dots. */
export function looksLikeGroupPath(text: string): boolean {
  return /^[A-Z][A-Z0-9_]{3,}(\.[A-Z][A-Z0-9_]{3,})*$/.test(text);
}
