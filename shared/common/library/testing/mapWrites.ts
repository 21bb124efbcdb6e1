import { collectPaths } from '../../mapping/compile/SiteCompiler';
import { parseExpression } from '../../mapping/expression/parseExpression';
import { fhirTypeOf, hl7InputOf, type LinkFrom, type MapDefinition } from '../../mapping/spec/MappingSpec';
import { libraryMap } from '../libraryMaps';

/**
 * What a library map writes, as the IG tables say it: each element of its output (relative to
 * the output, `type.coding`) with the components its value is made from (`CX.5`). A value is
 * made from every source path upstream of its link: links into nodes, the paths a condition
 * reads, and the input of a map call, whose own writes are added under the element the call's
 * output goes to with their paths read in the caller's terms. The map's `when` is not counted: it
 * gates every element alike.
 */
export interface MapWrite {
  /** The FHIR element relative to the output, choices named by their variant (`extension.valueString`); '' for the output itself. */
  element: string;
  /** The components of the map's input the value is made from (`CX.4`, `NM.1` for a primitive read whole). */
  components: ReadonlySet<string>;
}

interface PathWrite {
  element: string;
  paths: Set<string>;
}

/** `Identifier.type.coding` → `type.coding`; `Extension.value[x]:valueString` → `valueString`. */
export function relativeElement(targetPath: string, output: string): string {
  const rest = targetPath === output ? '' : targetPath.startsWith(`${output}.`) ? targetPath.slice(output.length + 1) : targetPath;
  return rest.replace(/[A-Za-z]+\[x\]:/g, '');
}

/** A path of a called map (`HD.2`, `CWE.4`, `DTM`) in its caller's terms, given the item the caller passed (`CX.4`, `CE`, `TS.1`). */
function inCaller(path: string, type: string, input: string): string {
  if (path === type) return input;
  if (!path.startsWith(`${type}.`)) return path;
  return `${input}${path.slice(type.length)}`;
}

/** The component a path reads: `CX.4.2` → `CX.4`; a primitive read whole (`NM`) is its one component `NM.1`. */
function componentOf(path: string): string {
  const parts = path.split('.');
  return parts.length === 1 ? `${path}.1` : `${parts[0]}.${parts[1]}`;
}

function join(element: string, inner: string): string {
  return element === '' ? inner : inner === '' ? element : `${element}.${inner}`;
}

function pathWrites(map: MapDefinition): PathWrite[] {
  const output = fhirTypeOf(map.targets[0].schema) as string;
  const nodes = new Map(map.nodes.map((n) => [n.id, n]));
  const valueMaps = new Map((libraryMap(map.id)?.valueMaps ?? []).map((v) => [v.id, v]));
  const into = (nodeId: string) => map.links.filter((l) => 'node' in l.to && l.to.node === nodeId);

  /** The source paths upstream of a link start, and the map calls on the way with the path each is given. */
  const upstream = (from: LinkFrom, paths: Set<string>, calls: { map: string; input: string }[], seen: Set<string>): void => {
    if ('source' in from) {
      paths.add(from.path);
      return;
    }
    if (seen.has(from.node)) return;
    seen.add(from.node);
    const node = nodes.get(from.node);
    if (node?.kind === 'condition') collectPaths(parseExpression(node.expression), (p) => paths.add(p));
    if (node?.kind === 'call') {
      const given = new Set<string>();
      for (const link of into(node.id)) upstream(link.from, given, [], new Set());
      for (const input of given) {
        calls.push({ map: node.map, input });
        // A call given a component made its output from it; given the whole input, its own writes say which parts.
        if (input.includes('.')) paths.add(input);
      }
      return;
    }
    for (const link of into(from.node)) upstream(link.from, paths, calls, seen);
  };

  const out: PathWrite[] = [];
  for (const link of map.links) {
    if (!('target' in link.to)) continue;
    const element = relativeElement(link.to.path, output);
    const paths = new Set<string>();
    const calls: { map: string; input: string }[] = [];
    upstream(link.from, paths, calls, new Set());
    const start = 'node' in link.from ? nodes.get(link.from.node) : undefined;
    // A call's output linked onto an element, straight or through filters, is described by the call's own writes.
    let passed = start;
    while (passed?.kind === 'condition') {
      const filtered = into(passed.id).find((l) => 'port' in l.to && l.to.port === 'in')?.from;
      passed = filtered && 'node' in filtered ? nodes.get(filtered.node) : undefined;
    }
    if (start?.kind === 'valueMap' && 'port' in link.from && link.from.port === 'coding') {
      // A value map's coding is its code, system and display.
      const valueMap = valueMaps.get(start.valueMapId);
      const parts = ['code', ...(valueMap?.targetSystem !== undefined || valueMap?.entries.some((e) => e.system) ? ['system'] : []), ...(valueMap?.entries.some((e) => e.display) ? ['display'] : [])];
      for (const part of parts) out.push({ element: join(element, part), paths });
    } else if (passed?.kind !== 'call') {
      out.push({ element, paths });
    }
    for (const call of calls) {
      const callee = libraryMap(call.map)?.map;
      if (!callee) throw new Error(`${map.id} calls ${call.map}, which is not in the library.`);
      const type = hl7InputOf(callee.sources[0].schema)?.name as string;
      for (const inner of pathWrites(callee)) {
        const translated = new Set([...inner.paths].map((p) => inCaller(p, type, call.input)));
        for (const p of paths) translated.add(p);
        out.push({ element: join(element, inner.element), paths: translated });
      }
    }
  }
  return out;
}

/** The writes of a library map, with the components each is made from. */
export function mapWrites(map: MapDefinition): MapWrite[] {
  return pathWrites(map).map(({ element, paths }) => ({ element, components: new Set([...paths].map(componentOf)) }));
}
