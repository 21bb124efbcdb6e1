import type { Hl7Message } from '../../../shared/common/hl7v2';
import { compileMapping, executeMapping, type MappingPlan, type TraceEntry } from '../../../shared/common/mapping';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import { prepareFhirValidator, type FhirIssue, type FhirValidator } from '../../../shared/common/fhir';
import type { TraceItem, ValidationItem } from '../preview/previewTypes';
import { validationCatalog, workerCatalog } from './workerCatalog';
import { expandValueSetOnHost } from './hostBridge';

// Compiling is per spec, not per keystroke: a sample edit reuses the plan of the same spec. Each
// request's spec is a fresh structured clone (postMessage), so the spec is compared by its JSON.
let planCache: { key: string; plan: MappingPlan } | undefined;
const validators = new Map<string, Promise<FhirValidator>>();

function targetTypes(spec: MappingSpec): string[] {
  return [...new Set(spec.targets.flatMap((t) => (t.schema.standard === 'fhir-r4' ? [t.schema.resource] : [])))].sort();
}

async function planFor(spec: MappingSpec): Promise<MappingPlan> {
  const key = JSON.stringify(spec);
  if (planCache?.key === key) return planCache.plan;
  const catalog = workerCatalog();
  await catalog.preloadFhir(targetTypes(spec));
  const plan = compileMapping(spec, { elements: catalog });
  planCache = { key, plan };
  return plan;
}

function validatorFor(spec: MappingSpec): Promise<FhirValidator> {
  const key = targetTypes(spec).join(',');
  let validator = validators.get(key);
  if (!validator) {
    validator = prepareFhirValidator(validationCatalog(expandValueSetOnHost), targetTypes(spec));
    validators.set(key, validator);
    validator.catch(() => validators.delete(key));
  }
  return validator;
}

function toTraceItem(entry: TraceEntry): TraceItem {
  return {
    outputPath: entry.output, target: entry.target, targetPath: entry.targetPath, value: undefined,
    links: entry.links.includes(entry.link) ? entry.links : [...entry.links, entry.link],
    nodes: entry.nodes, sources: entry.sources,
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
    item.link = best.links[best.links.length - 1];
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

/** Compiles (cached per spec) and executes the mapping with trace on, then validates the output. */
export async function executePreview(spec: MappingSpec, text: string, message: Hl7Message): Promise<{ output: unknown; trace: TraceItem[]; validation: ValidationItem[] }> {
  const plan = await planFor(spec);
  const result = executeMapping(plan, message, text, { trace: true });
  const trace = (result.trace ?? []).map(toTraceItem);
  for (const item of trace) item.value = valueAt(result.bundle, item.outputPath);
  let validation: ValidationItem[] = [];
  try {
    const validator = await validatorFor(spec);
    validation = validator.validate(result.bundle).map((issue) => toValidationItem(issue, trace));
  } catch (error) {
    validation = [{ severity: 'warning', message: `The output could not be validated: ${error instanceof Error ? error.message : String(error)}`, path: 'Bundle' }];
  }
  return { output: result.bundle, trace, validation };
}
