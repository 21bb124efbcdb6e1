import type { TraceEntry } from '../../../shared/common/mapping';
import type { FhirIssue } from '../../../shared/common/fhir';
import { createPreviewEngine, type PreviewOutcome } from '../../../shared/common/mapping/preview/createPreviewEngine';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import type { PreviewResult, TraceItem, ValidationItem } from '../preview/previewTypes';
import { validationCatalog, workerCatalog } from './workerCatalog';
import { expandValueSetOnHost } from './hostBridge';

// The one preview pipeline (shared/common/mapping/preview), the Node host's too: it compiles once
// per spec and runs what the runtime runs. What follows only shapes its outcome for the panels.
let engine: ReturnType<typeof createPreviewEngine> | undefined;

function toTraceItem(entry: TraceEntry, output: unknown): TraceItem {
  return {
    outputPath: entry.output, target: entry.target, targetPath: entry.targetPath, value: valueAt(output, entry.output),
    link: entry.link, links: entry.links, nodes: entry.nodes, sources: entry.sources,
    valueMapEntries: entry.valueMaps.map((v) => `${v.valueMap}:${v.code}`),
  };
}

/** The value at `entry[0].resource.gender` in the output. */
function valueAt(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Ties a validator issue to the target element and link that wrote it (or its resource's target). */
function toValidationItem(issue: FhirIssue, trace: readonly TraceItem[]): ValidationItem {
  const output = issue.path.replace(/^Bundle\./, '');
  let best: TraceItem | undefined;
  for (const t of trace) {
    if (output === t.outputPath || output.startsWith(`${t.outputPath}.`) || output.startsWith(`${t.outputPath}[`) || t.outputPath.startsWith(`${output}.`)) {
      if (!best || t.outputPath.length > best.outputPath.length) best = t;
    }
  }
  const item: ValidationItem = { severity: issue.severity, message: issue.message, path: issue.path };
  if (best) {
    item.target = best.target;
    item.targetPath = best.targetPath;
    item.link = best.link;
    return item;
  }
  // Nothing wrote it (a required element left empty): point at the element in its target.
  const entry = /^entry\[(\d+)\]\.resource\.?(.*)$/.exec(output);
  const sameEntry = entry ? trace.find((t) => t.outputPath.startsWith(`entry[${entry[1]}].`)) : undefined;
  if (entry && sameEntry) {
    item.target = sameEntry.target;
    const type = sameEntry.targetPath.split('.')[0];
    item.targetPath = entry[2] ? `${type}.${entry[2].replace(/\[\d+\]/g, '')}` : type;
  }
  return item;
}

type Shaped = Pick<PreviewResult, 'output' | 'trace' | 'validation' | 'placements' | 'map' | 'error'>;

/** The engine's outcome as the panels read it: an output that fails validation is still an output, with its issues. */
export function shapeOutcome(outcome: PreviewOutcome): Shaped {
  if (outcome.ok) {
    const trace = (outcome.trace ?? []).map((e) => toTraceItem(e, outcome.output));
    return { output: outcome.output, trace, validation: [], placements: outcome.placements ?? [], ...(outcome.map ? { map: outcome.map } : {}) };
  }
  if (outcome.error.code === 'OUTPUT_INVALID' && outcome.output) {
    const trace = (outcome.trace ?? []).map((e) => toTraceItem(e, outcome.output));
    return {
      output: outcome.output, trace, placements: outcome.placements ?? [], ...(outcome.map ? { map: outcome.map } : {}),
      validation: (outcome.issues ?? []).map((issue) => toValidationItem(issue, trace)),
    };
  }
  const stage = outcome.stage === 'parse' ? 'parse' : outcome.stage === 'execute' ? 'execute' : 'compile';
  return { output: undefined, trace: [], validation: [], placements: [], error: { ...outcome.error, stage } };
}

/** Runs the sample through the preview engine with trace and validation on. Never throws. */
export async function executePreview(spec: MappingSpec, text: string): Promise<Shaped> {
  engine ??= createPreviewEngine({ catalog: workerCatalog(), validation: validationCatalog(expandValueSetOnHost) });
  return shapeOutcome(await engine(spec, text, { trace: true, validate: true }));
}
