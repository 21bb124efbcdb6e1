import { CrosswalkError } from '../errors/CrosswalkError';
import { parseHl7, type Hl7Message } from '../hl7v2';
import { compileWithCatalog } from '../mapping/compile/compileWithCatalog';
import { placeTargetPath } from '../mapping/edit/editPaths';
import { executeMapping } from '../mapping/execute/executeMapping';
import { fhirTypeOf, hl7InputOf, type MapDefinition, type MappingSpec } from '../mapping/spec/MappingSpec';
import type { SchemaCatalog } from '../schema/SchemaCatalog';
import type { SchemaNode } from '../schema/SchemaNode';
import type { FhirProfileIndex } from '../schema/compact';
import type { CoverageSample, MapCoverage, MappingCoverage, SampleCoverage, TargetCoverage } from './MappingCoverage';
import { recordSourceReads, type SourcePlace } from './recordSourceReads';
import { guardPlaces, mapSourceCoverage, sampleCoverage, type MappedSample } from './sourceCoverage';
import { isWritten, missingElements } from './targetCoverage';
import { callSites, targetWrites, type TargetWrite } from './targetWrites';

/**
 * Coverage of a mapping over sample messages (see MappingCoverage). Targets are read from the spec
 * and the FHIR definitions (and the profile a target names); sources by mapping each sample with a
 * plan compiled to record its reads, so "used" means read by a link, a condition or a map's `when`
 * while that sample was mapped, through every map it called: a PID-3 component read inside
 * CX[Identifier] is used, a component CX[Identifier] does not read is not. A spec that does not
 * compile is refused with the compiler's error; a sample that does not parse or map is listed with
 * its error and not counted.
 */
export async function computeCoverage(spec: MappingSpec, catalog: SchemaCatalog, samples: readonly CoverageSample[]): Promise<MappingCoverage> {
  const compiled = await compileWithCatalog(spec, catalog, { recordReads: true });
  const targets = await targetCoverages(spec, catalog);

  const sampleResults: SampleCoverage[] = [];
  const mapped: MappedSample[] = [];
  const guards = new Map<MappedSample, readonly SourcePlace[]>();
  for (const sample of samples) {
    let message: Hl7Message;
    try {
      message = parseHl7(sample.text);
    } catch (error) {
      sampleResults.push(failed(sample.name, error));
      continue;
    }
    const { sink, reads } = recordSourceReads(message);
    let map: string;
    try {
      map = executeMapping(compiled.plan, message, { reads: sink }).map;
    } catch (error) {
      sampleResults.push(failed(sample.name, error));
      continue;
    }
    const one: MappedSample = { name: sample.name, message, map, reads };
    const guard = guardPlaces(spec.maps.find((m) => m.id === map) as MapDefinition, message);
    guards.set(one, guard);
    mapped.push(one);
    sampleResults.push(sampleCoverage(one, guard));
  }

  const trees = await loadTrees(spec, mapped, catalog);
  const maps: MapCoverage[] = spec.maps.map((map) => ({
    map: map.id,
    kind: map.kind,
    targets: targets.get(map.id) ?? [],
    sources: mapSourceCoverage(spec, map, mapped, guards, (version, name) => trees.get(`${version}|${name}`)),
  }));
  const used = sampleResults.reduce((n, s) => n + s.used, 0);
  const valued = sampleResults.reduce((n, s) => n + s.valued, 0);
  return {
    maps,
    targets: spec.maps.filter((m) => m.kind === 'message').flatMap((m) => (targets.get(m.id) ?? []).map((t) => ({ map: m.id, ...t }))),
    samples: sampleResults,
    figure: { used, valued, percent: valued === 0 ? null : Math.round((used / valued) * 1000) / 10 },
  };
}

function failed(name: string, error: unknown): SampleCoverage {
  if (!(error instanceof CrosswalkError)) throw error;
  return { name, ok: false, error: { code: error.code, message: error.message }, valued: 0, used: 0, unused: [] };
}

/** Each map's FHIR targets with what they require (or their profile marks must-support) and nothing writes. */
async function targetCoverages(spec: MappingSpec, catalog: SchemaCatalog): Promise<Map<string, TargetCoverage[]>> {
  const profiles = new Map<string, FhirProfileIndex | undefined>();
  for (const map of spec.maps) {
    for (const target of map.targets) {
      const url = target.schema.standard === 'fhir-r4' ? target.schema.profile : undefined;
      if (url !== undefined && !profiles.has(url)) profiles.set(url, await catalog.fhirProfile(url));
    }
  }
  const memo = new Map<string, TargetWrite[]>();
  /** Every map calling `map` writes `path` (of its output) where the output lands, or has it written by its own callers. */
  const writtenAbove = (map: MapDefinition, path: string, seen: Set<string>): boolean => {
    const sites = callSites(spec, map.id);
    const type = fhirTypeOf(map.targets[0].schema);
    if (sites.length === 0 || type === undefined || seen.has(map.id)) return false;
    const next = new Set(seen).add(map.id);
    return sites.every((site) => {
      const placed = placeTargetPath(site.path, path, type);
      return isWritten(targetWrites(spec, site.caller, site.target, memo), placed) || (site.caller.kind !== 'message' && writtenAbove(site.caller, placed, next));
    });
  };
  const out = new Map<string, TargetCoverage[]>();
  for (const map of spec.maps) {
    const list: TargetCoverage[] = [];
    for (const target of map.targets) {
      const type = fhirTypeOf(target.schema);
      if (type === undefined || target.schema.standard !== 'fhir-r4') continue;
      const url = target.schema.profile;
      const profile = url === undefined ? undefined : profiles.get(url);
      // A profile of another resource type says nothing about this one.
      const applies = profile !== undefined && profile.type === type;
      const missing = catalog.fhirPrimitive(type) ? [] : missingElements(type, targetWrites(spec, map, target.id, memo), catalog, applies ? profile : undefined);
      list.push({
        target: target.id,
        type,
        ...(url !== undefined ? { profile: { url, found: applies } } : {}),
        missing: map.kind === 'message' ? missing : missing.map((m) => (writtenAbove(map, m.path, new Set()) ? { ...m, writtenByCaller: true as const } : m)),
      });
    }
    out.set(map.id, list);
  }
  return out;
}

/** The schema trees naming the fields of the samples' segments and of the data type maps' inputs, by `version|name`. */
async function loadTrees(spec: MappingSpec, samples: readonly MappedSample[], catalog: SchemaCatalog): Promise<Map<string, ReadonlyMap<string, SchemaNode>>> {
  const wanted = new Set<string>();
  const segments = new Set(samples.flatMap((s) => s.message.segments.map((segment) => segment.id)));
  for (const map of spec.maps) {
    const input = hl7InputOf(map.sources[0].schema);
    if (!input) continue;
    if (input.level === 'datatype') wanted.add(`${input.version}|${input.name}`);
    else for (const segment of segments) wanted.add(`${input.version}|${segment}`);
  }
  const trees = new Map<string, ReadonlyMap<string, SchemaNode>>();
  for (const key of wanted) {
    const [version, name] = key.split('|');
    try {
      const root = await catalog.tree({ standard: 'hl7v2', version, structure: name }, { depth: 3 });
      const byPath = new Map<string, SchemaNode>();
      const visit = (node: SchemaNode): void => {
        byPath.set(node.path, node);
        node.children?.forEach(visit);
      };
      visit(root);
      trees.set(key, byPath);
    } catch (error) {
      // A Z-segment or a name the version lacks: its fields are named from the leaves.
      if (!(error instanceof CrosswalkError)) throw error;
    }
  }
  return trees;
}
