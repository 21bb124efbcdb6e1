import { CrosswalkError, type ErrorLocation } from '../../errors/CrosswalkError';
import type { Hl7Path, Hl7Segment } from '../../hl7v2';
import { compileValueMap, type CompiledValueMap } from '../../valuemaps/applyValueMap';
import { compileExpression, truthy } from '../expression/compileExpression';
import { parseExpression } from '../expression/parseExpression';
import type { ExpressionNode } from '../expression/ExpressionAst';
import type { Link, MappingNode, MappingSpec, SourceEndpoint, Target } from '../spec/MappingSpec';
import { checkParams, getFunction } from '../../functions';
import { callFunction } from './callFunction';
import { nameHash } from '../execute/deterministicId';
import type { ContextScope } from './ContextScope';
import type { Evaluate, Frame, ContextItem } from './Frame';
import { readModeFor, type FunctionContext, type FunctionDefinition, type FunctionLookup } from './FunctionLookup';
import { nodePorts } from './nodePorts';
import { compileSourceRead, parseSegmentOnly, parseSourcePath, repetitionNumbers, segmentScope, type ReadMode } from './sourceRead';
import { resolveTargetPath, type TargetPath, type TargetStep } from './targetPath';
import type { Block, CompileOptions, ContextLevel, ContextStep, MappingPlan, TargetPlan, WriteStep } from './MappingPlan';

export type { Block, CompileOptions, ContextLevel, ContextStep, MappingPlan, TargetPlan, WriteStep } from './MappingPlan';

interface LinkInfo {
  link: Link;
  index: number;
  targetPath?: TargetPath;
}

interface ContextInfo {
  info: LinkInfo;
  target: string;
  steps: TargetStep[];
  /** The repeating source item: a segment (`field` undefined) or a field's repetitions. */
  source: { segment: string; occurrence?: number; field?: number; repetition?: number; text: string };
  /** Condition nodes between the source item and the target, outermost first. */
  filters: MappingNode[];
  parent?: ContextInfo;
  children: ContextInfo[];
  values: LinkInfo[];
}

const order = (a: Link, b: Link): number => (a.order ?? 0) - (b.order ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Compiles a (parsed) spec into an executable plan: every path parsed and resolved against the
 * FHIR definitions, every function and value map looked up, nodes checked for cycles, contexts
 * nested, and every evaluation turned into closures. Problems are CrosswalkErrors naming the
 * node or link (and the column, in expressions); nothing is left to fail per message except the
 * data itself.
 */
export function compileMapping(spec: MappingSpec, options: CompileOptions): MappingPlan {
  return new Compiler(spec, options).compile();
}

class Compiler {
  private readonly nodes = new Map<string, MappingNode>();
  private readonly targets = new Map<string, Target>();
  private readonly valueMaps = new Map<string, CompiledValueMap>();
  private readonly functionDefs = new Map<string, FunctionDefinition>();
  private readonly expressions = new Map<string, ExpressionNode>();
  /** Links into each node port, in evaluation order. */
  private readonly inputs = new Map<string, Map<string, LinkInfo[]>>();
  private readonly linkInfos: LinkInfo[];
  private readonly functionContext: FunctionContext;
  private readonly functions: FunctionLookup;
  private maxDepth = 0;

  constructor(private readonly spec: MappingSpec, private readonly options: CompileOptions) {
    this.functions = options.functions ?? getFunction;
    this.linkInfos = spec.links.map((link, index) => ({ link, index }));
    this.functionContext = spec.settings.defaultTimezone === undefined ? {} : { defaultTimezone: spec.settings.defaultTimezone };
  }

  compile(): MappingPlan {
    const spec = this.spec;
    if (spec.sources.length !== 1) {
      throw new CrosswalkError('MAP_SOURCES', `This engine maps one input document per message, but the mapping declares ${spec.sources.length} sources.`, { path: 'sources' });
    }
    const source = spec.sources[0];
    if (source.schema.standard !== 'hl7v2') {
      throw new CrosswalkError('MAP_UNSUPPORTED_SOURCE', `This engine executes HL7 v2 sources; source "${source.id}" is ${source.schema.standard}.`, { node: source.id, path: 'sources[0].schema' });
    }
    spec.targets.forEach((target, i) => {
      if (target.schema.standard !== 'fhir-r4') {
        throw new CrosswalkError('MAP_UNSUPPORTED_TARGET', `This engine writes FHIR R4 targets; target "${target.id}" is ${target.schema.standard}.`, { node: target.id, path: `targets[${i}].schema` });
      }
      this.targets.set(target.id, target);
    });
    for (const map of spec.valueMaps) this.valueMaps.set(map.id, compileValueMap(map));
    spec.nodes.forEach((node, i) => this.checkNode(node, i));
    this.indexLinks();
    this.checkCycles();

    const plans = new Map<string, TargetPlan>();
    for (const target of spec.targets) plans.set(target.id, this.compileTarget(target));
    const buildOrder = this.buildOrder(plans);
    return { spec, buildOrder, outputTargets: spec.targets.map((t) => plans.get(t.id) as TargetPlan), maxDepth: this.maxDepth };
  }

  // -------------------------------------------------------------------------------------------
  // Nodes and ports

  private checkNode(node: MappingNode, index: number): void {
    this.nodes.set(node.id, node);
    const where: ErrorLocation = { node: node.id, path: `nodes[${index}]` };
    if (node.kind === 'function') {
      const definition = this.functions(node.functionId);
      if (!definition) {
        throw new CrosswalkError('MAP_UNKNOWN_FUNCTION', `Node "${node.id}" uses the function "${node.functionId}", which is not in the function library.`, where);
      }
      this.functionDefs.set(node.id, definition);
      checkParams(definition, node.params ?? {}, { node: node.id });
    }
    if (node.kind === 'condition') {
      this.expressions.set(node.id, parseExpression(node.expression, { ...where, path: `nodes[${index}].expression` }));
    }
  }

  private inputPorts(node: MappingNode): string[] {
    if (node.kind === 'function') return (this.functionDefs.get(node.id) as FunctionDefinition).inputs.map((p) => p.name);
    return nodePorts(node.kind).inputs;
  }

  private indexLinks(): void {
    for (const info of this.linkInfos) {
      const { link, index } = info;
      const where: ErrorLocation = { link: link.id, path: `links[${index}]` };
      const from = link.from;
      if ('node' in from) {
        const node = this.nodes.get(from.node) as MappingNode;
        const outputs = nodePorts(node.kind).outputs;
        if (!outputs.includes(from.port)) {
          throw new CrosswalkError('MAP_UNKNOWN_PORT', `Link "${link.id}" starts at the port "${from.port}" of node "${node.id}", which has only the output${outputs.length > 1 ? 's' : ''} ${outputs.join(', ')}.`, { ...where, node: node.id });
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
        const many = node.kind === 'function' && (this.functionDefs.get(node.id) as FunctionDefinition).inputs.find((p) => p.name === to.port)?.many === true;
        if (list.length > 1 && !many) {
          throw new CrosswalkError('MAP_INPUT_LINKED_TWICE', `The input "${to.port}" of node "${node.id}" takes one value but has two links: "${list[0].link.id}" and "${link.id}".`, { ...where, node: node.id });
        }
      } else {
        const target = this.targets.get(to.target) as Target;
        info.targetPath = resolveTargetPath(to.path, (target.schema as { resource: string }).resource, this.options.elements, where);
      }
    }
    for (const byPort of this.inputs.values()) for (const list of byPort.values()) list.sort((a, b) => order(a.link, b.link));
  }

  private upstreamNodes(nodeId: string): string[] {
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
        throw new CrosswalkError('MAP_CYCLE', `The nodes ${cycle.map((n) => `"${n}"`).join(' → ')} form a cycle, so none of them can be computed.`, { node: id });
      }
      state.set(id, 1);
      stack.push(id);
      for (const up of this.upstreamNodes(id)) visit(up);
      stack.pop();
      state.set(id, 2);
    };
    for (const node of this.spec.nodes) visit(node.id);
  }

  // -------------------------------------------------------------------------------------------
  // Contexts

  /** The source item and filters of a context link, following conditions back to the source. */
  private contextSource(info: LinkInfo): { source: ContextInfo['source']; filters: MappingNode[] } {
    const where: ErrorLocation = { link: info.link.id, path: `links[${info.index}].from` };
    const filters: MappingNode[] = [];
    let from = info.link.from;
    const seen = new Set<string>();
    while ('node' in from) {
      const node = this.nodes.get(from.node) as MappingNode;
      if (node.kind !== 'condition' || seen.has(node.id)) {
        throw new CrosswalkError('MAP_BAD_CONTEXT', `Context link "${info.link.id}" must start at a repeating source item or at a condition filtering one, not at the ${node.kind} node "${node.id}".`, where);
      }
      seen.add(node.id);
      filters.unshift(node);
      const into = this.inputs.get(node.id)?.get('in')?.[0];
      if (!into) {
        throw new CrosswalkError('MAP_BAD_CONTEXT', `Context link "${info.link.id}" starts at condition "${node.id}", which filters nothing: link the repeating source item into its input.`, { ...where, node: node.id });
      }
      from = into.link.from;
    }
    const text = (from as SourceEndpoint).path;
    const segmentOnly = parseSegmentOnly(text);
    if (segmentOnly) return { source: { ...segmentOnly, text }, filters };
    const p = parseSourcePath(text, where);
    if (p.component !== undefined) {
      throw new CrosswalkError('MAP_BAD_CONTEXT', `Context link "${info.link.id}" starts at ${text}, but a context iterates a segment (OBX) or a field's repetitions (PID-3), not a component.`, where);
    }
    return { source: { segment: p.segment, occurrence: p.occurrence, field: p.field, repetition: p.repetition, text }, filters };
  }

  /** Every source path feeding a link (through nodes and condition expressions), to tell contexts apart. */
  private upstreamSources(from: Link['from'], out: Hl7Path[] = [], seen = new Set<string>()): Hl7Path[] {
    if ('source' in from) {
      if (!parseSegmentOnly(from.path)) {
        try {
          out.push(parseSourcePath(from.path, {}));
        } catch {
          // Reported where the path is compiled.
        }
      }
      return out;
    }
    if (seen.has(from.node)) return out;
    seen.add(from.node);
    const expression = this.expressions.get(from.node);
    if (expression) collectPaths(expression, out);
    for (const list of this.inputs.get(from.node)?.values() ?? []) for (const info of list) this.upstreamSources(info.link.from, out, seen);
    return out;
  }

  /** The innermost context a link (or context) lies in: the deepest whose target path is a prefix of its own. */
  private parentContext(info: LinkInfo, steps: TargetStep[], contexts: ContextInfo[], self?: ContextInfo): ContextInfo | undefined {
    let best: ContextInfo[] = [];
    let bestLength = -1;
    for (const ctx of contexts) {
      if (ctx === self) continue;
      const n = ctx.steps.length;
      if (self ? n >= steps.length : n > steps.length) continue;
      let prefix = true;
      for (let i = 0; i < n; i++) if (ctx.steps[i].specPath !== steps[i].specPath) prefix = false;
      if (!prefix) continue;
      if (n > bestLength) {
        best = [ctx];
        bestLength = n;
      } else if (n === bestLength) best.push(ctx);
    }
    if (best.length <= 1) return best[0];
    // Several contexts fill the same element (PID-13 and PID-14 → telecom): the one whose source item the link reads.
    const sources = self ? [self.source as unknown as Hl7Path] : this.upstreamSources(info.link.from);
    const matching = best.filter((ctx) => sources.some((p) => p.segment === ctx.source.segment && (ctx.source.field === undefined || p.field === ctx.source.field)));
    if (matching.length === 1) return matching[0];
    throw new CrosswalkError('MAP_AMBIGUOUS_CONTEXT', `Link "${info.link.id}" writes under ${best[0].steps.map((s) => s.specPath).pop() ?? 'the resource'}, which the context links ${best.map((c) => `"${c.info.link.id}"`).join(' and ')} both fill, and it reads ${matching.length === 0 ? 'neither of their source items' : 'both of their source items'}.`, { link: info.link.id, path: `links[${info.index}]` });
  }

  private compileTarget(target: Target): TargetPlan {
    const resourceType = (target.schema as { resource: string }).resource;
    const mine = this.linkInfos.filter((info) => 'target' in info.link.to && info.link.to.target === target.id);
    const contexts: ContextInfo[] = [];
    for (const info of mine) {
      if (info.link.kind !== 'context') continue;
      const steps = (info.targetPath as TargetPath).steps;
      const last = steps[steps.length - 1];
      if (last && !last.repeating) {
        throw new CrosswalkError('MAP_BAD_CONTEXT', `Context link "${info.link.id}" ends at ${last.specPath}, which does not repeat; a context makes one item per source item, so it must end at a repeating element or at ${resourceType} itself.`, { link: info.link.id, path: `links[${info.index}].to` });
      }
      const { source, filters } = this.contextSource(info);
      contexts.push({ info, target: target.id, steps, source, filters, children: [], values: [] });
    }
    const roots = contexts.filter((c) => c.steps.length === 0);
    if (roots.length > 1) {
      throw new CrosswalkError('MAP_BAD_CONTEXT', `Target "${target.id}" has two context links on ${resourceType} itself ("${roots[0].info.link.id}" and "${roots[1].info.link.id}"); one decides how many resources it yields.`, { node: target.id, link: roots[1].info.link.id });
    }
    for (const ctx of contexts) {
      ctx.parent = this.parentContext(ctx.info, ctx.steps, contexts, ctx);
      if (ctx.parent) ctx.parent.children.push(ctx);
    }
    const top: LinkInfo[] = [];
    const topContexts: ContextInfo[] = [];
    for (const ctx of contexts) if (!ctx.parent) topContexts.push(ctx);
    for (const info of mine) {
      if (info.link.kind === 'context') continue;
      const parent = this.parentContext(info, (info.targetPath as TargetPath).steps, contexts);
      if (parent) parent.values.push(info);
      else top.push(info);
    }

    const method = target.request?.method ?? 'POST';
    const root = roots[0];
    if (root) {
      // The root context wraps everything else of the target.
      const level = this.compileLevel(root, []);
      const scopes = [this.scopeOf(root, 0)];
      const body = this.compileBlock(root.values, root.children.filter((c) => c !== root), scopes, []);
      if (top.length > 0 || topContexts.some((c) => c !== root)) {
        throw new CrosswalkError('MAP_BAD_CONTEXT', `Target "${target.id}" is iterated by "${root.info.link.id}", so every link into it lies inside that context.`, { node: target.id });
      }
      return { target, slot: this.spec.targets.indexOf(target), idHash: nameHash(target.id), resourceType, method, root: { link: root.info.link, level }, body };
    }
    return { target, slot: this.spec.targets.indexOf(target), idHash: nameHash(target.id), resourceType, method, body: this.compileBlock(top, topContexts, [], []) };
  }

  private scopeOf(ctx: ContextInfo, depth: number): ContextScope {
    return { depth, link: ctx.info.link.id, segment: ctx.source.segment, source: ctx.source.text, ...(ctx.source.field !== undefined && ctx.source.repetition === undefined ? { field: ctx.source.field } : {}) };
  }

  private compileBlock(values: LinkInfo[], children: ContextInfo[], scopes: ContextScope[], base: TargetStep[]): Block {
    const steps: Array<WriteStep | ContextStep> = [];
    for (const info of values) {
      const all = (info.targetPath as TargetPath).steps;
      steps.push({
        kind: 'write',
        link: info.link,
        targetPath: (info.link.to as { path: string }).path,
        where: { link: info.link.id, path: (info.link.to as { path: string }).path },
        steps: all.slice(base.length),
        evaluate: this.compileFrom(info, scopes, 'leaf'),
      });
    }
    for (const ctx of children) {
      const depth = scopes.length;
      const level = this.compileLevel(ctx, scopes);
      const inner = [...scopes, this.scopeOf(ctx, depth)];
      steps.push({
        kind: 'context',
        link: ctx.info.link,
        targetPath: (ctx.info.link.to as { path: string }).path,
        where: { link: ctx.info.link.id, path: (ctx.info.link.to as { path: string }).path },
        steps: ctx.steps.slice(base.length),
        level,
        body: this.compileBlock(ctx.values, ctx.children, inner, ctx.steps),
      });
    }
    steps.sort((a, b) => order(a.link, b.link));
    return { steps };
  }

  /** How a context enumerates items (inside the outer scopes) and filters them (inside its own). */
  private compileLevel(ctx: ContextInfo, outer: ContextScope[]): ContextLevel {
    const depth = outer.length;
    this.maxDepth = Math.max(this.maxDepth, depth + 1);
    const { segment: id, occurrence, field, repetition } = ctx.source;
    const bound = segmentScope(outer, id, occurrence);
    // A segment context inside another segment's context takes the segments that follow the outer one (OBX after its OBR).
    const parentSegment = field === undefined && !bound ? outer[outer.length - 1] : undefined;
    const boundDepth = bound ? bound.depth : -1;

    const segments = (frame: Frame): readonly Hl7Segment[] => {
      if (boundDepth >= 0) return [frame.items[boundDepth].segment];
      if (occurrence !== undefined) {
        const one = frame.message.segment(id, occurrence);
        return one ? [one] : [];
      }
      if (parentSegment) {
        const anchor = frame.items[parentSegment.depth].segment;
        const all = frame.message.segments;
        const out: Hl7Segment[] = [];
        for (let i = all.indexOf(anchor) + 1; i < all.length && all[i].id !== anchor.id; i++) if (all[i].id === id) out.push(all[i]);
        return out;
      }
      return frame.message.segmentsById(id);
    };
    const enumerate = field === undefined
      ? (frame: Frame): ContextItem[] => {
        const list = segments(frame);
        const out: ContextItem[] = new Array(list.length);
        for (let i = 0; i < list.length; i++) out[i] = { segment: list[i], rep: 0 };
        return out;
      }
      : (frame: Frame): ContextItem[] => {
        const out: ContextItem[] = [];
        const list = segments(frame);
        for (let i = 0; i < list.length; i++) {
          const segment = list[i];
          const reps = repetitionNumbers(segment, field);
          if (repetition !== undefined) {
            if (reps.includes(repetition)) out.push({ segment, rep: repetition });
          } else for (let r = 0; r < reps.length; r++) out.push({ segment, rep: reps[r] });
        }
        return out;
      };

    const inner = [...outer, this.scopeOf(ctx, depth)];
    const tests = ctx.filters.map((node) => {
      const expression = this.expressions.get(node.id) as ExpressionNode;
      const input: Evaluate = field === undefined
        ? () => undefined
        : (frame) => frame.items[depth].segment.value(field, frame.items[depth].rep);
      return this.compileExpressionIn(node, expression, inner, input);
    });
    const keep = tests.length === 0
      ? () => true
      : (frame: Frame) => {
        for (const test of tests) if (!truthy(test(frame, undefined))) return false;
        return true;
      };
    return { depth, filterNodes: ctx.filters.map((n) => n.id), enumerate, keep };
  }

  // -------------------------------------------------------------------------------------------
  // Evaluation of link sources and nodes

  private compileFrom(info: LinkInfo, scopes: ContextScope[], mode: ReadMode): Evaluate {
    const link = info.link;
    const where: ErrorLocation = { link: link.id, path: `links[${info.index}].from` };
    const from = link.from;
    // The link id goes into the trace inside the reader itself: no extra call per link per message.
    return 'source' in from
      ? compileSourceRead(from.path, scopes, mode, where, link.id)
      : this.compileNodeOutput(from.node, from.port, scopes, link.id);
  }

  /** The value of all links into a port: one link's value, or for a list port every link's values in order. */
  private compilePort(nodeId: string, port: string, scopes: ContextScope[], mode: ReadMode): Evaluate | undefined {
    const links = this.inputs.get(nodeId)?.get(port);
    if (!links || links.length === 0) return undefined;
    if (mode !== 'many') return this.compileFrom(links[0], scopes, mode);
    const parts = links.map((info) => this.compileFrom(info, scopes, 'source' in info.link.from ? 'many' : 'composite'));
    return (frame, prov) => {
      const out: unknown[] = [];
      for (const part of parts) {
        const value = part(frame, prov);
        if (Array.isArray(value)) out.push(...value);
        else if (value !== undefined) out.push(value);
      }
      return out;
    };
  }

  private compileNodeOutput(nodeId: string, port: string, scopes: ContextScope[], linkId: string): Evaluate {
    const inner = this.compileNodeValue(nodeId, port, scopes);
    return (frame, prov) => {
      if (prov !== undefined) prov.links.push(linkId);
      return inner(frame, prov);
    };
  }

  private compileNodeValue(nodeId: string, port: string, scopes: ContextScope[]): Evaluate {
    const node = this.nodes.get(nodeId) as MappingNode;
    const where: ErrorLocation = { node: node.id };
    switch (node.kind) {
      case 'constant': {
        const value = node.value;
        return (_frame, prov) => {
          if (prov) prov.nodes.push(nodeId);
          return value;
        };
      }
      case 'function': {
        const definition = this.functionDefs.get(node.id) as FunctionDefinition;
        const ports = definition.inputs.map((p) => ({ name: p.name, evaluate: this.compilePort(node.id, p.name, scopes, readModeFor(p)) }));
        const params: Record<string, unknown> = { ...(node.params ?? {}) };
        const context = this.functionContext;
        return (frame, prov) => {
          const inputs: Record<string, unknown> = {};
          for (const p of ports) inputs[p.name] = p.evaluate ? p.evaluate(frame, prov) : undefined;
          if (prov) prov.nodes.push(nodeId);
          return callFunction(definition, inputs, params, context, where);
        };
      }
      case 'valueMap': {
        const map = this.valueMaps.get(node.valueMapId) as CompiledValueMap;
        const input = this.compilePort(node.id, 'in', scopes, 'leaf');
        const valueMapId = node.valueMapId;
        return (frame, prov) => {
          const raw = input ? input(frame, prov) : undefined;
          const code = raw === undefined || raw === null ? undefined : typeof raw === 'string' ? raw : String(raw);
          const result = map.apply(code, where);
          if (prov) {
            prov.nodes.push(nodeId);
            if (code !== undefined) prov.valueMaps.push({ valueMap: valueMapId, node: nodeId, code, outcome: result.outcome, ...(result.entryIndex !== undefined ? { entryIndex: result.entryIndex } : {}) });
          }
          const coding = result.coding;
          if (!coding) return undefined;
          switch (port) {
            case 'code': return coding.code;
            case 'display': return coding.display;
            case 'system': return coding.system;
            // The map's own frozen coding: writes copy it, functions only read their inputs.
            default: return coding;
          }
        };
      }
      case 'condition': {
        const expression = this.expressions.get(node.id) as ExpressionNode;
        const input = this.compilePort(node.id, 'in', scopes, 'leaf');
        const test = this.compileExpressionIn(node, expression, scopes, input);
        if (!input) {
          return (frame, prov) => {
            if (prov) prov.nodes.push(nodeId);
            return test(frame, prov);
          };
        }
        return (frame, prov) => {
          if (prov) prov.nodes.push(nodeId);
          return truthy(test(frame, prov)) ? input(frame, prov) : undefined;
        };
      }
      case 'reference': {
        const targetId = node.target;
        const slot = this.spec.targets.findIndex((t) => t.id === targetId);
        const rootInfo = this.linkInfos.find(({ link: l }) => l.kind === 'context' && 'target' in l.to && l.to.target === targetId && l.to.path.indexOf('.') === -1);
        if (!rootInfo) {
          return (frame, prov) => {
            if (prov) prov.nodes.push(nodeId);
            const refs = frame.references[slot];
            return refs && refs.length > 0 ? { reference: refs[0] } : undefined;
          };
        }
        // Inside a context over the same source item as the target's own (PV1-7 → participant,
        // PV1-7 → Practitioner): the resource built from the current item. Elsewhere: all of them.
        const source = this.contextSource(rootInfo).source.text;
        let same: ContextScope | undefined;
        for (let i = scopes.length - 1; i >= 0 && !same; i--) if (scopes[i].source === source) same = scopes[i];
        if (same) {
          const depth = same.depth;
          return (frame, prov) => {
            if (prov) prov.nodes.push(nodeId);
            const refs = frame.references[slot];
            const items = frame.referenceItems[slot];
            if (!refs || !items) return undefined;
            const current = frame.items[depth];
            for (let i = 0; i < items.length; i++) {
              if (items[i].segment === current.segment && items[i].rep === current.rep) return { reference: refs[i] };
            }
            return undefined;
          };
        }
        return (frame, prov) => {
          if (prov) prov.nodes.push(nodeId);
          const refs = frame.references[slot];
          if (!refs || refs.length === 0) return undefined;
          return refs.map((reference) => ({ reference }));
        };
      }
    }
  }

  private compileExpressionIn(node: MappingNode, expression: ExpressionNode, scopes: ContextScope[], input: Evaluate | undefined): Evaluate {
    const index = this.spec.nodes.indexOf(node);
    const where: ErrorLocation = { node: node.id, path: `nodes[${index}].expression` };
    return compileExpression(expression, {
      readPath: (path, mode, column) => {
        try {
          return compileSourceRead(path, scopes, mode, where);
        } catch (error) {
          if (error instanceof CrosswalkError) {
            throw new CrosswalkError(error.code, `${error.message.replace(/\.$/, '')} (column ${column} of the expression).`, { ...where, offset: column - 1 });
          }
          throw error;
        }
      },
      ...(input ? { input } : {}),
      functions: this.functions,
      functionContext: this.functionContext,
      where,
    });
  }

  // -------------------------------------------------------------------------------------------

  /** Referenced targets first, so their fullUrls exist when a reference node reads them. */
  private buildOrder(plans: Map<string, TargetPlan>): TargetPlan[] {
    const deps = new Map<string, Set<string>>();
    for (const target of this.spec.targets) {
      const set = new Set<string>();
      for (const info of this.linkInfos) {
        if (!('target' in info.link.to) || info.link.to.target !== target.id) continue;
        this.collectReferences(info.link.from, set, new Set());
      }
      deps.set(target.id, set);
    }
    const out: TargetPlan[] = [];
    const state = new Map<string, 1 | 2>();
    const visit = (id: string, path: string[]): void => {
      if (state.get(id) === 2) return;
      if (state.get(id) === 1) {
        throw new CrosswalkError('MAP_REFERENCE_CYCLE', `The targets ${[...path.slice(path.indexOf(id)), id].map((t) => `"${t}"`).join(' → ')} reference each other in a cycle, so none of them can be built first.`, { node: id });
      }
      state.set(id, 1);
      for (const dep of deps.get(id) ?? []) visit(dep, [...path, id]);
      state.set(id, 2);
      out.push(plans.get(id) as TargetPlan);
    };
    for (const target of this.spec.targets) visit(target.id, []);
    return out;
  }

  private collectReferences(from: Link['from'], out: Set<string>, seen: Set<string>): void {
    if (!('node' in from) || seen.has(from.node)) return;
    seen.add(from.node);
    const node = this.nodes.get(from.node) as MappingNode;
    if (node.kind === 'reference') out.add(node.target);
    for (const list of this.inputs.get(node.id)?.values() ?? []) for (const info of list) this.collectReferences(info.link.from, out, seen);
  }
}

function collectPaths(node: ExpressionNode, out: Hl7Path[]): void {
  switch (node.kind) {
    case 'path':
      if (!parseSegmentOnly(node.path)) {
        try {
          out.push(parseSourcePath(node.path, {}));
        } catch {
          // Reported where the expression is compiled.
        }
      }
      return;
    case 'call':
      for (const arg of node.args) collectPaths(arg, out);
      return;
    case 'not':
      collectPaths(node.operand, out);
      return;
    case 'and': case 'or': case 'compare':
      collectPaths(node.left, out);
      collectPaths(node.right, out);
      return;
    default:
  }
}
