import { effectiveStatus, reviewPolicyOf, type ReviewPolicy } from '../review/reviewPolicy';
import { reviewStatusLabels } from '../valuemaps/rowReview';
import type { BundleTestResult } from '../bundle/runBundleTests';
import { describeOutput, type ShowableBundle } from '../bundle/showBundle';
import type { MapCoverage, MappingCoverage } from '../coverage/MappingCoverage';
import type { CrosswalkErrorData } from '../errors/CrosswalkError';
import { isShippedLibraryMap, libraryMap } from '../library/libraryMaps';
import { compileAccepts } from '../mapping/compile/compileMapping';
import type { PortEnv } from '../mapping/nodes/nodeKinds';
import { mappingRows, type MapRows, type MappingRow } from '../mapping/read/mappingRows';
import { fhirTypeOf, hl7InputOf, type MapDefinition } from '../mapping/spec/MappingSpec';
import type { ValueMap } from '../valuemaps/ValueMap';
import type { DocBlock, DocCell, MappingDocument } from './DocumentModel';

/** What the documentation is made of: the bundle, and what running it gave (or why it could not run). */
export interface DocumentationInput {
  bundle: ShowableBundle;
  env: PortEnv;
  tests: { results: BundleTestResult[] } | { error: CrosswalkErrorData };
  /** Coverage over the test cases' inputs and `extra` other samples (whose values never appear). */
  coverage: { result: MappingCoverage; extra: number } | { error: CrosswalkErrorData };
}

const KIND_NAMES: Record<MapDefinition['kind'], string> = { message: 'Message map', segment: 'Segment map', datatype: 'Data type map' };
const RULE_COLUMNS = ['Target element', 'Source', 'Transforms', 'Value map', 'Condition', 'Note'];
/** Differences shown per failed test: enough to see what changed, not a dump of the output. */
const DIFFERENCES_SHOWN = 5;

const cell = (text: string, more: Omit<DocCell, 'text'> = {}): DocCell => ({ text, ...more });
const code = (text: string, more: Omit<DocCell, 'text' | 'code'> = {}): DocCell => ({ text, code: true, ...more });
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const percent = (used: number, valued: number): string => (valued === 0 ? '—' : `${(Math.round((used / valued) * 1000) / 10).toFixed(1)}%`);

/** Heading ids from map and value map ids (`PID[Patient]` → `map-PID-Patient`), unique in the document. */
function anchors(): (prefix: string, id: string) => string {
  const taken = new Map<string, string>();
  const used = new Set<string>();
  return (prefix, id) => {
    const key = `${prefix}\u0000${id}`;
    const known = taken.get(key);
    if (known) return known;
    const base = `${prefix}-${id.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
    let anchor = base;
    for (let n = 2; used.has(anchor); n++) anchor = `${base}-${n}`;
    used.add(anchor);
    taken.set(key, anchor);
    return anchor;
  };
}

/**
 * The interface document of a mapping: its metadata, each map's rules as a table (the table
 * view's rows), its value maps with codes, displays and systems, its test cases with the result of
 * running them, its coverage, and the deviations its author noted (map descriptions, and the IG
 * deviations of the library maps it uses unchanged). Pure: the caller runs the tests and the
 * coverage. Nothing from a sample outside the bundle's test cases is written: coverage names
 * fields and counts, never values.
 */
export function buildMappingDocument(input: DocumentationInput): MappingDocument {
  const { bundle, env } = input;
  const { metadata, mapping } = bundle;
  const anchor = anchors();
  const tables = mappingRows(mapping, env);
  const coverage = 'result' in input.coverage ? input.coverage.result : undefined;
  const blocks: DocBlock[] = [];
  const section = (text: string, id: string): void => {
    blocks.push({ kind: 'heading', level: 2, text, id });
  };
  // Anchors of every map and value map first, so a rule can point at one defined further down.
  for (const map of mapping.maps) anchor('map', map.id);
  for (const valueMap of mapping.valueMaps) anchor('vm', valueMap.id);

  section('1. Overview', 'overview');
  const accepted = mapping.maps.filter((m) => m.kind === 'message').map((m) => `${m.id}: ${acceptsText(m)}`).join('; ');
  const kinds = (['message', 'segment', 'datatype'] as const).map((k) => plural(mapping.maps.filter((m) => m.kind === k).length, `${KIND_NAMES[k].toLowerCase()}`)).join(', ');
  const facts: Array<[string, DocCell]> = [
    ['Name', cell(metadata.name)],
    ['Version', cell(metadata.version)],
    ...(metadata.author ? [['Author', cell(metadata.author)] as [string, DocCell]] : []),
    ...(metadata.created ? [['Created', cell(metadata.created)] as [string, DocCell]] : []),
    ...(metadata.description ? [['Description', cell(metadata.description)] as [string, DocCell]] : []),
    ['Accepts', cell(accepted || 'no message map')],
    ['Maps', cell(`${kinds}; ${plural(mapping.valueMaps.length, 'value map')}`)],
    ['Times without an offset', cell(mapping.settings.defaultTimezone ? `read as ${mapping.settings.defaultTimezone}` : 'kept without an offset')],
    ['Test cases', testSummary(input)],
    ['Coverage', coverageSummary(input)],
    ['Bundle', code(`${bundle.format ?? 'bundle'}${bundle.hash ? ` ${bundle.hash}` : ''} · ${mapping.format}`)],
  ];
  blocks.push({ kind: 'facts', rows: facts });
  for (const note of bundle.notes ?? []) blocks.push({ kind: 'paragraph', text: `Note: ${note}.`, tone: 'warn' });

  section('2. Maps', 'maps');
  blocks.push({ kind: 'paragraph', text: 'One table per map, one row per link onto a target element, in the order crosswalk show prints them. A row under a "for each" row is written once per item it iterates. Source paths are HL7 v2 paths (PID-3.4.2); inside a data type map they name the composite it is given (CX.1).' });
  tables.forEach((table, i) => {
    const map = mapping.maps[i];
    blocks.push({ kind: 'heading', level: 3, text: `2.${i + 1} ${KIND_NAMES[map.kind]} ${map.id}`, id: anchor('map', map.id) });
    blocks.push(...mapBlocks(map, table, coverage?.maps.find((m) => m.map === map.id), mapping.maps, anchor));
  });

  section('3. Value maps', 'value-maps');
  if (mapping.valueMaps.length === 0) blocks.push({ kind: 'paragraph', text: 'The mapping has no value maps.' });
  mapping.valueMaps.forEach((valueMap, i) => {
    blocks.push({ kind: 'heading', level: 3, text: `3.${i + 1} ${valueMap.name}`, id: anchor('vm', valueMap.id) });
    blocks.push(...valueMapBlocks(valueMap, mapping.maps, anchor, reviewPolicyOf(mapping)));
  });

  section('4. Test cases', 'tests');
  blocks.push(...testBlocks(input));

  section('5. Coverage', 'coverage');
  blocks.push(...coverageBlocks(input, anchor));

  section('6. Deviations and notes', 'deviations');
  blocks.push(...deviationBlocks(mapping.maps, anchor));

  return {
    title: metadata.name,
    subtitle: [`Version ${metadata.version}`, metadata.author ? `by ${metadata.author}` : '', 'HL7 v2 → FHIR R4 interface specification'].filter(Boolean).join(' · '),
    blocks,
    footer: `Generated by Crosswalk (crosswalk doc) from ${bundle.hash ? `the bundle ${bundle.hash}` : 'the mapping'}; the test results and coverage are those of the engine that generated it.`,
  };
}

function acceptsText(map: MapDefinition): string {
  return compileAccepts(map.accepts).text;
}

function testSummary(input: DocumentationInput): DocCell {
  if ('error' in input.tests) return cell(`not run: ${input.tests.error.message}`, { tone: 'fail' });
  const results = input.tests.results;
  if (results.length === 0) return cell('none in the bundle', { tone: 'warn' });
  const passed = results.filter((r) => r.passed).length;
  return cell(`${passed} of ${results.length} passed`, { tone: passed === results.length ? 'pass' : 'fail' });
}

function coverageSummary(input: DocumentationInput): DocCell {
  if ('error' in input.coverage) return cell(`not computed: ${input.coverage.error.message}`, { tone: 'fail' });
  const { figure, samples } = input.coverage.result;
  const mapped = samples.filter((s) => s.ok).length;
  if (figure.percent === null) return cell(`no sample mapped (${plural(samples.length, 'sample')})`, { tone: 'warn' });
  return cell(`${figure.percent.toFixed(1)}% of the valued sample fields read (${figure.used} of ${figure.valued}, ${plural(mapped, 'sample')} mapped)`);
}

function mapBlocks(map: MapDefinition, table: MapRows, coverage: MapCoverage | undefined, maps: readonly MapDefinition[], anchor: (prefix: string, id: string) => string): DocBlock[] {
  const blocks: DocBlock[] = [];
  if (map.label) blocks.push({ kind: 'paragraph', text: map.label });
  if (map.description) blocks.push({ kind: 'paragraph', text: map.description });
  const input = hl7InputOf(map.sources[0].schema);
  const facts: Array<[string, DocCell]> = [
    ['Reads', cell(input ? `HL7 v${input.version} ${input.level === 'message' ? 'message structure' : input.level === 'segment' ? 'segment' : 'data type'} ${input.name}` : map.sources[0].schema.standard)],
    ['Writes', cell(map.targets.map((t) => `${map.kind === 'message' ? `${t.id}: ` : ''}${fhirTypeOf(t.schema) ?? t.schema.standard}${t.schema.standard === 'fhir-r4' && t.schema.profile ? ` (profile ${t.schema.profile})` : ''}${t.request?.method === 'PUT' ? ' (PUT)' : ''}`).join(', '))],
  ];
  if (map.accepts) facts.push(['Accepts', cell(acceptsText(map))]);
  if (map.when) facts.push(['Applies when', code(map.when)]);
  const library = libraryMap(map.id);
  if (library?.igTable) facts.push(['IG table', cell(library.igTable.replace(/ - Sheet1\.csv$/, ''))]);
  const callers = maps.filter((m) => m.nodes.some((n) => n.kind === 'call' && n.map === map.id)).map((m) => m.id);
  if (callers.length > 0) facts.push(['Called by', cell(callers.join(', '))]);
  blocks.push({ kind: 'facts', rows: facts });
  blocks.push({ kind: 'table', columns: RULE_COLUMNS, rows: table.rows.map((row) => ruleCells(row, map, anchor)), empty: 'This map has no links onto its targets.', className: 'rules' });
  if (coverage) blocks.push(...mapCoverageBlocks(coverage));
  return blocks;
}

function ruleCells(row: MappingRow, map: MapDefinition, anchor: (prefix: string, id: string) => string): DocCell[] {
  const prefix = map.kind === 'message' && map.targets.length > 1 ? `${row.target}: ` : '';
  const target = code(`${prefix}${row.targetPath}`, { indent: row.depth });
  if (row.kind === 'context') {
    return [target, code(`for each ${row.iterates ?? ''}`), cell(''), cell(''), code(row.conditions.join(' and ')), cell(row.note ?? '')];
  }
  const transforms = row.calls.length === 1 && row.transforms === row.calls[0]
    ? code(row.calls[0], { href: anchor('map', row.calls[0]) })
    : code(row.transforms);
  const valueMaps = row.valueMaps.map((id) => code(id, { href: anchor('vm', id) }));
  return [
    target,
    code(row.sources.join(', ')),
    transforms,
    valueMaps.length === 1 ? valueMaps[0] : code(row.valueMaps.join(', ')),
    code(row.conditions.join(' and ')),
    cell(row.note ?? ''),
  ];
}

function mapCoverageBlocks(coverage: MapCoverage): DocBlock[] {
  const missing = coverage.targets.flatMap((t) => t.missing.map((m) => `${m.path}${m.min >= 1 ? ` (min ${m.min})` : ''}${m.mustSupport ? ' must-support' : ''}${m.writtenByCaller ? ' — written by the calling map' : ''}`));
  const { sources } = coverage;
  const unused = sources.fields.filter((f) => f.used === 0).map((f) => f.path);
  const items = coverage.kind === 'message' ? 'message' : coverage.kind === 'segment' ? 'segment' : 'value';
  const rows: Array<[string, DocCell]> = [
    ['Required or must-support elements not written', missing.length === 0 ? cell('none', { tone: 'pass' }) : code(missing.join('; '), { tone: coverage.targets.some((t) => t.missing.some((m) => !m.writtenByCaller)) ? 'fail' : 'muted' })],
  ];
  if (sources.applied > 0) {
    rows.push(['Sample fields read', cell(`${sources.used} of ${sources.valued} valued (${percent(sources.used, sources.valued)}), over ${plural(sources.applied, items)} it was applied to`)]);
    if (unused.length === 0) rows.push(['Valued fields no link reads', cell('none', { tone: 'pass' })]);
    for (const [head, fields] of bySegment(unused)) rows.push([head === '' ? 'Valued fields no link reads' : `${head} fields no link reads`, code(fields.join(', '), { tone: 'warn' })]);
  } else {
    rows.push(['Sample fields read', cell('no sample reached this map', { tone: 'muted' })]);
  }
  return [{ kind: 'facts', rows }];
}

/** Unread fields of a segment or message map grouped by segment (`PID` → `PID-1, PID-2.1`); a data type map's in one group. */
function bySegment(paths: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const path of paths) {
    const head = /^([A-Z][A-Z0-9]{2})-/.exec(path)?.[1] ?? '';
    out.set(head, [...(out.get(head) ?? []), path]);
  }
  const numbers = (path: string): number[] => (path.match(/\d+/g) ?? []).map(Number);
  const byNumbers = (a: string, b: string): number => {
    const [x, y] = [numbers(a.replace(/^[A-Z][A-Z0-9]{2}/, '')), numbers(b.replace(/^[A-Z][A-Z0-9]{2}/, ''))];
    for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) - (y[i] ?? -1);
    return 0;
  };
  for (const list of out.values()) list.sort(byNumbers);
  return out;
}

function valueMapBlocks(valueMap: ValueMap, maps: readonly MapDefinition[], anchor: (prefix: string, id: string) => string, policy: ReviewPolicy): DocBlock[] {
  const blocks: DocBlock[] = [];
  if (valueMap.description) blocks.push({ kind: 'paragraph', text: valueMap.description });
  const unmapped = valueMap.unmapped.kind === 'default'
    ? `give ${valueMap.unmapped.code}${valueMap.unmapped.display ? ` (${valueMap.unmapped.display})` : ''}`
    : { passthrough: 'pass the source code through', empty: 'write nothing', error: 'fail the message (VALUEMAP_UNMAPPED)' }[valueMap.unmapped.kind];
  const usedBy = maps.filter((m) => m.nodes.some((n) => n.kind === 'valueMap' && n.valueMapId === valueMap.id)).map((m) => m.id);
  const facts: Array<[string, DocCell]> = [
    ['Id', code(valueMap.id)],
    ['Source system', code(valueMap.sourceSystem ?? '(local codes)')],
    ['Target system', code(valueMap.targetSystem ?? '(per row)')],
    ['Codes not in the table', cell(unmapped)],
    ['Used by', usedBy.length === 0 ? cell('no map', { tone: 'muted' }) : cell(usedBy.join(', '), usedBy.length === 1 ? { href: anchor('map', usedBy[0]) } : {})],
  ];
  // The review as the bundle holds it: each row's status under the bundle's policy (docs/value-map-review.md).
  const statuses = valueMap.entries.map((e) => effectiveStatus(e, policy));
  const approved = statuses.filter((st) => st === 'approved').length;
  facts.push(['Review', cell(`${approved} of ${statuses.length} rows approved`, approved === statuses.length && statuses.length > 0 ? { tone: 'pass' } : { tone: 'muted' })]);
  blocks.push({ kind: 'facts', rows: facts });
  blocks.push({
    kind: 'table',
    columns: ['Source code', 'Target code', 'Display', 'System', 'Equivalence', 'Comment', 'Review'],
    rows: valueMap.entries.map((e, i) => [code(e.source), code(e.target), cell(e.display ?? ''), code(e.system ?? valueMap.targetSystem ?? ''), cell(e.equivalence ?? ''), cell(e.comment ?? ''), cell(reviewStatusLabels[statuses[i]])]),
    empty: 'The table has no rows.',
    className: 'codes',
  });
  return blocks;
}

function testBlocks(input: DocumentationInput): DocBlock[] {
  if ('error' in input.tests) return [{ kind: 'paragraph', text: `The test cases were not run: ${input.tests.error.message} (${input.tests.error.code})`, tone: 'fail' }];
  const results = input.tests.results;
  const blocks: DocBlock[] = [{ kind: 'paragraph', text: `The bundle's test cases, run with the runtime's engine when this document was made: ${testSummary(input).text}.` }];
  blocks.push({
    kind: 'table',
    columns: ['Test case', 'Expects', 'Result', 'Details'],
    rows: results.map((result, i) => {
      const test = input.bundle.tests[i];
      const expects = test.expectedError !== undefined ? `fails with ${test.expectedError}` : `gives ${describeOutput(test.expected)}`;
      return [cell(result.name), cell(expects), cell(result.passed ? 'passed' : 'failed', { tone: result.passed ? 'pass' : 'fail' }), details(result)];
    }),
    empty: 'The bundle has no test cases.',
    className: 'tests',
  });
  return blocks;
}

function details(result: BundleTestResult): DocCell {
  if (result.passed) return cell('');
  if (result.expectedError !== undefined) return code(result.error ? `failed with ${result.error.code} instead` : 'mapped without an error');
  if (result.error) return code(`${result.error.code}: ${result.error.message}`);
  const shown = result.differences.slice(0, DIFFERENCES_SHOWN).map((d) => `${d.path || '(whole output)'}: expected ${show(d.expected)}, got ${show(d.actual)}`);
  const more = result.differences.length - shown.length;
  return code([...shown, ...(more > 0 ? [`and ${plural(more, 'more difference')}`] : [])].join('; '));
}

const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 120));

function coverageBlocks(input: DocumentationInput, anchor: (prefix: string, id: string) => string): DocBlock[] {
  if ('error' in input.coverage) return [{ kind: 'paragraph', text: `Coverage was not computed: ${input.coverage.error.message} (${input.coverage.error.code})`, tone: 'fail' }];
  const { result, extra } = input.coverage;
  const blocks: DocBlock[] = [{
    kind: 'paragraph',
    text: `Computed on the inputs of the bundle's test cases${extra > 0 ? ` and ${plural(extra, 'other sample')} (only field names and counts from those appear here)` : ''}: a valued field is used when a link, a condition or a map's "applies when" read it while the sample was mapped. Samples the mapping refuses are listed and not counted.`,
  }];
  blocks.push({ kind: 'facts', rows: [['Whole mapping', coverageSummary(input)]] });
  blocks.push({
    kind: 'table',
    columns: ['Sample', 'Mapped by', 'Valued fields', 'Read', 'Share'],
    rows: result.samples.map((s) => s.ok
      ? [cell(s.name), code(s.map ?? ''), cell(String(s.valued)), cell(String(s.used)), cell(percent(s.used, s.valued))]
      : [cell(s.name), cell(`not mapped: ${s.error?.code ?? ''}`, { tone: 'muted' }), cell('—'), cell('—'), cell('—')]),
    empty: 'There were no samples: add test cases to the bundle (or give samples) to measure coverage.',
    className: 'samples',
  });
  const gaps = result.maps.flatMap((m) => m.targets.flatMap((t) => t.missing.filter((x) => !x.writtenByCaller).map((x) => [
    code(m.map, { href: anchor('map', m.map) }), code(t.target), code(x.path), cell(String(x.min)), cell(x.mustSupport ? 'yes' : ''), code(t.profile ? `${t.profile.url}${t.profile.found ? '' : ' (not known)'}` : ''),
  ])));
  blocks.push({ kind: 'paragraph', text: 'Target elements that are required (min 1 or more), or must-support in the target\'s profile, and that no link writes (an element a calling map writes is not listed):' });
  blocks.push({ kind: 'table', columns: ['Map', 'Target', 'Element', 'Min', 'Must-support', 'Profile'], rows: gaps, empty: 'None: every required and must-support element is written.', className: 'gaps' });
  return blocks;
}

function deviationBlocks(maps: readonly MapDefinition[], anchor: (prefix: string, id: string) => string): DocBlock[] {
  const blocks: DocBlock[] = [];
  const noted = maps.filter((m) => m.description);
  blocks.push({ kind: 'paragraph', text: 'What the author wrote in each map\'s description (where this mapping departs from the HL7 v2-to-FHIR IG or leaves something out), and the deviations the IG data type map library documents for the library maps used as shipped.' });
  blocks.push({
    kind: 'table',
    columns: ['Map', 'Noted by the author'],
    rows: noted.map((m) => [code(m.id, { href: anchor('map', m.id) }), cell(m.description as string)]),
    empty: 'No map has a description.',
    className: 'notes',
  });
  const rows: DocCell[][] = [];
  for (const map of maps) {
    const entry = libraryMap(map.id);
    if (!entry) continue;
    if (!isShippedLibraryMap(map)) {
      rows.push([code(map.id, { href: anchor('map', map.id) }), cell(''), cell(`Changed after it was copied from the library; the library lists ${plural(entry.deviations.length, 'deviation')} for its own version, which may no longer hold.`, { tone: 'warn' })]);
      continue;
    }
    for (const deviation of entry.deviations) rows.push([code(map.id, { href: anchor('map', map.id) }), code((deviation.rows ?? []).join('; ')), cell(deviation.reason)]);
  }
  blocks.push({ kind: 'table', columns: ['Library map', 'IG rows', 'Deviation'], rows, empty: 'The mapping uses no map of the IG data type map library as shipped.', className: 'deviations' });
  return blocks;
}
