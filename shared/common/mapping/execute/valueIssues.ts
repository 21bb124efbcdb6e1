import { CrosswalkError, type CrosswalkErrorData } from '../../errors/CrosswalkError';
import type { AbsentPlacement } from '../compile/absentPlacement';
import type { Frame } from '../compile/Frame';
import type { Block, WriteStep } from '../compile/MappingPlan';
import type { TraceEntry } from '../trace/TraceEntry';
import { nameHash, resourceUuid, type MessageKey } from './deterministicId';
import { descend } from './writeValue';

type JsonObject = Record<string, unknown>;

const DATA_ABSENT_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
const DATA_ABSENT_REASON_URL = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

/** A value of the message that could not be mapped and was left absent (`valueErrors: "absent"`). */
export interface ValueIssue {
  /** Code, sentence and place in the mapping; never `detail`, which may quote the value. */
  error: CrosswalkErrorData;
  /** The resource it belongs to. */
  resource: JsonObject;
  /** The data-absent-reason (or its extension) placed for it, found again in the output for the issue's expression. */
  marker: object | undefined;
  placement: AbsentPlacement;
  /** Where in the message: the context item the write was made for (`OBX[2]`, `OBX[2]-5[2]`). */
  source: string | undefined;
}

/**
 * Errors about the engine or the mapping itself still fail the message: an unexpected exception
 * in a function (a bug), or groups read without a structure. Every other CrosswalkError raised
 * while computing a value is about the message's data (a number that is not one, a date that
 * does not exist, a code a value map refuses).
 */
const NOT_ABOUT_DATA = new Set(['MAP_FUNCTION_FAILED', 'MAP_INTERNAL', 'MAP_NO_STRUCTURE']);

export function isValueError(error: unknown): error is CrosswalkError {
  return error instanceof CrosswalkError && !NOT_ABOUT_DATA.has(error.code);
}

/** Where in the message the current item of a block is, as the trace writes segments (`OBX[2]-5[1]`). */
function sourceOf(frame: Frame, recover: NonNullable<Block['recover']>): string | undefined {
  if (recover.depth < 0) return undefined;
  const item = frame.items[recover.depth];
  if (item === undefined) return undefined;
  // A JSON item is named by its own path (`$.readings[1]`).
  if ('path' in item) return item.path;
  const all = frame.message.segmentsById(item.segment.id);
  const segment = all.length > 1 ? `${item.segment.id}[${all.indexOf(item.segment) + 1}]` : item.segment.id;
  return recover.field !== undefined && item.rep > 0 ? `${segment}-${recover.field}[${item.rep}]` : segment;
}

/**
 * After a block's writes, for each one that failed on the data: the element goes (every variant
 * of a choice, whatever other links wrote into it), its mark takes its place (AbsentPlacement),
 * and the issue is kept for the Bundle's OperationOutcome.
 */
export function markAbsent(base: JsonObject, step: WriteStep, error: CrosswalkError, frame: Frame, recover: NonNullable<Block['recover']>, trace?: TraceEntry[]): void {
  const placement = step.absent ?? { kind: 'none', element: '' };
  const steps = step.steps;
  const last = steps[steps.length - 1];
  let marker: object | undefined;
  if (placement.kind === 'item') {
    dropExtension(base, steps, placement.at ?? -1, frame, step);
  } else if (placement.kind !== 'none' && last !== undefined) {
    const at: string[] | undefined = trace ? [] : undefined;
    const holder = descend(base, steps, steps.length - 1, at, step.where);
    const choice = placement.choice;
    for (const key of Object.keys(holder)) {
      const bare = key.startsWith('_') ? key.slice(1) : key;
      const variant = choice !== undefined && bare.startsWith(choice) && /^[A-Z]/.test(bare.slice(choice.length));
      if (!variant && bare !== last.key) continue;
      delete holder[key];
      // What other links wrote into it went with it: so do their trace entries.
      if (trace && at) {
        const gone = [...at, key].join('.');
        for (let i = trace.length - 1; i >= 0; i--) if (trace[i].output === gone || trace[i].output.startsWith(`${gone}.`) || trace[i].output.startsWith(`${gone}[`)) trace.splice(i, 1);
      }
    }
    if (placement.kind === 'dataAbsentReason') {
      marker = (holder.dataAbsentReason as object | undefined) ?? { coding: [{ system: DATA_ABSENT_REASON_SYSTEM, code: 'error', display: 'Error' }] };
      holder.dataAbsentReason = marker;
    } else {
      marker = { url: DATA_ABSENT_REASON_URL, valueCode: 'error' };
      holder[last.primitive === undefined ? last.key : `_${last.key}`] = { extension: [marker] };
    }
  }
  const { code, message, where } = error;
  (frame.issues ??= []).push({ error: { code, message, where }, resource: frame.building ?? base, marker, placement, source: sourceOf(frame, recover) });
}

/**
 * Removes the extension a failed write was writing into: the block's own object when it is that
 * extension (a context's item, then never appended), else the first item of the extension list on
 * the write's path (the item path writes go into).
 */
function dropExtension(base: JsonObject, steps: WriteStep['steps'], at: number, frame: Frame, step: WriteStep): void {
  if (at < 0) {
    (frame.dropped ??= new WeakSet()).add(base);
    return;
  }
  const holder = descend(base, steps, at, undefined, step.where);
  const key = steps[at].key;
  const list = holder[key];
  if (!Array.isArray(list) || list.length === 0) return;
  list.splice(0, 1);
  if (list.length === 0) delete holder[key];
}

/** The path to `target` inside `value` (keys and array indexes), or undefined. */
function pathTo(value: unknown, target: object, path: Array<string | number> = []): Array<string | number> | undefined {
  if (value === target) return path;
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = pathTo(value[i], target, [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const found = pathTo((value as JsonObject)[key], target, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/** The FHIRPath of the element an issue is about, in the Bundle (`Bundle.entry[2].resource.component[1].value`). */
function expressionOf(issue: ValueIssue, entryIndex: number): string {
  const resource = `Bundle.entry[${entryIndex}].resource`;
  const found = issue.marker === undefined ? undefined : pathTo(issue.resource, issue.marker);
  if (found === undefined) return resource;
  // The mark sits at holder.dataAbsentReason, or at holder.<element>.extension[i] / holder._<element>.extension[i].
  const holder = found.slice(0, issue.placement.kind === 'dataAbsentReason' ? -1 : -3);
  return `${resource}${holder.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}.${issue.placement.element}`;
}

/**
 * One issue per failure: when several links of one resource fail on the same value (each reading
 * the same node, as an attachment and a check of it do), the one that left a mark is kept.
 */
function distinct(issues: readonly ValueIssue[]): ValueIssue[] {
  const out: ValueIssue[] = [];
  const seen = new Map<string, number>();
  for (const issue of issues) {
    const id = `${issue.source ?? ''}|${issue.error.code}|${issue.error.message}|${JSON.stringify(issue.error.where)}`;
    const at = seen.get(id);
    if (at === undefined || out[at].resource !== issue.resource) {
      seen.set(id, out.length);
      out.push(issue);
    } else if (out[at].marker === undefined && issue.marker !== undefined) out[at] = issue;
  }
  return out;
}

/** FHIR statuses that say a result is complete, which a resource missing its value may not claim. */
const COMPLETE = new Set(['final', 'amended', 'corrected', 'appended']);

const OUTCOME_HASH = nameHash('#value-issues');

/**
 * The message's value issues as one OperationOutcome entry of the Bundle (a warning each: the
 * message was mapped, without those values), and, for a resource whose value itself is absent, a
 * status that no longer says the result is complete (`final` → `unknown`, the issue says it was
 * `final`): a reader must never take a result without its value for a finished one.
 */
export function outcomeEntry(all: readonly ValueIssue[], resources: readonly object[], key: MessageKey) {
  const issue = distinct(all).map((i) => {
    const index = resources.indexOf(i.resource);
    let note = '';
    if (i.placement.kind === 'dataAbsentReason' && COMPLETE.has(i.resource.status as string)) {
      note = ` Its status was ${i.resource.status as string}; it is unknown here, since its value is missing.`;
      i.resource.status = 'unknown';
    }
    const where = [i.source, i.error.where.map && `map ${i.error.where.map}`, i.error.where.node && `node ${i.error.where.node}`, i.error.where.link && `link ${i.error.where.link}`].filter(Boolean).join(', ');
    return {
      severity: 'warning',
      code: 'value',
      details: { text: `${i.error.message}${note}` },
      diagnostics: `${i.error.code}${where ? ` (${where})` : ''}`,
      ...(index >= 0 ? { expression: [expressionOf(i, index)] } : {}),
    };
  });
  const uuid = resourceUuid(key, OUTCOME_HASH, 0);
  return {
    fullUrl: `urn:uuid:${uuid}`,
    resource: { resourceType: 'OperationOutcome', issue },
    request: { method: 'POST' as const, url: 'OperationOutcome' },
  };
}
