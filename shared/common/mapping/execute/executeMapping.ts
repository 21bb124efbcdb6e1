import { CrosswalkError } from '../../errors/CrosswalkError';
import type { Hl7Message } from '../../hl7v2';
import { placeSegments, type MessageGroups } from '../../hl7v2/groups';
import type { MappingPlan, MessagePlan, TargetPlan } from '../compile/MappingPlan';
import type { ContextItem, Frame } from '../compile/Frame';
import { isJsonInput, NO_SEGMENTS, type JsonInput, type MappingInput } from '../input/MappingInput';
import type { SourceReadSink } from '../compile/SourceReadSink';
import type { TraceEntry } from '../trace/TraceEntry';
import { canonicalJson } from '../../bundle/canonicalJson';
import { messageKey, messageKeyOf, resourceUuid, type MessageKey } from './deterministicId';
import { searchQuery } from './searchQuery';
import { messageContext } from './messageContext';
import { addContext, runBlock } from './runBlock';
import { outcomeEntry } from './valueIssues';

export interface FhirResource {
  resourceType: string;
  id?: string;
  [element: string]: unknown;
}

export interface BundleEntry {
  fullUrl: string;
  resource: FhirResource;
  /** `ifNoneExist` (the search, without `?`) makes a POST a conditional create; a PUT with a search in `url` is a conditional update. */
  request: { method: 'POST' | 'PUT'; url: string; ifNoneExist?: string };
}

export interface TransactionBundle {
  resourceType: 'Bundle';
  type: 'transaction';
  entry: BundleEntry[];
}

export interface ExecuteOptions {
  /** Collect a trace entry for every output value (the studio's preview); off by default for speed. */
  trace?: boolean;
  /** Told of every read of the message, by a plan compiled with `recordReads` (coverage). */
  reads?: SourceReadSink;
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
  /** The search of a conditional request (`identifier=…`), when the target has one and it found values. */
  search?: string;
  /** Set when an earlier resource is the same record (of this target, or of another with the same search): this one is not written, and references point there. */
  sameAs?: Instance;
}

/**
 * The message map that takes a message: the first that accepts it, or MESSAGE_NOT_ACCEPTED naming
 * MSH-9 and what the maps accept. A JSON input goes to the first message map (JSON and CSV maps
 * have no guard); an input of the other kind is MESSAGE_WRONG_KIND.
 */
export function chooseMessageMap(plan: MappingPlan, input: MappingInput): MessagePlan {
  const json = isJsonInput(input);
  if (plan.messages.length > 0 && (plan.messages[0].source === 'json') !== json) {
    throw new CrosswalkError('MESSAGE_WRONG_KIND', `The input is ${json ? 'JSON' : 'an HL7 v2 message'}, but this mapping reads ${json ? 'HL7 v2 messages' : 'JSON or CSV'}.`, {});
  }
  if (json) return plan.messages[0];
  const message = input;
  for (const candidate of plan.messages) if (candidate.accepts(message)) return candidate;
  const msh = message.segment('MSH');
  const type = [msh?.value(9, 1, 1), msh?.value(9, 1, 2)].filter((v) => typeof v === 'string' && v !== '').join('^') || 'without a message type';
  const version = msh?.value(12, 1, 1);
  const accepted = plan.messages.map((m) => m.acceptsText).join('; ');
  throw new CrosswalkError('MESSAGE_NOT_ACCEPTED', `The message is ${type}${typeof version === 'string' ? ` v${version}` : ''} (MSH-9${typeof version === 'string' ? ', MSH-12' : ''}), which this mapping does not accept; it accepts ${accepted}.`, { segmentId: 'MSH', field: 9, path: 'MSH-9' });
}

/**
 * Runs a compiled plan on one parsed message (or JSON value) and assembles one FHIR transaction
 * Bundle. The resource ids are keyed on the message's normalized text (message.toString(): CR
 * terminators, no BOM or framing; a JSON value's compact JSON), so a message gives the same ids
 * however it arrived, in the studio preview and in the runtime alike. Data problems throw a
 * CrosswalkError naming the map, link and target element (the caller adds the message number).
 */
export function executeMapping(plan: MappingPlan, input: MappingInput, options: ExecuteOptions = {}): MappingResult {
  const trace = options.trace === true;
  const chosen = chooseMessageMap(plan, input);
  const json: JsonInput | undefined = isJsonInput(input) ? input : undefined;
  const message: Hl7Message = json ? NO_SEGMENTS : input as Hl7Message;
  const key = json ? messageKey(json.text) : messageKeyOf(message);
  const slots = chosen.outputTargets.length;
  let groups: MessageGroups | undefined;
  const structure = chosen.structure;
  const frame: Frame = {
    message,
    json,
    context: messageContext(plan.functionContext, message),
    items: new Array(chosen.maxDepth),
    references: new Array(slots).fill(undefined),
    referenceItems: new Array(slots).fill(undefined),
    groups: () => {
      if (!structure) throw new CrosswalkError('MAP_NO_STRUCTURE', 'The mapping reads groups, but its message structure is not known.', { map: chosen.map.id });
      groups ??= placeSegments(message, structure);
      return groups;
    },
    reads: options.reads,
  };
  // By target slot, like the frame's references: a Map per message cost more than the lookups.
  const built: Instance[][] = new Array(slots);
  // The records written so far, across targets: conditional searches by resource type and search
  // (two targets naming one person, the ordering and the administering provider, must not send two
  // conditional creates of one record), and the merging targets' contents by resource type (a
  // doctor named as attending and again as admitting is one Practitioner).
  let records: Map<string, { instance: Instance; target: string }> | undefined;

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
    if (target.request.search || target.request.sameRecord === 'merge') resolveRecords(target, instances, (records ??= new Map()));
    built[target.slot] = instances;
    frame.references[target.slot] = instances.map((i) => (i.sameAs ?? i).fullUrl);
  }

  const entry: BundleEntry[] = [];
  const allTrace: TraceEntry[] | undefined = trace ? [] : undefined;
  for (const targetPlan of chosen.outputTargets) {
    for (const instance of built[targetPlan.slot] ?? []) {
      if (instance.sameAs) continue;
      const index = entry.length;
      entry.push({ fullUrl: instance.fullUrl, resource: instance.resource, request: requestOf(targetPlan, instance) });
      if (allTrace && instance.trace) {
        for (const t of instance.trace) allTrace.push({ ...t, output: t.output === '' ? `entry[${index}].resource` : `entry[${index}].resource.${t.output}` });
      }
    }
  }
  if (frame.issues) entry.push(outcomeEntry(frame.issues, entry.map((e) => e.resource), key));
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
  if (target.request.method === 'PUT') resource.id = uuid;
  const entries = trace ? [] as TraceEntry[] : undefined;
  frame.building = resource;
  runBlock(target.body, resource, frame, target.target.id, entries);
  const instance: Instance = { resource, fullUrl: `urn:uuid:${uuid}`, trace: entries };
  const search = target.request.search;
  if (search) {
    const query = searchQuery(resource, search);
    if (query !== undefined) {
      instance.search = query;
      // A conditional update names its resource by the search; an id of ours would have to match the server's.
      delete resource.id;
    } else if (target.request.otherwise === 'fail') {
      throw new CrosswalkError('REQUEST_NO_SEARCH_VALUE', `Target "${target.target.id}" writes ${target.resourceType} conditionally on ${search.map((p) => p.name).join(' and ')}, but this ${target.resourceType} has no value for it, and the target's request says to fail then.`, { node: target.target.id, path: `${target.resourceType}.${search[0].reads[0].steps.join('.')}` });
    }
  }
  return instance;
}

/**
 * Finds the resources that are one record within the message: the same search of the same
 * resource type, or (merging, without a search value) the same content of the same resource type.
 * `records` holds those found so far, across targets (filled as targets are built), since a
 * transaction holding two conditional requests for one record fails on the server, and a person
 * named in two places is one resource. Each later one points at the first (`sameAs`), so it is
 * written once and every reference goes to it. Under the default policy two resources with one
 * search must be identical: two results that claim one identifier with different content are not
 * safely one record, and the message fails instead.
 */
function resolveRecords(target: TargetPlan, instances: Instance[], records: Map<string, { instance: Instance; target: string }>): void {
  const merge = target.request.sameRecord === 'merge';
  const id = target.target.id;
  for (const instance of instances) {
    const key = instance.search !== undefined ? `${target.resourceType}?${instance.search}` : merge ? `${target.resourceType} ${contentOf(instance.resource)}` : undefined;
    if (key === undefined) continue;
    const earlier = records.get(key);
    if (!earlier) {
      records.set(key, { instance, target: id });
      continue;
    }
    if (!merge && contentOf(earlier.instance.resource) !== contentOf(instance.resource)) {
      const whose = earlier.target === id ? `of target "${id}"` : `of targets "${earlier.target}" and "${id}"`;
      throw new CrosswalkError('REQUEST_SAME_RECORD', `Two ${target.resourceType} resources ${whose} have the same search (${target.request.search?.map((p) => p.name).join(' and ')}) but different content, so they cannot be written as one record; make the search tell them apart, or set the target's sameRecord to merge.`, { node: id });
    }
    instance.sameAs = earlier.instance;
  }
}

/** A resource's content without its id, for comparing two built from the same message. */
function contentOf(resource: FhirResource): string {
  const { id: _id, ...content } = resource;
  return canonicalJson(content);
}

/** The entry's request: a create, a write by id, or their conditional forms. */
function requestOf(target: TargetPlan, instance: Instance): BundleEntry['request'] {
  const type = target.resourceType;
  if (target.request.method === 'PUT') {
    return instance.search !== undefined ? { method: 'PUT', url: `${type}?${instance.search}` } : { method: 'PUT', url: `${type}/${instance.resource.id as string}` };
  }
  return instance.search !== undefined ? { method: 'POST', url: type, ifNoneExist: instance.search } : { method: 'POST', url: type };
}
