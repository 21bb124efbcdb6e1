import { CrosswalkError, type ErrorLocation } from '../../errors/CrosswalkError';
import { parsePath, type Hl7Path, type Hl7Segment } from '../../hl7v2';
import { looksLikeGroupPath, resolveGroupPath, type CompiledStructure, type GroupInstance } from '../../hl7v2/groups';
import type { CompiledValueMap } from '../../valuemaps/applyValueMap';
import { compileExpression, truthy } from '../expression/compileExpression';
import type { ExpressionNode } from '../expression/ExpressionAst';
import { parseExpression } from '../expression/parseExpression';
import { isEmptyObject, runBlock } from '../execute/runBlock';
import { nameHash } from '../execute/deterministicId';
import { isAbsent } from '../execute/writeValue';
import { nodeKindOf, type MappingNode, type NodeCompileContext } from '../nodes/nodeKinds';
import { isJsonPath, type JsonStep } from '../../json/jsonPath';
import type { SchemaNode } from '../../schema/SchemaNode';
import { checkSourcePath, schemaPaths, sourceSchemaTree } from '../input/sourceSchema';
import { fhirTypeOf, hl7InputOf, type Link, type MappingSpec, type SourceEndpoint, type Target } from '../spec/MappingSpec';
import type { TraceEntry } from '../trace/TraceEntry';
import { compileRequest } from './compileRequest';
import { absentPlacement } from './absentPlacement';
import type { ContextScope } from './ContextScope';
import type { FhirElementLookup } from './FhirElementLookup';
import { sameItem, type ContextItem, type Evaluate, type Frame, type JsonItem, type SegmentItem } from './Frame';
import { compileJsonList, compileJsonRead, jsonRewrite, jsonScopeOf, parseJsonSourcePath, startsWithSteps } from './jsonRead';
import type { FunctionLookup } from './FunctionLookup';
import { datatypeRewrite, identityRewrite, parseDatatypePath, segmentRewrite, type PathRewrite } from './inputBinding';
import { linkOrder, type LinkInfo, type MapIndex } from './MapIndex';
import type { Block, ContextLevel, ContextStep, TargetPlan, WriteStep } from './MappingPlan';
import { compileSegmentList, compileSegmentLookup, segmentScope } from './segmentLookup';
import type { ReadSite } from './SourceReadSink';
import { compileSourceLocate, compileSourceRead, parseSegmentOnly, parseSourcePath, repetitionNumbers, type ReadMode } from './sourceRead';
import type { TargetPath, TargetStep } from './targetPath';

/** A repeating source item a context or a map call iterates, in the message map's terms. */
export interface SourceItem {
  kind: 'segment' | 'field' | 'group' | 'json';
  /** The HL7 v2 segment; '' for a group or JSON item. */
  segment: string;
  occurrence?: number;
  field?: number;
  repetition?: number;
  /** The full group path of a group item. */
  group?: string;
  /** The steps of a JSON item's path. */
  json?: readonly JsonStep[];
  /** As the message map reads it (`PID-3`, `OBX`, `PATIENT_RESULT.ORDER_OBSERVATION`). */
  text: string;
}

/** What every call site of one message map shares while it compiles. */
export interface PlanState {
  spec: MappingSpec;
  indexes: ReadonlyMap<string, MapIndex>;
  valueMaps: ReadonlyMap<string, CompiledValueMap>;
  functions: FunctionLookup;
  elements: FhirElementLookup;
  structure: CompiledStructure | undefined;
  /** The message map being compiled: its targets are what reference nodes name. */
  message: MapIndex;
  /** What the message map reads: HL7 v2, or JSON (a JSON document, or a CSV row or file read as JSON). */
  source: 'hl7v2' | 'json';
  /** The schema of each JSON map's input, by map id, for path checks (null: the spec gives none). */
  jsonSchemas: Map<string, ReadonlyMap<string, SchemaNode> | null>;
  /** Each message-map target's root context source (null: one resource per message). */
  targetRoots: ReadonlyMap<string, SourceItem | null>;
  /** Deepest context level so far (sizes Frame.items). */
  depth: { max: number };
  /** Targets referenced while compiling the current target (its build dependencies). */
  referenced: Set<string>;
  /** Compile reads that tell the frame's SourceReadSink where they read (coverage only). */
  recordReads: boolean;
  /** What a value that cannot be mapped does (settings.valueErrors). */
  valueErrors: 'fail' | 'absent';
}

interface ContextInfo {
  info: LinkInfo;
  steps: TargetStep[];
  source: SourceItem;
  /** Condition nodes between the source item and the target, outermost first. */
  filters: MappingNode[];
  children: ContextInfo[];
  values: LinkInfo[];
}

/**
 * Compiles one map where it is used: the message map at the top, or a segment or data type map
 * at one call site (inlined: its paths rewritten into the caller's, its contexts nested in the
 * caller's scopes). The map's graph was checked once by its MapIndex; this builds the closures.
 */
export class SiteCompiler {
  constructor(
    private readonly state: PlanState,
    private readonly index: MapIndex,
    private readonly rewrite: PathRewrite,
    private readonly base: readonly ContextScope[],
    private readonly stack: readonly string[],
  ) {}

  /** Shared node outputs compiled so far, by the scopes they were compiled in. */
  private readonly shared = new WeakMap<ContextScope[], Map<string, Evaluate>>();

  private get map() {
    return this.index.map;
  }

  /** Where a read is written in this map, when the plan records reads. */
  private site(path: string): ReadSite | undefined {
    return this.state.recordReads ? { map: this.map.id, path } : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Message map targets and called-map outputs

  /** A message-map target: its resources (one, or one per item of its root context) and their content. */
  compileTarget(target: Target, slot: number): TargetPlan {
    const resourceType = fhirTypeOf(target.schema) as string;
    const { contexts, top, topContexts } = this.arrange(target);
    const roots = contexts.filter((c) => c.steps.length === 0);
    if (roots.length > 1) {
      throw new CrosswalkError('MAP_BAD_CONTEXT', `Target "${target.id}" has two context links on ${resourceType} itself ("${roots[0].info.link.id}" and "${roots[1].info.link.id}"); one decides how many resources it yields.`, this.index.where({ node: target.id, link: roots[1].info.link.id }));
    }
    const request = compileRequest(target, resourceType, this.state.elements, this.index.where({ node: target.id, path: `${this.index.at()}.targets[${slot}]` }));
    const common = { target, slot, idHash: nameHash(target.id), resourceType, request } as const;
    if (roots.length === 1) {
      const root = roots[0];
      if (top.length > 0 || topContexts.some((c) => c !== root)) {
        throw new CrosswalkError('MAP_BAD_CONTEXT', `Target "${target.id}" is iterated by "${root.info.link.id}", so every link into it lies inside that context.`, this.index.where({ node: target.id }));
      }
      const { level, scope } = this.compileLevel(root.source, root.filters, [...this.base], this.index.traceId(root.info.link.id));
      const body = this.compileBlock(root.values, root.children.filter((c) => c !== root), [...this.base, scope], []);
      return { ...common, root: { link: root.info.link, traceId: this.index.traceId(root.info.link.id), level }, body };
    }
    return { ...common, body: this.compileBlock(top, topContexts, [...this.base], []) };
  }

  /**
   * The output of a segment or data type map for the current item: the object its links build
   * (or, for a primitive output such as DTM[dateTime], the value written onto it), nothing when
   * its `when` is false or it wrote nothing. With tracing, what it wrote is handed to the caller.
   */
  compileOutput(): Evaluate {
    const target = this.map.targets[0];
    const type = fhirTypeOf(target.schema) as string;
    const { contexts, top, topContexts } = this.arrange(target);
    const root = contexts.find((c) => c.steps.length === 0);
    if (root) {
      throw new CrosswalkError('MAP_BAD_CONTEXT', `Context link "${root.info.link.id}" ends at ${type} itself, but map ${this.map.id} writes one ${type} per input item; iterate inside it (a repeating element) or let the calling map iterate.`, this.index.where({ link: root.info.link.id }));
    }
    const scopes = [...this.base];
    const when = this.map.when === undefined ? undefined : this.compileExpression(this.map.when, scopes, undefined, this.index.where({ path: `${this.index.at()}.when` }));
    const primitive = this.state.elements.fhirPrimitive(type);
    if (primitive) {
      if (topContexts.length > 0) {
        throw new CrosswalkError('MAP_BAD_CONTEXT', `Map ${this.map.id} writes one ${type} value, so it has no repeating element to iterate.`, this.index.where({ link: topContexts[0].info.link.id }));
      }
      const writes = top.map((info) => {
        if ((info.targetPath as TargetPath).steps.length > 0) {
          throw new CrosswalkError('MAP_BAD_TARGET_PATH', `Map ${this.map.id} writes one ${type} value: link "${info.link.id}" must end at ${type} itself.`, this.index.where({ link: info.link.id }));
        }
        return this.compileFrom(info, scopes, 'leaf');
      });
      // The last link (in link order) that gives a value wins, as for any single element.
      return (frame, prov) => {
        if (when && !truthy(when(frame, undefined))) return undefined;
        let out: unknown;
        for (const write of writes) {
          const value = write(frame, prov);
          if (!isAbsent(value)) out = value;
        }
        return out;
      };
    }
    const block = this.compileBlock(top, topContexts, scopes, []);
    const targetId = target.id;
    return (frame, prov) => {
      if (when && !truthy(when(frame, undefined))) return undefined;
      const object: Record<string, unknown> = {};
      const entries = prov ? [] as TraceEntry[] : undefined;
      runBlock(block, object, frame, targetId, entries);
      if (isEmptyObject(object)) return undefined;
      if (prov && entries) (prov.calls ??= []).push({ value: object, items: [entries] });
      return object;
    };
  }

  /** The contexts and value links of one target, nested by target path. */
  private arrange(target: Target): { contexts: ContextInfo[]; top: LinkInfo[]; topContexts: ContextInfo[] } {
    const mine = this.index.links.filter((info) => 'target' in info.link.to && info.link.to.target === target.id);
    const type = fhirTypeOf(target.schema) as string;
    const contexts: ContextInfo[] = [];
    for (const info of mine) {
      if (info.link.kind !== 'context') continue;
      const steps = (info.targetPath as TargetPath).steps;
      const last = steps[steps.length - 1];
      if (last && !last.repeating) {
        throw new CrosswalkError('MAP_BAD_CONTEXT', `Context link "${info.link.id}" ends at ${last.specPath}, which does not repeat; a context makes one item per source item, so it must end at a repeating element or at ${type} itself.`, this.index.where({ link: info.link.id, path: `${this.index.at()}.links[${info.index}].to` }));
      }
      const { source, filters } = this.contextSource(info);
      contexts.push({ info, steps, source, filters, children: [], values: [] });
    }
    const top: LinkInfo[] = [];
    const topContexts: ContextInfo[] = [];
    for (const ctx of contexts) {
      const parent = this.parentContext(ctx.info, ctx.steps, contexts, ctx);
      if (parent) parent.children.push(ctx);
      else topContexts.push(ctx);
    }
    for (const info of mine) {
      if (info.link.kind === 'context') continue;
      const parent = this.parentContext(info, (info.targetPath as TargetPath).steps, contexts);
      if (parent) parent.values.push(info);
      else top.push(info);
    }
    return { contexts, top, topContexts };
  }

  // -------------------------------------------------------------------------------------------
  // Source items: what a context or a map call iterates

  /** A source path of this map in the message map's terms, classified. */
  private sourceItem(pathText: string, where: ErrorLocation): SourceItem {
    const text = this.rewrite(this.checkPath(pathText, where), where);
    if (this.state.source === 'json') return { kind: 'json', segment: '', json: parseJsonSourcePath(text, where), text };
    if (looksLikeGroupPath(text)) {
      const structure = this.state.structure;
      if (!structure) {
        throw new CrosswalkError('MAP_NO_STRUCTURE', `The path "${text}" names a group, but the message structure is not known here, so groups cannot be read.`, { ...where, path: text });
      }
      const group = resolveGroupPath(structure, text);
      if (group === undefined) {
        throw new CrosswalkError('MAP_UNKNOWN_GROUP', `The message structure ${structure.name} has no group "${text}"${[...structure.groups.keys()].some((p) => p.endsWith(`.${text}`)) ? ' that is unique; write its whole path' : ''}.`, { ...where, path: text });
      }
      return { kind: 'group', segment: '', group, text: group };
    }
    const segmentOnly = parseSegmentOnly(text);
    if (segmentOnly) return { kind: 'segment', segment: segmentOnly.segment, ...(segmentOnly.occurrence !== undefined ? { occurrence: segmentOnly.occurrence } : {}), text };
    const p = parseSourcePath(text, where);
    return { kind: 'field', segment: p.segment, occurrence: p.occurrence, field: p.field, repetition: p.repetition, text, ...(p.component !== undefined ? { component: p.component } : {}) } as SourceItem;
  }

  /**
   * A source path of this map, checked against the kind of input it reads: JSON paths (`$.x`) in a
   * map over JSON, checked against its schema when the spec gives one; HL7 v2 paths otherwise.
   */
  private checkPath(path: string, where: ErrorLocation): string {
    const json = this.state.source === 'json';
    if (json !== isJsonPath(path)) {
      throw new CrosswalkError('MAP_BAD_SOURCE_PATH', json
        ? `Map ${this.map.id} reads JSON, so its paths start at $ (such as $.readings.systolic), not "${path}".`
        : `Map ${this.map.id} reads HL7 v2, so its paths name segments and fields (such as PID-8), not "${path}".`, { ...where, path });
    }
    if (!json) return path;
    parseJsonSourcePath(path, where);
    const paths = this.jsonSchema();
    const problem = paths ? checkSourcePath(paths, path, this.map.id) : undefined;
    if (problem) throw new CrosswalkError('MAP_UNKNOWN_SOURCE_PATH', problem, { ...where, path });
    return path;
  }

  /** The schema this map's JSON input has (inferred from its sample and fields), read once per map. */
  private jsonSchema(): ReadonlyMap<string, SchemaNode> | null {
    const cached = this.state.jsonSchemas.get(this.map.id);
    if (cached !== undefined) return cached;
    const ref = this.map.sources[0].schema;
    const tree = ref.standard === 'json' || ref.standard === 'csv' ? sourceSchemaTree(ref, `${this.index.at()}.sources[0].schema`) : undefined;
    const paths = tree ? schemaPaths(tree) : null;
    this.state.jsonSchemas.set(this.map.id, paths);
    return paths;
  }

  /** The source item and filters of a link into a context or a map call, following conditions back to the source. */
  private followFilters(info: LinkInfo, what: string): { path: string; filters: MappingNode[] } {
    const where = this.index.where({ link: info.link.id, path: `${this.index.at()}.links[${info.index}].from` });
    const filters: MappingNode[] = [];
    let from = info.link.from;
    const seen = new Set<string>();
    while ('node' in from) {
      const node = this.index.nodes.get(from.node) as MappingNode;
      if (node.kind !== 'condition' || seen.has(node.id)) {
        throw new CrosswalkError('MAP_BAD_CONTEXT', `${what} "${info.link.id}" must start at a source item or at a condition filtering one, not at the ${node.kind} node "${node.id}".`, where);
      }
      seen.add(node.id);
      filters.unshift(node);
      const into = this.index.firstInput(node.id, 'in');
      if (!into) {
        throw new CrosswalkError('MAP_BAD_CONTEXT', `${what} "${info.link.id}" starts at condition "${node.id}", which filters nothing: link the source item into its input.`, { ...where, node: node.id });
      }
      from = into.link.from;
    }
    return { path: (from as SourceEndpoint).path, filters };
  }

  contextSource(info: LinkInfo): { source: SourceItem; filters: MappingNode[] } {
    const where = this.index.where({ link: info.link.id, path: `${this.index.at()}.links[${info.index}].from` });
    const { path, filters } = this.followFilters(info, 'Context link');
    const source = this.sourceItem(path, where);
    if (source.kind === 'field' && (source as { component?: number }).component !== undefined) {
      throw new CrosswalkError('MAP_BAD_CONTEXT', `Context link "${info.link.id}" starts at ${source.text}, but a context iterates a group, a segment (OBX) or a field's repetitions (PID-3), not a component.`, where);
    }
    return { source, filters };
  }

  // -------------------------------------------------------------------------------------------
  // Nesting of contexts

  /** Every source path feeding a link (through nodes and condition expressions), to tell contexts apart. */
  private upstreamSources(from: Link['from'], out: Array<Hl7Path | readonly JsonStep[]> = [], seen = new Set<string>()): Array<Hl7Path | readonly JsonStep[]> {
    const push = (path: string): void => {
      try {
        const text = this.rewrite(path, {});
        if (this.state.source === 'json') out.push(parseJsonSourcePath(text, {}));
        else if (!parseSegmentOnly(text) && !looksLikeGroupPath(text) && !parseDatatypePath(text)) out.push(parseSourcePath(text, {}));
      } catch {
        // Reported where the path is compiled.
      }
    };
    if ('source' in from) {
      push(from.path);
      return out;
    }
    if (seen.has(from.node)) return out;
    seen.add(from.node);
    const node = this.index.nodes.get(from.node);
    if (node?.kind === 'condition') {
      try {
        collectPaths(parseExpression(node.expression), push);
      } catch {
        // Reported where the expression is compiled.
      }
    }
    for (const list of this.index.inputs.get(from.node)?.values() ?? []) for (const info of list) this.upstreamSources(info.link.from, out, seen);
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
    const sources = self ? [self.source.json ?? { segment: self.source.segment, field: self.source.field } as Hl7Path] : this.upstreamSources(info.link.from);
    const reads = (ctx: ContextInfo, p: Hl7Path | readonly JsonStep[]): boolean => Array.isArray(p)
      ? ctx.source.json !== undefined && startsWithSteps(p, ctx.source.json)
      : (p as Hl7Path).segment === ctx.source.segment && (ctx.source.field === undefined || (p as Hl7Path).field === ctx.source.field);
    const matching = best.filter((ctx) => sources.some((p) => reads(ctx, p)));
    if (matching.length === 1) return matching[0];
    throw new CrosswalkError('MAP_AMBIGUOUS_CONTEXT', `Link "${info.link.id}" writes under ${best[0].steps.map((s) => s.specPath).pop() ?? 'the resource'}, which the context links ${best.map((c) => `"${c.info.link.id}"`).join(' and ')} both fill, and it reads ${matching.length === 0 ? 'neither of their source items' : 'both of their source items'}.`, this.index.where({ link: info.link.id, path: `${this.index.at()}.links[${info.index}]` }));
  }

  private compileBlock(values: LinkInfo[], children: ContextInfo[], scopes: ContextScope[], base: TargetStep[]): Block {
    const steps: Array<WriteStep | ContextStep> = [];
    // A data type map's output is one value: a failure inside it fails it whole, and the write of the map that called it recovers.
    const recover = this.state.valueErrors === 'absent' && this.map.kind !== 'datatype';
    for (const info of values) {
      const all = (info.targetPath as TargetPath).steps;
      const targetPath = (info.link.to as { path: string }).path;
      steps.push({
        ...(recover ? { absent: absentPlacement(all, base.length, targetPath.split('.')[0], this.state.elements) } : {}),
        kind: 'write',
        link: info.link,
        traceId: this.index.traceId(info.link.id),
        targetPath,
        where: this.index.where({ link: info.link.id, path: targetPath }),
        steps: all.slice(base.length),
        // Without its link's trace id: runWrite pushes step.traceId first.
        evaluate: this.compileFrom(info, scopes, 'leaf', false),
        // A map call's output is built for this write alone, unless another link shares it: placed without a copy.
        adopt: 'node' in info.link.from && this.index.nodes.get(info.link.from.node)?.kind === 'call'
          && this.index.consumers.get(`${info.link.from.node}:${info.link.from.port}`) === 1,
      });
    }
    for (const ctx of children) {
      const traceId = this.index.traceId(ctx.info.link.id);
      const { level, scope } = this.compileLevel(ctx.source, ctx.filters, scopes, traceId);
      const targetPath = (ctx.info.link.to as { path: string }).path;
      steps.push({
        kind: 'context',
        link: ctx.info.link,
        traceId,
        targetPath,
        where: this.index.where({ link: ctx.info.link.id, path: targetPath }),
        steps: ctx.steps.slice(base.length),
        level,
        body: this.compileBlock(ctx.values, ctx.children, [...scopes, scope], ctx.steps),
      });
    }
    steps.sort((a, b) => linkOrder(a.link, b.link));
    if (!recover) return { steps };
    const inner = scopes[scopes.length - 1];
    return { steps, recover: inner === undefined ? { depth: -1 } : { depth: inner.depth, ...(inner.field !== undefined ? { field: inner.field } : {}) } };
  }

  /** How a context (or an iterating map call) enumerates items inside the outer scopes, and filters them inside its own. */
  private compileLevel(source: SourceItem, filters: MappingNode[], outer: ContextScope[], traceId: string): { level: ContextLevel; scope: ContextScope } {
    const depth = outer.length;
    this.state.depth.max = Math.max(this.state.depth.max, depth + 1);
    const scope: ContextScope = {
      depth, link: traceId, segment: source.segment, source: source.text,
      ...(source.kind === 'field' && source.repetition === undefined ? { field: source.field } : {}),
      ...(source.kind === 'group' ? { group: source.group } : {}),
      ...(source.kind === 'json' ? { json: source.json } : {}),
    };
    let enumerate: (frame: Frame) => ContextItem[];
    if (source.kind === 'json') {
      enumerate = compileJsonList(source.json as readonly JsonStep[], outer);
    } else if (source.kind === 'group') {
      enumerate = this.groupEnumerator(source.group as string, outer);
    } else {
      const segments = compileSegmentList(source.segment, source.occurrence, outer, this.state.structure);
      if (source.kind === 'segment') {
        enumerate = (frame) => {
          const list = segments(frame);
          const out: ContextItem[] = new Array(list.length);
          for (let i = 0; i < list.length; i++) out[i] = { segment: list[i], rep: 0 };
          return out;
        };
      } else {
        const field = source.field as number;
        const repetition = source.repetition;
        enumerate = (frame) => {
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
      }
    }
    const inner = [...outer, scope];
    const field = source.kind === 'field' ? source.field as number : undefined;
    const site = this.site(source.text);
    const tests = filters.map((node) => {
      // $in is the item's value: a field repetition's first leaf, or a JSON item itself.
      const input: Evaluate = source.kind === 'json'
        ? (frame) => (frame.items[depth] as JsonItem).value
        : field === undefined
          ? () => undefined
          : site === undefined
            ? (frame) => (frame.items[depth] as SegmentItem).segment.value(field, (frame.items[depth] as SegmentItem).rep)
            : (frame) => {
              const item = frame.items[depth] as SegmentItem;
              frame.reads?.read(site, item.segment, field, item.rep, undefined, undefined, false);
              return item.segment.value(field, item.rep);
            };
      const expression = (node as { expression: string }).expression;
      return this.compileExpression(expression, inner, input, this.index.where({ node: node.id, path: `${this.index.at()}.nodes[${this.map.nodes.indexOf(node)}].expression` }));
    });
    const keep = tests.length === 0
      ? () => true
      : (frame: Frame) => {
        for (const test of tests) if (!truthy(test(frame, undefined))) return false;
        return true;
      };
    return { level: { depth, filterNodes: filters.map((n) => this.index.traceId(n.id)), enumerate, keep }, scope };
  }

  /** The instances of a group: inside the enclosing group's current instance when it contains that group, else every one in the message. */
  private groupEnumerator(path: string, outer: ContextScope[]): (frame: Frame) => ContextItem[] {
    let enclosing: ContextScope | undefined;
    for (let i = outer.length - 1; i >= 0 && !enclosing; i--) {
      const g = outer[i].group;
      if (g !== undefined && (path === g || path.startsWith(`${g}.`))) enclosing = outer[i];
    }
    const toItem = (frame: Frame, instance: GroupInstance): SegmentItem => ({ segment: frame.groups().segments[instance.start], rep: 0, group: instance });
    if (enclosing?.group === path) {
      const depth = enclosing.depth;
      return (frame) => [frame.items[depth]];
    }
    if (enclosing) {
      const depth = enclosing.depth;
      return (frame) => {
        const within = (frame.items[depth] as SegmentItem).group as GroupInstance;
        return frame.groups().instances(path).filter((g) => g.start >= within.start && g.end <= within.end && g.start < g.end).map((g) => toItem(frame, g));
      };
    }
    return (frame) => frame.groups().instances(path).filter((g) => g.start < g.end).map((g) => toItem(frame, g));
  }

  // -------------------------------------------------------------------------------------------
  // Evaluation of link sources and nodes

  /**
   * The value a link carries. `traceLink` false leaves the link's own trace id to the caller
   * (runWrite pushes it before evaluating, in the same place): a link from a node then needs no
   * wrapper closure, one call less per write per message.
   */
  private compileFrom(info: LinkInfo, scopes: ContextScope[], mode: ReadMode, traceLink = true): Evaluate {
    const link = info.link;
    const where = this.index.where({ link: link.id, path: `${this.index.at()}.links[${info.index}].from` });
    const from = link.from;
    const traceId = traceLink ? this.index.traceId(link.id) : undefined;
    if ('source' in from) {
      const text = this.rewrite(this.checkPath(from.path, where), where);
      // The link id goes into the trace inside the reader itself: no extra call per link per message.
      if (this.state.source === 'json') return compileJsonRead(text, scopes, mode, where, traceId);
      if (looksLikeGroupPath(text)) {
        throw new CrosswalkError('MAP_SEGMENT_AS_VALUE', `The path "${text}" names a group, which only a context link or a map call can take; read a field of one of its segments.`, { ...where, path: text });
      }
      return compileSourceRead(text, scopes, mode, where, traceId, this.state.structure, this.site(from.path));
    }
    const inner = this.compileNodeValue(from.node, from.port, scopes);
    if (traceId === undefined) return inner;
    return (frame, prov) => {
      if (prov !== undefined) prov.links.push(traceId);
      return inner(frame, prov);
    };
  }

  /** The value of all links into a port: one link's value, or for a list port every link's values in order. */
  private compilePort(nodeId: string, port: string, scopes: ContextScope[], mode: ReadMode): Evaluate | undefined {
    const links = this.index.inputs.get(nodeId)?.get(port);
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

  /**
   * A node output in these scopes. An output several links read (a map call feeding both a target
   * and a condition) is compiled once and, without tracing, computed once per item: its value
   * depends only on the message and the current items of these scopes.
   */
  private compileNodeValue(nodeId: string, port: string, scopes: ContextScope[]): Evaluate {
    const key = `${nodeId}:${port}`;
    if ((this.index.consumers.get(key) ?? 0) < 2) return this.compileNodeOutput(nodeId, port, scopes);
    let compiled = this.shared.get(scopes);
    if (!compiled) this.shared.set(scopes, (compiled = new Map()));
    let evaluate = compiled.get(key);
    if (!evaluate) compiled.set(key, (evaluate = memoPerItem(this.compileNodeOutput(nodeId, port, scopes), scopes.length - 1)));
    return evaluate;
  }

  private compileNodeOutput(nodeId: string, port: string, scopes: ContextScope[]): Evaluate {
    const node = this.index.nodes.get(nodeId) as MappingNode;
    const where = this.index.where({ node: node.id });
    const traceId = this.index.traceId(node.id);
    const field = this.fieldFeeding(node.id, new Set());
    const ctx: NodeCompileContext = {
      where,
      ...(field !== undefined ? { field } : {}),
      traceId,
      port: (name, mode) => this.compilePort(node.id, name, scopes, mode),
      functions: this.state.functions,
      valueMap: (id) => this.state.valueMaps.get(id) as CompiledValueMap,
      expression: (text, input) => this.compileExpression(text, scopes, input, { ...where, path: `${this.index.at()}.nodes[${this.map.nodes.indexOf(node)}].expression` }),
      reference: (targetId) => this.reference(node, targetId, scopes),
      callMap: (mapId) => this.callMap(node, mapId, scopes),
    };
    return nodeKindOf(node).compile(node, port, ctx);
  }

  /**
   * The message field a node's value comes from, in the message map's terms (`OBX-14` for the
   * DTM a called map was given), through the nodes before it: errors about that value name it.
   */
  private fieldFeeding(nodeId: string, seen: Set<string>): string | undefined {
    if (seen.has(nodeId)) return undefined;
    seen.add(nodeId);
    for (const links of this.index.inputs.get(nodeId)?.values() ?? []) {
      for (const { link } of links) {
        const from = link.from;
        if (!('source' in from)) {
          const upstream = this.fieldFeeding(from.node, seen);
          if (upstream !== undefined) return upstream;
          continue;
        }
        try {
          const text = this.rewrite(from.path, {});
          if (!looksLikeGroupPath(text) && !parseSegmentOnly(text)) return text;
        } catch {
          // A path that does not resolve is reported where the link itself is compiled.
        }
      }
    }
    return undefined;
  }

  private compileExpression(text: string, scopes: ContextScope[], input: Evaluate | undefined, where: ErrorLocation): Evaluate {
    const expression: ExpressionNode = parseExpression(text, where);
    return compileExpression(expression, {
      readPath: (path, mode, column) => {
        try {
          const text = this.rewrite(this.checkPath(path, where), where);
          if (this.state.source === 'json') return compileJsonRead(text, scopes, mode, where);
          return compileSourceRead(text, scopes, mode, where, undefined, this.state.structure, this.site(path));
        } catch (error) {
          if (error instanceof CrosswalkError) {
            throw new CrosswalkError(error.code, `${error.message.replace(/\.$/, '')} (column ${column} of the expression).`, { ...where, offset: column - 1 });
          }
          throw error;
        }
      },
      ...(input ? { input } : {}),
      functions: this.state.functions,
      where,
    });
  }

  // -------------------------------------------------------------------------------------------
  // References between resources

  /**
   * A reference to a message-map target. To a target built once per message: its resource. To one
   * built per item of a context: inside a context over the same source item, the resource of the
   * current item; inside a group whose instance holds the target's items (a DiagnosticReport per
   * ORDER_OBSERVATION, its Observations per OBSERVATION), those of the current instance; inside
   * one of the target's group instances (an Observation per ORDER.OBSERVATION, the Immunization
   * per ORDER), the resource of that instance; elsewhere all of them, in order.
   */
  private reference(node: MappingNode, targetId: string, scopes: ContextScope[]): Evaluate {
    const message = this.state.message;
    const traceId = this.index.traceId(node.id);
    const slot = message.map.targets.findIndex((t) => t.id === targetId);
    if (slot < 0) {
      throw new CrosswalkError('SPEC_UNKNOWN_TARGET', `Node "${node.id}" of map ${this.map.id} refers to "${targetId}", which is not a target of the message map ${message.map.id} that uses it.`, this.index.where({ node: node.id }));
    }
    this.state.referenced.add(targetId);
    const root = this.state.targetRoots.get(targetId) ?? null;
    if (!root) {
      return (frame, prov) => {
        if (prov) prov.nodes.push(traceId);
        const refs = frame.references[slot];
        return refs && refs.length > 0 ? { reference: refs[0] } : undefined;
      };
    }
    // The references of the target's resources that `pick` chooses by their items, as one or a list.
    const picked = (pick: (frame: Frame, items: ContextItem[], refs: string[]) => unknown): Evaluate => (frame, prov) => {
      if (prov) prov.nodes.push(traceId);
      const refs = frame.references[slot];
      const items = frame.referenceItems[slot];
      return refs && items ? pick(frame, items, refs) : undefined;
    };
    const all = (refs: string[], keep: (i: number) => boolean): Array<{ reference: string }> | undefined => {
      const out: Array<{ reference: string }> = [];
      // Resources merged as one record share a fullUrl: listed once in each list.
      for (let i = 0; i < refs.length; i++) if (keep(i) && !out.some((o) => o.reference === refs[i])) out.push({ reference: refs[i] });
      return out.length > 0 ? out : undefined;
    };
    let same: ContextScope | undefined;
    for (let i = scopes.length - 1; i >= 0 && !same; i--) if (scopes[i].source === root.text) same = scopes[i];
    if (same) {
      const depth = same.depth;
      return picked((frame, items, refs) => {
        const current = frame.items[depth];
        for (let i = 0; i < items.length; i++) if (sameItem(items[i], current)) return { reference: refs[i] };
        return undefined;
      });
    }
    const within = root.json ? jsonScopeOf(scopes, root.json) : undefined;
    if (within) {
      // Inside a JSON context over a path above the target's items: those below the current item.
      const depth = within.depth;
      return picked((frame, items, refs) => {
        const prefix = (frame.items[depth] as JsonItem).path;
        return all(refs, (i) => {
          const path = (items[i] as JsonItem).path;
          return path.startsWith(prefix) && (path.charCodeAt(prefix.length) === 46 || path.charCodeAt(prefix.length) === 91);
        });
      });
    }
    const group = this.enclosingGroupOf(root, scopes);
    if (group) {
      const depth = group.depth;
      return picked((frame, items, refs) => {
        const instance = (frame.items[depth] as SegmentItem).group as GroupInstance;
        const groups = frame.groups();
        return all(refs, (i) => {
          const item = items[i] as SegmentItem;
          const at = item.group ? item.group.start : groups.indexOf(item.segment);
          return at >= instance.start && at < instance.end;
        });
      });
    }
    const inside = root.kind === 'group' ? this.scopeInsideGroup(root.group as string, scopes) : undefined;
    if (inside) {
      const depth = inside.depth;
      return picked((frame, items, refs) => {
        const current = frame.items[depth] as SegmentItem;
        const at = current.group ? current.group.start : frame.groups().indexOf(current.segment);
        for (let i = 0; i < items.length; i++) {
          const instance = (items[i] as SegmentItem).group;
          if (instance && at >= instance.start && at < instance.end) return { reference: refs[i] };
        }
        return undefined;
      });
    }
    return (frame, prov) => {
      if (prov) prov.nodes.push(traceId);
      const refs = frame.references[slot];
      if (!refs || refs.length === 0) return undefined;
      return refs.filter((reference, i) => i === 0 || refs.indexOf(reference) === i).map((reference) => ({ reference }));
    };
  }

  /** The innermost scope that iterates something the structure puts inside a group (a nested group, or a segment of it). */
  private scopeInsideGroup(path: string, scopes: ContextScope[]): ContextScope | undefined {
    const group = this.state.structure?.groups.get(path);
    if (!group) return undefined;
    for (let i = scopes.length - 1; i >= 0; i--) {
      const scope = scopes[i];
      if (scope.group !== undefined ? scope.group.startsWith(`${path}.`) : scope.json === undefined && group.all.has(scope.segment)) return scope;
    }
    return undefined;
  }

  /** The innermost group scope whose group holds, in the structure, the items a target iterates. */
  private enclosingGroupOf(root: SourceItem, scopes: ContextScope[]): ContextScope | undefined {
    const structure = this.state.structure;
    if (!structure) return undefined;
    for (let i = scopes.length - 1; i >= 0; i--) {
      const path = scopes[i].group;
      if (path === undefined) continue;
      const group = structure.groups.get(path);
      if (!group) continue;
      if (root.kind === 'group' ? (root.group as string).startsWith(`${path}.`) : group.all.has(root.segment)) return scopes[i];
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Map calls

  /**
   * A map call, inlined: the called map's paths are rewritten to read the item given to it, and
   * its links compiled in the caller's scopes (plus one level when it iterates a repeating item
   * no context binds: then it yields one output per item, in order).
   */
  private callMap(node: MappingNode, mapId: string, scopes: ContextScope[]): Evaluate {
    const traceId = this.index.traceId(node.id);
    const where = this.index.where({ node: node.id });
    if (this.stack.includes(mapId)) {
      const cycle = [...this.stack.slice(this.stack.indexOf(mapId)), mapId];
      throw new CrosswalkError('MAP_CALL_CYCLE', `The maps ${cycle.join(' → ')} call each other in a cycle, so none of them can be compiled.`, where);
    }
    const callee = this.state.indexes.get(mapId) as MapIndex;
    if (callee.map.kind === 'message') {
      throw new CrosswalkError('MAP_CALL_INPUT', `Node "${node.id}" applies ${mapId}, which is a message map; only segment and data type maps can be applied to an item.`, where);
    }
    const calleeReadsJson = callee.map.sources[0].schema.standard === 'json';
    if (calleeReadsJson !== (this.state.source === 'json')) {
      const kind = (json: boolean): string => (json ? 'JSON' : 'HL7 v2');
      throw new CrosswalkError('MAP_CALL_INPUT', `Node "${node.id}" applies ${mapId}, which reads ${kind(calleeReadsJson)}, but map ${this.state.message.map.id} maps ${kind(!calleeReadsJson)} messages.`, where);
    }
    const input = hl7InputOf(callee.map.sources[0].schema) ?? { level: 'json' as const, name: 'JSON', version: '' };
    const into = this.index.firstInput(node.id, 'in');
    if (!into) {
      const what = input.level === 'json' ? 'JSON value (such as $.readings)' : input.level === 'segment' ? `${input.name} segment` : `${input.name} field or component`;
      throw new CrosswalkError('MAP_CALL_INPUT', `Node "${node.id}" applies ${mapId} to nothing: link the ${what} it reads into its input.`, where);
    }
    const { path, filters } = this.followFilters(into, 'The link into map call');
    const inWhere = this.index.where({ link: into.link.id, node: node.id });
    const item = this.sourceItem(path, inWhere);
    const inTrace = [this.index.traceId(into.link.id), ...filters.map((f) => this.index.traceId(f.id))];

    let rewrite: PathRewrite;
    let iterate: SourceItem | undefined;
    if (input.level === 'json') {
      // `$` in the called map is the item given; the current item of a context over it, or each item it selects.
      const steps = item.json as readonly JsonStep[];
      rewrite = jsonRewrite(item.text);
      const bound = steps[steps.length - 1]?.index !== undefined || scopes.some((s) => s.json !== undefined && s.json.length === steps.length && startsWithSteps(steps, s.json));
      if (!bound) iterate = item;
    } else if (input.level === 'segment') {
      if (item.kind !== 'segment' || item.segment !== input.name) {
        throw new CrosswalkError('MAP_CALL_INPUT', `Map ${mapId} reads one ${input.name} segment, but node "${node.id}" gives it ${item.text}.`, inWhere);
      }
      rewrite = segmentRewrite(input.name, { occurrence: item.occurrence });
      if (item.occurrence === undefined && !segmentScope(scopes, item.segment)) iterate = item;
    } else {
      if (item.kind !== 'field') {
        throw new CrosswalkError('MAP_CALL_INPUT', `Map ${mapId} reads one ${input.name} value, but node "${node.id}" gives it ${item.text}, which is not a field or component.`, inWhere);
      }
      const given = parsePath(item.text);
      rewrite = datatypeRewrite(input.name, given, mapId);
      const bound = given.repetition !== undefined || given.component !== undefined || scopes.some((s) => s.segment === given.segment && s.field === given.field);
      if (!bound) iterate = item;
    }

    let scopesInside = scopes;
    let level: ContextLevel | undefined;
    if (iterate) {
      const opened = this.compileLevel(iterate, filters, scopes, traceId);
      level = opened.level;
      scopesInside = [...scopes, opened.scope];
    }
    const compiled = new SiteCompiler(this.state, callee, rewrite, scopesInside, [...this.stack, mapId]).compileOutput();
    const single = this.state.recordReads ? this.recordApplication(compiled, mapId, item, level?.depth, scopes, inWhere) : compiled;

    if (!level) {
      // One item: the filters decide whether the map is applied at all ($in is the item's value).
      const itemValue = item.kind === 'json'
        ? compileJsonRead(item.text, scopes, 'leaf', inWhere)
        : item.kind === 'field' ? compileSourceRead(item.text, scopes, 'leaf', inWhere, undefined, this.state.structure, this.site(path)) : () => undefined;
      const tests = filters.map((f) => this.compileExpression((f as { expression: string }).expression, scopes, itemValue, this.index.where({ node: f.id })));
      return (frame, prov) => {
        if (prov) {
          prov.nodes.push(traceId);
          prov.links.push(...inTrace);
        }
        for (const test of tests) if (!truthy(test(frame, undefined))) return undefined;
        return single(frame, prov);
      };
    }
    const { depth, enumerate, keep } = level;
    return (frame, prov) => {
      if (prov) {
        prov.nodes.push(traceId);
        prov.links.push(...inTrace);
      }
      // Made only when needed: most calls on a repeating item give one value or none, and most run untraced.
      let out: unknown[] | undefined;
      const items: TraceEntry[][] | undefined = prov ? [] : undefined;
      const list = enumerate(frame);
      for (let i = 0; i < list.length; i++) {
        frame.items[depth] = list[i];
        if (!keep(frame)) continue;
        const before = prov?.calls?.length ?? 0;
        const value = single(frame, prov);
        if (isAbsent(value)) continue;
        (out ??= []).push(value);
        if (prov && items) {
          // The call for this item recorded its entries: collect them per item, for the write to place.
          const record = prov.calls && prov.calls.length > before ? prov.calls.splice(before)[0] : undefined;
          items.push(record ? record.items[0] : []);
        }
      }
      if (out === undefined) return undefined;
      if (prov && items) (prov.calls ??= []).push({ value: out, items });
      return out;
    };
  }

  /**
   * A called map's output that first tells the frame's SourceReadSink which item the map was
   * applied to (coverage only): the current item of the call's own iteration, else the one segment
   * or field the caller gave it.
   */
  private recordApplication(single: Evaluate, mapId: string, item: SourceItem, depth: number | undefined, scopes: ContextScope[], where: ErrorLocation): Evaluate {
    const field = item.kind === 'field' ? item.field as number : 0;
    let locate: (frame: Frame) => { segment: Hl7Segment; field: number; rep: number; component?: number; subcomponent?: number } | undefined;
    if (depth !== undefined) {
      locate = (frame) => ({ segment: (frame.items[depth] as SegmentItem).segment, field, rep: (frame.items[depth] as SegmentItem).rep });
    } else if (item.kind === 'field') {
      locate = compileSourceLocate(item.text, scopes, where, this.state.structure);
    } else {
      const segment = compileSegmentLookup(item.segment, item.occurrence, scopes, this.state.structure);
      locate = (frame) => {
        const found = segment(frame);
        return found === undefined ? undefined : { segment: found, field: 0, rep: 0 };
      };
    }
    return (frame, prov) => {
      const at = frame.reads === undefined ? undefined : locate(frame);
      if (at !== undefined) frame.reads?.apply(mapId, at.segment, at.field, at.rep, at.component, at.subcomponent);
      return single(frame, prov);
    };
  }
}

/**
 * Computes a value once per message and current item at `depth` (-1: once per message) when not
 * tracing; with tracing, every read records its own provenance, so it is computed each time.
 * Items are fresh objects per enumeration, so the same item object means the same outer items.
 */
function memoPerItem(inner: Evaluate, depth: number): Evaluate {
  let lastFrame: Frame | undefined;
  let lastItem: ContextItem | undefined;
  let lastValue: unknown;
  return (frame, prov) => {
    if (prov !== undefined) return inner(frame, prov);
    const item = depth >= 0 ? frame.items[depth] : undefined;
    if (frame === lastFrame && item === lastItem) return lastValue;
    lastValue = inner(frame, prov);
    lastFrame = frame;
    lastItem = item;
    return lastValue;
  };
}

/** The message map's targets' root context sources, for reference nodes. */
export function targetRootsOf(message: MapIndex, state: Omit<PlanState, 'targetRoots'>): Map<string, SourceItem | null> {
  const roots = new Map<string, SourceItem | null>();
  const compiler = new SiteCompiler({ ...state, targetRoots: roots } as PlanState, message, identityRewrite, [], [message.map.id]);
  for (const target of message.map.targets) {
    const root = message.links.find(({ link }) => link.kind === 'context' && 'target' in link.to && link.to.target === target.id && link.to.path.indexOf('.') === -1);
    roots.set(target.id, root ? compiler.contextSource(root).source : null);
  }
  return roots;
}

/** Every source path an expression reads, in order (for the nesting of contexts, and for tests that trace what a value is made from). */
export function collectPaths(node: ExpressionNode, push: (path: string) => void): void {
  switch (node.kind) {
    case 'path':
      push(node.path);
      return;
    case 'call':
      for (const arg of node.args) collectPaths(arg, push);
      return;
    case 'not':
      collectPaths(node.operand, push);
      return;
    case 'and': case 'or': case 'compare':
      collectPaths(node.left, push);
      collectPaths(node.right, push);
      return;
    default:
  }
}
