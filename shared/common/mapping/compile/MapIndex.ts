import { CrosswalkError, type ErrorLocation } from '../../errors/CrosswalkError';
import { nodeKindOf, type CheckEnv, type MappingNode, type PortEnv } from '../nodes/nodeKinds';
import { fhirTypeOf, type Link, type MapDefinition, type Target } from '../spec/MappingSpec';
import type { FhirElementLookup } from './FhirElementLookup';
import type { FunctionLookup } from './FunctionLookup';
import { resolveTargetPath, type TargetPath } from './targetPath';

export interface LinkInfo {
  link: Link;
  index: number;
  targetPath?: TargetPath;
}

export const linkOrder = (a: Link, b: Link): number => (a.order ?? 0) - (b.order ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One map's graph, checked and indexed once however many places call it: node kinds checked,
 * every link's ports checked against its node's kind, every target path resolved against the
 * FHIR definitions, and no cycle between nodes. Compiling a call site then only builds closures.
 */
export class MapIndex {
  readonly nodes = new Map<string, MappingNode>();
  readonly targets = new Map<string, Target>();
  /** Links into each node port, in evaluation order. */
  readonly inputs = new Map<string, Map<string, LinkInfo[]>>();
  readonly links: LinkInfo[];
  /** How many links leave each node output (`node:port`): a shared output is computed once per item. */
  readonly consumers = new Map<string, number>();

  constructor(
    readonly map: MapDefinition,
    readonly mapIndexInSpec: number,
    private readonly env: { elements: FhirElementLookup; functions: FunctionLookup; ports: PortEnv; hasValueMap(id: string): boolean },
  ) {
    this.links = map.links.map((link, index) => ({ link, index }));
    for (const { from } of map.links) {
      if ('node' in from) this.consumers.set(`${from.node}:${from.port}`, (this.consumers.get(`${from.node}:${from.port}`) ?? 0) + 1);
    }
    for (const target of map.targets) this.targets.set(target.id, target);
    map.targets.forEach((target, i) => {
      if (target.schema.standard !== 'fhir-r4') {
        throw new CrosswalkError('MAP_UNSUPPORTED_TARGET', `This engine writes FHIR R4 targets; target "${target.id}" of map ${map.id} is ${target.schema.standard}.`, { map: map.id, node: target.id, path: `${this.at()}.targets[${i}].schema` });
      }
    });
    map.nodes.forEach((node, i) => this.checkNode(node, i));
    this.indexLinks();
    this.checkCycles();
  }

  /** `maps[2]`: where in the spec this map is, for error paths. */
  at(): string {
    return `maps[${this.mapIndexInSpec}]`;
  }

  /** The trace id of a node or link of this map. */
  traceId(id: string): string {
    return `${this.map.id}/${id}`;
  }

  where(extra: ErrorLocation): ErrorLocation {
    return { map: this.map.id, ...extra };
  }

  private checkNode(node: MappingNode, index: number): void {
    this.nodes.set(node.id, node);
    const check = nodeKindOf(node).check;
    if (!check) return;
    const env: CheckEnv = { ...this.env.ports, where: this.where({ node: node.id, path: `${this.at()}.nodes[${index}]` }), functions: this.env.functions, hasValueMap: this.env.hasValueMap };
    check(node, env);
  }

  inputPorts(node: MappingNode): string[] {
    return nodeKindOf(node).ports(node, this.env.ports).inputs.map((p) => p.name);
  }

  /** Whether a node's input port takes several links (a function's list input). */
  private isListPort(node: MappingNode, port: string): boolean {
    return nodeKindOf(node).ports(node, this.env.ports).inputs.find((p) => p.name === port)?.many === true;
  }

  private indexLinks(): void {
    for (const info of this.links) {
      const { link, index } = info;
      const where = this.where({ link: link.id, path: `${this.at()}.links[${index}]` });
      const from = link.from;
      if ('node' in from) {
        const node = this.nodes.get(from.node) as MappingNode;
        const outputs = nodeKindOf(node).ports(node, this.env.ports).outputs.map((p) => p.name);
        if (!outputs.includes(from.port)) {
          throw new CrosswalkError('MAP_UNKNOWN_PORT', `Link "${link.id}" starts at the port "${from.port}" of node "${node.id}", which has ${outputs.length ? `only the output${outputs.length > 1 ? 's' : ''} ${outputs.join(', ')}` : 'no outputs'}.`, { ...where, node: node.id });
        }
      }
      const to = link.to;
      if ('node' in to) {
        if (link.kind === 'context') {
          throw new CrosswalkError('MAP_BAD_CONTEXT', `Context link "${link.id}" must end at a target element, not at a node.`, where);
        }
        const node = this.nodes.get(to.node) as MappingNode;
        const ports = this.inputPorts(node);
        if (!ports.includes(to.port)) {
          throw new CrosswalkError('MAP_UNKNOWN_PORT', `Link "${link.id}" ends at the port "${to.port}" of node "${node.id}", which has ${ports.length ? `only the input${ports.length > 1 ? 's' : ''} ${ports.join(', ')}` : 'no inputs'}.`, { ...where, node: node.id });
        }
        let byPort = this.inputs.get(node.id);
        if (!byPort) this.inputs.set(node.id, (byPort = new Map()));
        const list = byPort.get(to.port) ?? [];
        list.push(info);
        byPort.set(to.port, list);
        if (list.length > 1 && !this.isListPort(node, to.port)) {
          throw new CrosswalkError('MAP_INPUT_LINKED_TWICE', `The input "${to.port}" of node "${node.id}" takes one value but has two links: "${list[0].link.id}" and "${link.id}".`, { ...where, node: node.id });
        }
      } else {
        const target = this.targets.get(to.target) as Target;
        info.targetPath = resolveTargetPath(to.path, fhirTypeOf(target.schema) as string, this.env.elements, where);
      }
    }
    for (const byPort of this.inputs.values()) for (const list of byPort.values()) list.sort((a, b) => linkOrder(a.link, b.link));
  }

  upstreamNodes(nodeId: string): string[] {
    const out: string[] = [];
    for (const list of this.inputs.get(nodeId)?.values() ?? []) {
      for (const info of list) if ('node' in info.link.from) out.push(info.link.from.node);
    }
    return out;
  }

  private checkCycles(): void {
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const visit = (id: string): void => {
      const s = state.get(id);
      if (s === 2) return;
      if (s === 1) {
        const cycle = [...stack.slice(stack.indexOf(id)), id];
        throw new CrosswalkError('MAP_CYCLE', `The nodes ${cycle.map((n) => `"${n}"`).join(' → ')} of map ${this.map.id} form a cycle, so none of them can be computed.`, this.where({ node: id }));
      }
      state.set(id, 1);
      stack.push(id);
      for (const up of this.upstreamNodes(id)) visit(up);
      stack.pop();
      state.set(id, 2);
    };
    for (const node of this.map.nodes) visit(node.id);
  }

  /** The one link into a node port, if any. */
  firstInput(nodeId: string, port: string): LinkInfo | undefined {
    return this.inputs.get(nodeId)?.get(port)?.[0];
  }
}
