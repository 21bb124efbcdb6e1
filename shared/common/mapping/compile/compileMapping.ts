import { CrosswalkError } from '../../errors/CrosswalkError';
import { getFunction } from '../../functions';
import type { Hl7Message } from '../../hl7v2';
import type { SchemaNode } from '../../schema/SchemaNode';
import { compileStructure } from '../../hl7v2/groups';
import { compileValueMap, type CompiledValueMap } from '../../valuemaps/applyValueMap';
import type { PortEnv } from '../nodes/nodeKinds';
import { fhirTypeOf, hl7InputOf, messageMaps, type Accepts, type MapDefinition, type MappingSpec } from '../spec/MappingSpec';
import type { FunctionContext } from './FunctionLookup';
import { identityRewrite } from './inputBinding';
import { MapIndex } from './MapIndex';
import type { CompileOptions, MappingPlan, MessagePlan, TargetPlan } from './MappingPlan';
import { SiteCompiler, targetRootsOf, type PlanState } from './SiteCompiler';

export type { Block, CompileOptions, ContextLevel, ContextStep, MappingPlan, MessagePlan, TargetPlan, WriteStep } from './MappingPlan';

/**
 * Compiles a (parsed) spec into an executable plan: every map's graph checked once (paths parsed
 * and resolved against the FHIR definitions, functions and value maps looked up, no cycles), then
 * each message map compiled with the maps it calls inlined at every call site, so a mapping split
 * into maps runs as fast as the same links written flat. Problems are CrosswalkErrors naming the
 * map, node or link (and the column, in expressions); nothing is left to fail per message except
 * the data itself.
 */
export function compileMapping(spec: MappingSpec, options: CompileOptions): MappingPlan {
  const functions = options.functions ?? getFunction;
  const functionContext: FunctionContext = spec.settings.defaultTimezone === undefined ? {} : { defaultTimezone: spec.settings.defaultTimezone };
  const observe = options.onValueMapLookup;
  const valueMaps = new Map<string, CompiledValueMap>(spec.valueMaps.map((map) => {
    const compiled = compileValueMap(map);
    if (observe === undefined) return [map.id, compiled];
    return [map.id, { map, apply: (code, where) => { if (code !== undefined && code !== null && code !== '') observe(map.id, code); return compiled.apply(code, where); } }];
  }));
  const byId = new Map(spec.maps.map((map) => [map.id, map]));
  const ports: PortEnv = {
    functionPorts: (id) => functions(id),
    mapTypes: (id) => {
      const map = byId.get(id);
      return map ? mapTypes(map) : undefined;
    },
  };
  const indexes = new Map<string, MapIndex>();
  spec.maps.forEach((map, i) => indexes.set(map.id, new MapIndex(map, i, { elements: options.elements, functions, ports, hasValueMap: (id) => valueMaps.has(id) })));
  checkCallCycles(spec);
  const jsonSchemas = new Map<string, ReadonlyMap<string, SchemaNode> | null>();

  const messages = messageMaps(spec).map((map) => {
    const index = indexes.get(map.id) as MapIndex;
    // A JSON document and a CSV row or file are read alike: as JSON values.
    const input = hl7InputOf(map.sources[0].schema);
    const structureDef = input ? options.structures?.(input.version, input.name) : undefined;
    const base = {
      spec, indexes, valueMaps, functions, elements: options.elements,
      structure: structureDef ? compileStructure(structureDef) : undefined,
      message: index,
      source: input ? 'hl7v2' as const : 'json' as const,
      jsonSchemas,
      depth: { max: 0 },
      referenced: new Set<string>(),
      recordReads: options.recordReads === true,
      valueErrors: spec.settings.valueErrors ?? 'fail',
    };
    const state: PlanState = { ...base, targetRoots: targetRootsOf(index, base) };
    const compiler = new SiteCompiler(state, index, identityRewrite, [], [map.id]);
    const plans = new Map<string, TargetPlan>();
    const dependencies = new Map<string, Set<string>>();
    map.targets.forEach((target, slot) => {
      state.referenced = new Set();
      plans.set(target.id, compiler.compileTarget(target, slot));
      dependencies.set(target.id, state.referenced);
    });
    const accepts = input ? compileAccepts(map.accepts) : { test: () => true, text: `any ${map.sources[0].schema.standard === 'csv' ? 'CSV' : 'JSON'} input` };
    const plan: MessagePlan = {
      map,
      source: base.source,
      accepts: accepts.test,
      acceptsText: accepts.text,
      buildOrder: buildOrder(map, plans, dependencies),
      outputTargets: map.targets.map((t) => plans.get(t.id) as TargetPlan),
      ...(structureDef ? { structure: structureDef } : {}),
      maxDepth: state.depth.max,
    };
    return plan;
  });
  return { spec, messages, functionContext };
}

/** What a map reads and writes, as its call node shows it (`CX` → `Identifier`, `JSON` → `Observation`). */
export function mapTypes(map: MapDefinition): { input: string; output: string } {
  const standard = map.sources[0].schema.standard;
  const input = hl7InputOf(map.sources[0].schema)?.name ?? (standard === 'json' ? 'JSON' : standard === 'csv' ? 'CSV' : standard);
  const output = map.kind === 'message' ? 'Bundle' : fhirTypeOf(map.targets[0].schema) ?? map.targets[0].schema.standard;
  return { input, output };
}

/** Maps that call each other in a cycle can never be inlined: refused naming the maps, even when no message map reaches them. */
function checkCallCycles(spec: MappingSpec): void {
  const calls = new Map(spec.maps.map((map) => [map.id, map.nodes.flatMap((n) => (n.kind === 'call' ? [n.map] : []))]));
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    if (state.get(id) === 2) return;
    if (state.get(id) === 1) {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      throw new CrosswalkError('MAP_CALL_CYCLE', `The maps ${cycle.join(' → ')} call each other in a cycle, so none of them can be compiled.`, { map: id });
    }
    state.set(id, 1);
    stack.push(id);
    for (const next of calls.get(id) ?? []) visit(next);
    stack.pop();
    state.set(id, 2);
  };
  for (const map of spec.maps) visit(map.id);
}

/** Referenced targets first, so their fullUrls exist when a reference node reads them. */
function buildOrder(map: MapDefinition, plans: Map<string, TargetPlan>, dependencies: Map<string, Set<string>>): TargetPlan[] {
  const out: TargetPlan[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 2) return;
    if (state.get(id) === 1) {
      throw new CrosswalkError('MAP_REFERENCE_CYCLE', `The targets ${[...path.slice(path.indexOf(id)), id].map((t) => `"${t}"`).join(' → ')} of map ${map.id} reference each other in a cycle, so none of them can be built first.`, { map: map.id, node: id });
    }
    state.set(id, 1);
    for (const dep of dependencies.get(id) ?? []) if (dep !== id) visit(dep, [...path, id]);
    state.set(id, 2);
    out.push(plans.get(id) as TargetPlan);
  };
  for (const target of map.targets) visit(target.id, []);
  return out;
}

/** MSH-12 `2.5.1` is accepted by `2.5.1` and by `2.5`. */
function versionMatches(accepted: string, actual: string): boolean {
  return actual === accepted || actual.startsWith(`${accepted}.`);
}

/** The message guard of a message map: a test on MSH-9 and MSH-12, and what it accepts in words. */
export function compileAccepts(accepts: Accepts | undefined): { test(message: Hl7Message): boolean; text: string } {
  if (!accepts || (!accepts.messages && !accepts.versions)) return { test: () => true, text: 'any message' };
  const messages = accepts.messages;
  const versions = accepts.versions;
  const kinds = messages ? messages.flatMap((m) => (m.events && m.events.length > 0 ? m.events.map((e) => `${m.type}^${e}`) : [`${m.type} (any event)`])) : ['any message type'];
  const text = `${kinds.join(', ')}${versions ? ` (HL7 v${versions.join(', v')})` : ''}`;
  return {
    text,
    test(message) {
      const msh = message.segment('MSH');
      if (!msh) return false;
      if (messages) {
        const type = msh.value(9, 1, 1) ?? undefined;
        const event = msh.value(9, 1, 2) ?? undefined;
        const ok = messages.some((m) => m.type === type && (!m.events || m.events.length === 0 || (event !== undefined && m.events.includes(event as string))));
        if (!ok) return false;
      }
      if (versions) {
        const version = msh.value(12, 1, 1);
        if (typeof version !== 'string' || !versions.some((v) => versionMatches(v, version))) return false;
      }
      return true;
    },
  };
}
