import type { PortEnv } from '../nodes/nodeKinds';
import { fhirTypeOf, hl7InputOf, type Link, type MapDefinition, type MapKind, type MappingSpec } from '../spec/MappingSpec';
import { byTargetPath, readMap, targetPathOf } from './readMap';

/** One node on a row's way from its sources to its target. */
export interface RowStep {
  node: string;
  /** The node kind, except that a condition is a `filter` (it has an input) or a `formula`. */
  kind: string;
  /** How the node reads on its own: `string.trim`, `CX[Identifier]`, `v2-0001-gender`, `'home'`, `ref(patient)`, `where PID-29 = null`. */
  text: string;
}

/** What a row lets the table edit in place; anything else opens the canvas at the row's link. */
export interface RowEdits {
  /** A direct link from a source path: its path can be changed. */
  source?: { link: string; path: string };
  /** The link onto the target element: its target path can be changed. */
  target: { link: string; path: string };
  /** The one value map on the way: which value map it uses. */
  valueMap?: { node: string; valueMap: string };
  /** The one constant on the way: its value (shared by every row that reads the node). */
  constant?: { node: string; value: unknown };
}

/**
 * One target-reaching link chain of one map: the link onto the target element and everything
 * upstream of it. `id` (`<map>/<link>`, the trace's form) and the link and node ids are what the
 * studio needs to open the canvas at the row and light up its links.
 */
export interface MappingRow {
  id: string;
  map: string;
  link: string;
  kind: 'value' | 'context';
  target: string;
  /** The target element (`Patient.gender`, `Observation.value[x]:valueQuantity`). */
  targetPath: string;
  /** The row of the context link this one is evaluated in (one target item per source item). */
  context?: string;
  /** A context row: the source item it iterates (`OBX`, `PID-13`). */
  iterates?: string;
  /** How many contexts deep the row is (0 at the top). */
  depth: number;
  order?: number;
  /** The source paths read on the way (links and conditions). */
  sources: string[];
  /** The nodes on the way, upstream first. */
  steps: RowStep[];
  /** What flows onto the target, as one expression (`crosswalk show` writes the same). */
  expression: string;
  /** The functions, map calls, constants, formulas and references on the way, upstream first (`string.trim → CX[Identifier]`). */
  transforms: string;
  /** The value maps on the way (their ids). */
  valueMaps: string[];
  /** The filters on the way (conditions a value passes only where they hold), as written. */
  conditions: string[];
  /** The called maps on the way (their ids), to open them. */
  calls: string[];
  /** The labels people gave the nodes on the way. */
  note?: string;
  /** The row as `crosswalk show` prints it, without indentation. */
  rule: string;
  links: string[];
  nodes: string[];
  edits?: RowEdits;
}

/** One map's rows, with what the table shows above them. */
export interface MapRows {
  map: string;
  kind: MapKind;
  label?: string;
  description?: string;
  /** What it reads (`ADT_A01`, `PID`, `CX`) and writes (`Bundle`, `Patient`, `Identifier`). */
  input: string;
  output: string;
  when?: string;
  targets: Array<{ id: string; type: string; profile?: string }>;
  rows: MappingRow[];
}

/**
 * The mapping as rows, map by map: one row per link onto a target element, with its source paths,
 * its chain of nodes, value maps, conditions and notes, sorted as `crosswalk show` prints them
 * (per target, contexts before what they hold, by target path). Pure; read with the same reader
 * as `crosswalk show` (readMap), so a row says what the rule line says.
 */
export function mappingRows(spec: Pick<MappingSpec, 'maps'>, env: PortEnv): MapRows[] {
  return spec.maps.map((map) => mapRows(map, env));
}

export function mapRows(map: MapDefinition, env: PortEnv): MapRows {
  const reader = readMap(map, env);
  const input = hl7InputOf(map.sources[0].schema)?.name ?? map.sources[0].schema.standard;
  const output = map.kind === 'message' ? 'Bundle' : fhirTypeOf(map.targets[0].schema) ?? map.targets[0].schema.standard;
  const rows: MappingRow[] = [];
  const types = map.targets.map((t) => fhirTypeOf(t.schema));
  for (const target of map.targets) {
    const links = map.links.filter((l) => 'target' in l.to && l.to.target === target.id);
    const parents = reader.contextsOf(links);
    const prefix = map.kind === 'message' && types.filter((t) => t === fhirTypeOf(target.schema)).length > 1 ? `${target.id}:` : '';
    const emit = (parent: Link | undefined, depth: number): void => {
      for (const link of byTargetPath(links.filter((l) => parents.get(l) === parent))) {
        rows.push(row(link, parent, depth, prefix));
        if (link.kind === 'context') emit(link, depth + 1);
      }
    };
    emit(undefined, 0);
  }

  function row(link: Link, parent: Link | undefined, depth: number, prefix: string): MappingRow {
    const chain = reader.chain(link);
    const steps = chain.nodes.map((node): RowStep => {
      switch (node.kind) {
        case 'function': return { node: node.id, kind: node.kind, text: node.functionId };
        case 'call': return { node: node.id, kind: node.kind, text: node.map };
        case 'valueMap': return { node: node.id, kind: node.kind, text: node.valueMapId };
        // A condition with an input is a filter; without one, a formula whose value flows on.
        case 'condition': return { node: node.id, kind: reader.inputs.has(node.id) ? 'filter' : 'formula', text: reader.inputs.has(node.id) ? `where ${node.expression}` : `(${node.expression})` };
        default: return { node: node.id, kind: node.kind, text: reader.render({ node: node.id, port: 'out' }) };
      }
    });
    const valueMapNodes = chain.nodes.filter((n) => n.kind === 'valueMap');
    const constants = chain.nodes.filter((n) => n.kind === 'constant');
    const labels = chain.nodes.flatMap((n) => (n.label ? [n.label] : []));
    const target = (link.to as { target: string }).target;
    const out: MappingRow = {
      id: `${map.id}/${link.id}`,
      map: map.id,
      link: link.id,
      kind: link.kind ?? 'value',
      target,
      targetPath: targetPathOf(link),
      ...(parent ? { context: `${map.id}/${parent.id}` } : {}),
      ...(link.kind === 'context' ? { iterates: reader.itemOf(link) } : {}),
      depth,
      ...(link.order ? { order: link.order } : {}),
      sources: chain.sources,
      steps,
      expression: reader.render(link.from),
      transforms: steps.filter((st) => st.kind !== 'valueMap' && st.kind !== 'filter').map((st) => st.text).join(' → '),
      valueMaps: [...new Set(valueMapNodes.map((n) => n.valueMapId))],
      conditions: chain.nodes.flatMap((n) => (n.kind === 'condition' && reader.inputs.has(n.id) ? [n.expression] : [])),
      calls: [...new Set(chain.nodes.flatMap((n) => (n.kind === 'call' ? [n.map] : [])))],
      ...(labels.length > 0 ? { note: labels.join('; ') } : {}),
      rule: reader.rule(link, prefix),
      links: chain.links.map((l) => l.id),
      nodes: chain.nodes.map((n) => n.id),
    };
    if (link.kind !== 'context') {
      out.edits = {
        target: { link: link.id, path: targetPathOf(link) },
        ...('source' in link.from ? { source: { link: link.id, path: link.from.path } } : {}),
        ...(valueMapNodes.length === 1 && valueMapNodes[0].kind === 'valueMap' ? { valueMap: { node: valueMapNodes[0].id, valueMap: valueMapNodes[0].valueMapId } } : {}),
        ...(constants.length === 1 && constants[0].kind === 'constant' ? { constant: { node: constants[0].id, value: constants[0].value } } : {}),
      };
    }
    return out;
  }

  return {
    map: map.id,
    kind: map.kind,
    ...(map.label ? { label: map.label } : {}),
    ...(map.description ? { description: map.description } : {}),
    input,
    output,
    ...(map.when ? { when: map.when } : {}),
    targets: map.targets.map((t) => ({ id: t.id, type: fhirTypeOf(t.schema) ?? t.schema.standard, ...(t.schema.standard === 'fhir-r4' && t.schema.profile ? { profile: t.schema.profile } : {}) })),
    rows,
  };
}
