import { CrosswalkError } from '../../errors/CrosswalkError';
import type { Hl7Message } from '../../hl7v2';
import { placeSegments, type MessageGroups } from '../../hl7v2/groups';
import type { MappingPlan, MessagePlan, TargetPlan } from '../compile/MappingPlan';
import type { ContextItem, Frame } from '../compile/Frame';
import type { TraceEntry } from '../trace/TraceEntry';
import { messageKeyOf, resourceUuid, type MessageKey } from './deterministicId';
import { messageContext } from './messageContext';
import { addContext, runBlock } from './runBlock';

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
  /** The message map that mapped the message. */
  map: string;
  /** When tracing and the map reads groups: where every segment went (`PATIENT_RESULT[1].ORDER_OBSERVATION[2]`). */
  groups?: MessageGroups;
}

interface Instance {
  resource: FhirResource;
  fullUrl: string;
  trace: TraceEntry[] | undefined;
}

/** The message map that takes a message: the first that accepts it, or MESSAGE_NOT_ACCEPTED naming MSH-9 and what the maps accept. */
export function chooseMessageMap(plan: MappingPlan, message: Hl7Message): MessagePlan {
  for (const candidate of plan.messages) if (candidate.accepts(message)) return candidate;
  const msh = message.segment('MSH');
  const type = [msh?.value(9, 1, 1), msh?.value(9, 1, 2)].filter((v) => typeof v === 'string' && v !== '').join('^') || 'without a message type';
  const version = msh?.value(12, 1, 1);
  const accepted = plan.messages.map((m) => m.acceptsText).join('; ');
  throw new CrosswalkError('MESSAGE_NOT_ACCEPTED', `The message is ${type}${typeof version === 'string' ? ` v${version}` : ''} (MSH-9${typeof version === 'string' ? ', MSH-12' : ''}), which this mapping does not accept; it accepts ${accepted}.`, { segmentId: 'MSH', field: 9, path: 'MSH-9' });
}

/**
 * Runs a compiled plan on one parsed message and assembles one FHIR transaction Bundle. The
 * resource ids are keyed on the message's normalized text (message.toString(): CR terminators, no
 * BOM or framing), so a message gives the same ids however it arrived, in the studio preview and in
 * the runtime alike. Data problems throw a CrosswalkError naming the map, link and target element
 * (the caller adds the message number).
 */
export function executeMapping(plan: MappingPlan, message: Hl7Message, options: ExecuteOptions = {}): MappingResult {
  const trace = options.trace === true;
  const chosen = chooseMessageMap(plan, message);
  const key = messageKeyOf(message);
  const slots = chosen.outputTargets.length;
  let groups: MessageGroups | undefined;
  const structure = chosen.structure;
  const frame: Frame = {
    message,
    context: messageContext(plan.functionContext, message),
    items: new Array(chosen.maxDepth),
    references: new Array(slots).fill(undefined),
    referenceItems: new Array(slots).fill(undefined),
    groups: () => {
      if (!structure) throw new CrosswalkError('MAP_NO_STRUCTURE', 'The mapping reads groups, but its message structure is not known.', { map: chosen.map.id });
      groups ??= placeSegments(message, structure);
      return groups;
    },
  };
  // By target slot, like the frame's references: a Map per message cost more than the lookups.
  const built: Instance[][] = new Array(slots);

  for (const target of chosen.buildOrder) {
    const instances: Instance[] = [];
    if (target.root) {
      const { level, traceId } = target.root;
      const items: ContextItem[] = [];
      for (const item of level.enumerate(frame)) {
        frame.items[level.depth] = item;
        if (!level.keep(frame)) continue;
        const instance = buildResource(target, key, instances.length, frame, trace);
        if (instance.trace) for (const entry of instance.trace) addContext(entry, traceId, level.filterNodes);
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
  for (const targetPlan of chosen.outputTargets) {
    for (const instance of built[targetPlan.slot] ?? []) {
      const index = entry.length;
      entry.push({
        fullUrl: instance.fullUrl,
        resource: instance.resource,
        request: targetPlan.method === 'PUT'
          ? { method: 'PUT', url: `${targetPlan.resourceType}/${instance.resource.id as string}` }
          : { method: 'POST', url: targetPlan.resourceType },
      });
      if (allTrace && instance.trace) {
        for (const t of instance.trace) allTrace.push({ ...t, output: t.output === '' ? `entry[${index}].resource` : `entry[${index}].resource.${t.output}` });
      }
    }
  }
  const bundle: TransactionBundle = { resourceType: 'Bundle', type: 'transaction', entry };
  const result: MappingResult = { bundle, map: chosen.map.id };
  if (allTrace) {
    result.trace = allTrace;
    if (structure) result.groups = frame.groups();
  }
  return result;
}

function buildResource(target: TargetPlan, key: MessageKey, index: number, frame: Frame, trace: boolean): Instance {
  const uuid = resourceUuid(key, target.idHash, index);
  const resource: FhirResource = { resourceType: target.resourceType };
  if (target.method === 'PUT') resource.id = uuid;
  const entries = trace ? [] as TraceEntry[] : undefined;
  runBlock(target.body, resource, frame, target.target.id, entries);
  return { resource, fullUrl: `urn:uuid:${uuid}`, trace: entries };
}
