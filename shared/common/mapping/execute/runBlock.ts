import type { CrosswalkError } from '../../errors/CrosswalkError';
import type { Block, WriteStep } from '../compile/MappingPlan';
import type { Frame } from '../compile/Frame';
import { newProvenance, type Provenance, type TraceEntry } from '../trace/TraceEntry';
import { isValueError, markAbsent } from './valueIssues';
import { appendItem, isAbsent, writeValue } from './writeValue';

type JsonObject = Record<string, unknown>;

/** Whether an object has no own member; unlike Object.keys(o).length it allocates nothing (runs per context item). */
export function isEmptyObject(o: JsonObject): boolean {
  for (const key in o) if (Object.prototype.hasOwnProperty.call(o, key)) return false;
  return true;
}

function addContext(entry: TraceEntry, link: string, filters: string[]): void {
  entry.links.unshift(link);
  if (filters.length) entry.nodes.unshift(...filters);
}

const join = (prefix: string, rest: string): string => (prefix === '' ? rest : rest === '' ? prefix : `${prefix}.${rest}`);

/**
 * The trace entries of one write: the write itself and, when the value is the output of a map
 * call, what the called map wrote inside it, placed where each item landed and prefixed with the
 * links and nodes the caller crossed to get there.
 */
function traceWrite(trace: TraceEntry[], prov: Provenance, value: unknown, output: string, itemPaths: string[], target: string, targetPath: string, link: string): void {
  trace.push({ output, target, targetPath, link, links: prov.links, nodes: prov.nodes, sources: prov.sources, valueMaps: prov.valueMaps });
  const call = prov.calls?.find((c) => c.value === value);
  if (!call) return;
  call.items.forEach((entries, k) => {
    const at = itemPaths[k] ?? output;
    for (const entry of entries) {
      trace.push({
        ...entry,
        output: join(at, entry.output),
        target,
        links: [...prov.links, ...entry.links],
        nodes: [...prov.nodes, ...entry.nodes],
        valueMaps: [...prov.valueMaps, ...entry.valueMaps],
      });
    }
  });
}

function runWrite(step: WriteStep, base: JsonObject, frame: Frame, target: string, trace: TraceEntry[] | undefined): void {
  const prov = trace ? newProvenance() : undefined;
  // The write's link comes first in its provenance; step.evaluate leaves it to us (see SiteCompiler.compileFrom).
  if (prov) prov.links.push(step.traceId);
  const value = step.evaluate(frame, prov);
  if (isAbsent(value)) return;
  const itemPaths = trace ? [] as string[] : undefined;
  const output = writeValue(base, step.steps, value, step.where, trace !== undefined, itemPaths, step.adopt);
  if (trace && prov && output !== undefined) traceWrite(trace, prov, value, output, itemPaths as string[], target, step.targetPath, step.traceId);
}

/**
 * Fills `base` from a compiled block: each write evaluates its link and writes the value at its
 * target path; each context makes one object per item it keeps and appends it. With `trace`,
 * every written value gets a trace entry whose output path is relative to `base`. A block that
 * recovers (`valueErrors: "absent"`) leaves a write that fails on the data absent, marked, and
 * goes on (valueIssues.ts); otherwise the error ends the message.
 */
export function runBlock(block: Block, base: JsonObject, frame: Frame, target: string, trace: TraceEntry[] | undefined): void {
  const steps = block.steps;
  const recover = block.recover;
  let failed: Array<[WriteStep, CrosswalkError]> | undefined;
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s];
    if (step.kind === 'write') {
      if (recover === undefined) runWrite(step, base, frame, target, trace);
      else {
        try {
          runWrite(step, base, frame, target, trace);
        } catch (error) {
          if (!isValueError(error)) throw error;
          (failed ??= []).push([step, error]);
        }
      }
      continue;
    }
    const { level } = step;
    const items = level.enumerate(frame);
    for (let i = 0; i < items.length; i++) {
      frame.items[level.depth] = items[i];
      if (!level.keep(frame)) continue;
      const child: JsonObject = {};
      const childTrace = trace ? [] as TraceEntry[] : undefined;
      runBlock(step.body, child, frame, target, childTrace);
      if (isEmptyObject(child) || frame.dropped?.has(child)) continue;
      const at = appendItem(base, step.steps, child, step.where, trace !== undefined);
      if (trace && childTrace) {
        for (const entry of childTrace) {
          addContext(entry, step.traceId, level.filterNodes);
          trace.push({ ...entry, output: join(at as string, entry.output) });
        }
      }
    }
  }
  // After every write, so that what other links wrote into a failed element goes with it.
  if (failed && recover) for (const [step, error] of failed) markAbsent(base, step, error, frame, recover, trace);
}

export { addContext };
