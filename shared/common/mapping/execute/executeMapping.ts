import type { Hl7Message } from '../../hl7v2';
import type { Block, MappingPlan, TargetPlan } from '../compile/compileMapping';
import type { ContextItem, Frame } from '../compile/Frame';
import { newProvenance, type TraceEntry } from '../trace/TraceEntry';
import { messageKeyOf, resourceUuid, type MessageKey } from './deterministicId';
import { appendItem, isAbsent, writeValue } from './writeValue';

export interface FhirResource {
  resourceType: string;
  id?: string;
  [element: string]: unknown;
}

export interface BundleEntry {
  fullUrl: string;
  resource: FhirResource;
  request: { method: 'POST' | 'PUT'; url: string };
}

export interface TransactionBundle {
  resourceType: 'Bundle';
  type: 'transaction';
  entry: BundleEntry[];
}

export interface ExecuteOptions {
  /** Collect a trace entry for every output value (the studio's preview); off by default for speed. */
  trace?: boolean;
}

export interface MappingResult {
  bundle: TransactionBundle;
  /** Present when tracing. */
  trace?: TraceEntry[];
}

interface Instance {
  resource: FhirResource;
  fullUrl: string;
  trace: TraceEntry[] | undefined;
}

type JsonObject = Record<string, unknown>;

/**
 * Runs a compiled plan on one parsed message and assembles one FHIR transaction Bundle. The
 * resource ids are keyed on the message's normalized text (message.toString(): CR terminators, no
 * BOM or framing), so a message gives the same ids however it arrived, in the studio preview and in
 * the runtime alike. Data problems throw a CrosswalkError naming the link and target element (the
 * caller adds the message number).
 *
 * The third argument may still be the message text, as in the first version of this API; it is
 * ignored in favour of the normalized text.
 */
export function executeMapping(plan: MappingPlan, message: Hl7Message, textOrOptions?: string | ExecuteOptions, maybeOptions?: ExecuteOptions): MappingResult {
  const options = (typeof textOrOptions === 'string' ? maybeOptions : textOrOptions) ?? {};
  const trace = options.trace === true;
  const key = messageKeyOf(message);
  const slots = plan.outputTargets.length;
  const frame: Frame = { message, items: new Array(plan.maxDepth), references: new Array(slots).fill(undefined), referenceItems: new Array(slots).fill(undefined) };
  // By target slot, like the frame's references: a Map per message cost more than the lookups.
  const built: Instance[][] = new Array(slots);

  for (const target of plan.buildOrder) {
    const instances: Instance[] = [];
    if (target.root) {
      const { level, link } = target.root;
      const items: ContextItem[] = [];
      for (const item of level.enumerate(frame)) {
        frame.items[level.depth] = item;
        if (!level.keep(frame)) continue;
        const instance = buildResource(target, key, instances.length, frame, trace);
        if (instance.trace) for (const entry of instance.trace) addContext(entry, link.id, level.filterNodes);
        instances.push(instance);
        items.push(item);
      }
      frame.referenceItems[target.slot] = items;
    } else {
      instances.push(buildResource(target, key, 0, frame, trace));
    }
    built[target.slot] = instances;
    frame.references[target.slot] = instances.map((i) => i.fullUrl);
  }

  const entry: BundleEntry[] = [];
  const allTrace: TraceEntry[] | undefined = trace ? [] : undefined;
  for (const plan_ of plan.outputTargets) {
    for (const instance of built[plan_.slot] ?? []) {
      const index = entry.length;
      entry.push({
        fullUrl: instance.fullUrl,
        resource: instance.resource,
        request: plan_.method === 'PUT'
          ? { method: 'PUT', url: `${plan_.resourceType}/${instance.resource.id as string}` }
          : { method: 'POST', url: plan_.resourceType },
      });
      if (allTrace && instance.trace) {
        for (const t of instance.trace) allTrace.push({ ...t, output: t.output === '' ? `entry[${index}].resource` : `entry[${index}].resource.${t.output}` });
      }
    }
  }
  const bundle: TransactionBundle = { resourceType: 'Bundle', type: 'transaction', entry };
  return allTrace ? { bundle, trace: allTrace } : { bundle };
}

function buildResource(target: TargetPlan, key: MessageKey, index: number, frame: Frame, trace: boolean): Instance {
  const uuid = resourceUuid(key, target.idHash, index);
  const resource: FhirResource = { resourceType: target.resourceType };
  if (target.method === 'PUT') resource.id = uuid;
  const entries = trace ? [] as TraceEntry[] : undefined;
  runBlock(target.body, resource, frame, target.target.id, entries);
  return { resource, fullUrl: `urn:uuid:${uuid}`, trace: entries };
}

/** Whether an object has no own member; unlike Object.keys(o).length it allocates nothing (runs per context item). */
function isEmptyObject(o: JsonObject): boolean {
  for (const key in o) if (Object.prototype.hasOwnProperty.call(o, key)) return false;
  return true;
}

function addContext(entry: TraceEntry, link: string, filters: string[]): void {
  entry.links.unshift(link);
  if (filters.length) entry.nodes.unshift(...filters);
}

function runBlock(block: Block, base: JsonObject, frame: Frame, target: string, trace: TraceEntry[] | undefined): void {
  for (const step of block.steps) {
    if (step.kind === 'write') {
      const prov = trace ? newProvenance() : undefined;
      const value = step.evaluate(frame, prov);
      if (isAbsent(value)) continue;
      const output = writeValue(base, step.steps, value, step.where, trace !== undefined);
      if (trace && prov && output !== undefined) {
        trace.push({ output, target, targetPath: step.targetPath, link: step.link.id, links: prov.links, nodes: prov.nodes, sources: prov.sources, valueMaps: prov.valueMaps });
      }
      continue;
    }
    const { level } = step;
    const items = level.enumerate(frame);
    for (const item of items) {
      frame.items[level.depth] = item;
      if (!level.keep(frame)) continue;
      const child: JsonObject = {};
      const childTrace = trace ? [] as TraceEntry[] : undefined;
      runBlock(step.body, child, frame, target, childTrace);
      if (isEmptyObject(child)) continue;
      const at = appendItem(base, step.steps, child, step.where, trace !== undefined);
      if (trace && childTrace) {
        for (const entry of childTrace) {
          addContext(entry, step.link.id, level.filterNodes);
          trace.push({ ...entry, output: entry.output === '' ? (at as string) : `${at as string}.${entry.output}` });
        }
      }
    }
  }
}
