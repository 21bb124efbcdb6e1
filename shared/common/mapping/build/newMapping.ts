import type { BundleContent } from '../../bundle/createBundle';
import type { BundleMetadata } from '../../bundle/BundleFile';
import { CrosswalkError } from '../../errors/CrosswalkError';
import { keepOrFreshId } from '../edit/mapEdits';
import { MAP_ID_PATTERN } from '../spec/ids';
import type { Accepts, MapDefinition, Target } from '../spec/MappingSpec';
import { parseSpec } from '../spec/parseSpec';
import type { CsvSchemaRef, JsonSchemaRef } from '../spec/schemaRefs';
import { buildSpec, fhirResource } from './MapBuilder';

/** An HL7 v2 message structure as a new mapping's source, with the trigger events its accepts take (table 0354). */
export interface Hl7v2NewSource {
  standard: 'hl7v2';
  version: string;
  structure: string;
  events?: readonly string[];
}

export type NewMappingSource = Hl7v2NewSource | JsonSchemaRef | CsvSchemaRef;

export interface NewMappingOptions {
  source: NewMappingSource;
  /** FHIR R4 resource types, in output order. */
  targets: readonly string[];
  metadata: BundleMetadata;
}

/** `Observation` → `observation`, `DiagnosticReport` → `diagnostic-report`: the id style of the shipped examples' targets. */
export function targetIdStem(resource: string): string {
  return resource.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** A message map's targets for these resources, each id unused in `used` (which it extends). */
export function newTargets(resources: readonly string[], used: Set<string>): Target[] {
  return resources.map((resource) => {
    const id = keepOrFreshId(used, targetIdStem(resource));
    used.add(id);
    return { id, schema: fhirResource(resource) };
  });
}

/** A JSON or CSV message map is named after the mapping (`Home BP feed` → `HomeBPFeed`), as the shipped example is. */
function inferredMapId(source: JsonSchemaRef | CsvSchemaRef, name: string): string {
  const id = name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  if (MAP_ID_PATTERN.test(id)) return id;
  if (source.standard === 'json') return 'JsonDocument';
  return source.messages === 'file' ? 'CsvFile' : 'CsvRow';
}

function hl7Accepts(source: Hl7v2NewSource): Accepts {
  const type = source.structure.split('_')[0];
  return { messages: [{ type, ...(source.events && source.events.length > 0 ? { events: [...source.events] } : {}) }] };
}

/**
 * A new, empty mapping as the studio's "New mapping" makes it: one message map reading the chosen
 * source (an HL7 v2 message structure, accepting the type and trigger events it is used for, or a
 * JSON or CSV sample), writing one target per chosen FHIR R4 resource, with no links yet. It
 * compiles and runs at once (each message gives a Bundle of empty resources), so the preview is
 * live from the first link. Refuses, with NEW_MAPPING_*, what would not make a mapping.
 */
export function newMappingDocument(options: NewMappingOptions): Required<BundleContent> {
  const { source, targets, metadata } = options;
  if (metadata.name.trim() === '') throw new CrosswalkError('NEW_MAPPING_NO_NAME', 'A new mapping needs a name.', { path: 'metadata.name' });
  if (targets.length === 0) throw new CrosswalkError('NEW_MAPPING_NO_TARGET', 'A new mapping needs at least one target FHIR resource.', { path: 'targets' });
  const map: MapDefinition = source.standard === 'hl7v2'
    ? {
      id: source.structure,
      kind: 'message',
      accepts: hl7Accepts(source),
      sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: source.version, structure: source.structure } }],
      targets: newTargets(targets, new Set(['msg'])),
      nodes: [],
      links: [],
    }
    : {
      id: inferredMapId(source, metadata.name),
      kind: 'message',
      sources: [{ id: 'msg', schema: source }],
      targets: newTargets(targets, new Set(['msg'])),
      nodes: [],
      links: [],
    };
  // Validated here, so a dialog's bad choice is one sentence now rather than a canvas that cannot load.
  const mapping = parseSpec(buildSpec([map], [], {}));
  const clean = Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== undefined && v !== '')) as BundleMetadata;
  return { metadata: clean, mapping, tests: [] };
}
