import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CrosswalkError } from '../errors/CrosswalkError';
import { errorOf } from '../errors/errorOf';
import { prepareFhirValidator, type FhirValidator } from '../fhir';
import { administrativeSex } from '../library/valueMaps/administrativeSex';
import { applyReviewAction } from '../review/applyReviewAction';
import { defaultReviewPolicy } from '../review/reviewPolicy';
import { nodeSchemaCatalog } from '../../node/schema';
import { ROW_REVIEW_EXTENSION } from './conceptMapReview';
import { exportConceptMap, importConceptMap } from './conceptMap';
import { valueMapEntriesFromCsv, valueMapFromCsv, valueMapToCsv } from './csv';
import { equivalenceValues } from './equivalence';
import { reviewExtensionFiles } from './reviewExtensionDefinitions';
import { reviewStatusValues, type RowReview } from './rowReview';
import type { ValueMap } from './ValueMap';

const rita = { name: 'Rita Reviewer', role: 'reviewer' as const };
const ana = { name: 'Ana Author', role: 'author' as const };
const policy = defaultReviewPolicy;

/** The story on the real 0001 map: all approved, A and N questioned, N changed by an author. */
function reviewedGender(): ValueMap {
  let map = applyReviewAction(administrativeSex, { kind: 'approve', sources: ['F', 'M', 'O', 'U', 'A', 'N'], comment: 'Checked against table 0001.' }, { reviewer: rita, now: '2026-11-26T09:00:00Z', policy }).map;
  map = applyReviewAction(map, { kind: 'needs-discussion', sources: ['A', 'N'], comment: 'Is "other" right for ambiguous, "not applicable"?\nSee the IG.' }, { reviewer: rita, now: '2026-11-26T09:01:00+01:00', policy }).map;
  map = applyReviewAction(map, { kind: 'edit', source: 'N', changes: { target: 'unknown', display: 'Unknown', equivalence: 'inexact', comment: 'Not applicable says nothing about sex.' } }, { reviewer: ana, now: '2026-11-26T09:02:00Z', policy }).map;
  return map;
}

let validator: FhirValidator;
beforeAll(async () => {
  validator = await prepareFhirValidator(nodeSchemaCatalog(), ['ConceptMap', 'StructureDefinition']);
});

describe('a value map with its review as a FHIR R4 ConceptMap', () => {
  it('carries per-row status, reviewer, dates, approvals, comments and the approved content, and re-imports to the same rows and review', () => {
    const map = reviewedGender();
    const cm = exportConceptMap(map);
    expect(validator.validate(cm)).toEqual([]);
    expect(cm.status).toBe('draft');
    const n = cm.group![0].element.find((e) => e.code === 'N')!.target![0];
    expect(n).toEqual({
      code: 'unknown', equivalence: 'inexact', display: 'Unknown', comment: 'Not applicable says nothing about sex.',
      extension: [{
        url: ROW_REVIEW_EXTENSION,
        extension: [
          { url: 'status', valueCode: 'proposed' },
          { url: 'author', valueString: 'Ana Author' },
          { url: 'authored', valueDateTime: '2026-11-26T09:02:00Z' },
          { url: 'reviewer', valueString: 'Rita Reviewer' },
          { url: 'reviewed', valueDateTime: '2026-11-26T09:01:00+01:00' },
          { url: 'comment', extension: [{ url: 'by', valueString: 'Rita Reviewer' }, { url: 'at', valueDateTime: '2026-11-26T09:00:00Z' }, { url: 'text', valueMarkdown: 'Checked against table 0001.' }] },
          { url: 'comment', extension: [{ url: 'by', valueString: 'Rita Reviewer' }, { url: 'at', valueDateTime: '2026-11-26T09:01:00+01:00' }, { url: 'text', valueMarkdown: 'Is "other" right for ambiguous, "not applicable"?\nSee the IG.' }] },
          { url: 'lastApproved', extension: [{ url: 'source', valueCode: 'N' }, { url: 'target', valueCode: 'other' }, { url: 'display', valueString: 'Other' }] },
        ],
      }],
    });
    expect(cm.extension).toEqual([
      { url: 'urn:crosswalk:valuemap-author', valueString: 'Ana Author' },
      { url: 'urn:crosswalk:valuemap-reviewer', valueString: 'Rita Reviewer' },
      { url: 'http://hl7.org/fhir/StructureDefinition/resource-lastReviewDate', valueDate: '2026-11-26' },
    ]);
    expect(importConceptMap(JSON.parse(JSON.stringify(cm)))).toEqual(map);
  });

  it('publishes the map as active, with its approval date, once the changed row is approved again', () => {
    const map = applyReviewAction(reviewedGender(), { kind: 'approve', sources: ['A', 'N'] }, { reviewer: rita, now: '2026-11-27T08:00:00Z', policy }).map;
    const cm = exportConceptMap(map, { url: 'http://example.org/fhir/ConceptMap/v2-0001-gender' });
    expect(validator.validate(cm)).toEqual([]);
    expect([cm.status, cm.date]).toEqual(['active', '2026-11-27T08:00:00Z']);
    expect(cm.extension).toContainEqual({ url: 'http://hl7.org/fhir/StructureDefinition/resource-approvalDate', valueDate: '2026-11-27' });
    expect(importConceptMap(cm)).toEqual(map);
  });

  it('refuses a review extension it cannot read, naming the element', () => {
    const cm = exportConceptMap(reviewedGender()) as unknown as { group: { element: { target: { extension: { extension: unknown[] }[] }[] }[] }[] };
    const target = cm.group[0].element[0].target[0];
    target.extension[0].extension = [{ url: 'status', valueCode: 'signed' }];
    expect(errorOf(() => importConceptMap(cm))).toMatchObject({
      code: 'CONCEPTMAP_INVALID',
      message: 'The review at ConceptMap.group[0].element[0].target[0].extension[0] is invalid at status: Invalid option: expected one of "unreviewed"|"proposed"|"approved"|"rejected"|"needs-discussion".',
    });
    target.extension[0].extension = [{ url: 'status', valueCode: 'approved' }, { url: 'status', valueCode: 'approved' }];
    expect(errorOf(() => importConceptMap(cm)).message).toBe('ConceptMap.group[0].element[0].target[0].extension[0].extension[1] repeats "status", which the review extension allows once.');
    target.extension[0].extension = [{ url: 'constructor', valueString: 'x' }];
    expect(errorOf(() => importConceptMap(cm)).message).toBe('ConceptMap.group[0].element[0].target[0].extension[0].extension[0] has the url "constructor", which the review extension does not define.');
  });
});

describe('a value map with its review as CSV for spreadsheet review', () => {
  it('writes one column per part of the review and reads the same rows and review back', () => {
    const map = reviewedGender();
    const csv = valueMapToCsv(map);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('source,target,display,system,comment,equivalence,review_status,review_author,review_authored,review_reviewer,review_reviewed,review_approvals,review_comments,review_last_approved');
    expect(lines[1]).toBe('F,female,Female,,,,approved,,,Rita Reviewer,2026-11-26T09:00:00Z,"[{""by"":""Rita Reviewer"",""at"":""2026-11-26T09:00:00Z"",""row"":""e8a8579d8d3e""}]","[{""by"":""Rita Reviewer"",""at"":""2026-11-26T09:00:00Z"",""text"":""Checked against table 0001.""}]",');
    const { entries: _rows, ...base } = map;
    expect(valueMapFromCsv(csv, base)).toEqual(map);
  });

  it('reads a status typed into a spreadsheet, and refuses a review it cannot read with the line', () => {
    expect(valueMapEntriesFromCsv('source,target,review_status\r\nF,female,approved\r\nM,male,\r\n')).toEqual([
      { source: 'F', target: 'female', review: { status: 'approved' } }, { source: 'M', target: 'male' },
    ]);
    expect(errorOf(() => valueMapEntriesFromCsv('source,target,review_status\r\nF,female,ok\r\n'))).toMatchObject({
      code: 'CSV_INVALID', where: { line: 2 },
      message: 'The review on line 2 is invalid at status: Invalid option: expected one of "unreviewed"|"proposed"|"approved"|"rejected"|"needs-discussion".',
    });
    expect(errorOf(() => valueMapEntriesFromCsv('source,target,review_status,review_comments\r\nF,female,approved,looks fine\r\n')).message)
      .toBe('The review_comments cell on line 2 is not the JSON the export writes there.');
    expect(errorOf(() => valueMapEntriesFromCsv('source,target,review_author\r\nF,female,Ana\r\n')).message)
      .toBe('The review on line 2 is invalid at status: Invalid option: expected one of "unreviewed"|"proposed"|"approved"|"rejected"|"needs-discussion".');
  });
});

describe('round trips of any review (property)', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', ',', '"', '\n', '\r', 'é', '^', '|', '{', '}', '[', ':'), minLength: 1, maxLength: 10 });
  const name = fc.string({ unit: fc.constantFrom('A', 'n', 'é', ' ', ',', '"', '.', "'"), minLength: 1, maxLength: 8 }).map((s) => `R${s}r`);
  const instant = fc.constantFrom('2026-11-26T09:00:00Z', '2026-11-26T10:30:00+01:00', '2026-01-01T00:00:00.123-05:00');
  const review: fc.Arbitrary<RowReview> = fc.record({
    status: fc.constantFrom(...reviewStatusValues),
    author: name, authoredAt: instant, reviewer: name, reviewedAt: instant,
    approvals: fc.uniqueArray(fc.record({ by: name, at: instant, row: fc.stringMatching(/^[0-9a-f]{12}$/) }, { requiredKeys: ['by', 'at'] }), { selector: (a) => a.by, minLength: 1, maxLength: 3 }),
    comments: fc.array(fc.record({ by: name, at: instant, text }), { minLength: 1, maxLength: 3 }),
    lastApproved: fc.record({ source: text, target: text, display: text, system: text, equivalence: fc.constantFrom(...equivalenceValues) }, { requiredKeys: ['source', 'target'] }),
  }, { requiredKeys: ['status'] });
  const entries = fc.uniqueArray(
    fc.record({ source: text, target: text, display: text, review }, { requiredKeys: ['source', 'target'] }),
    { selector: (e) => e.source, maxLength: 8 },
  );
  const mapOf = (list: ValueMap['entries']): ValueMap => ({ id: 'm', name: 'Map', sourceSystem: 'urn:a', targetSystem: 'urn:b', entries: list, unmapped: { kind: 'passthrough' } });

  it('CSV and ConceptMap export then import give the same rows and review, whatever the text holds', () => {
    fc.assert(fc.property(entries, (list) => {
      const map = mapOf(list as ValueMap['entries']);
      expect(valueMapEntriesFromCsv(valueMapToCsv(map))).toEqual(map.entries);
      expect(importConceptMap(JSON.parse(JSON.stringify(exportConceptMap(map))), { id: 'm' })).toEqual(map);
    }), { numRuns: 300 });
  });

  it('a mangled review extension gives a CrosswalkError, never a crash', () => {
    fc.assert(fc.property(fc.anything({ maxDepth: 4 }), (anything) => {
      const cm = { resourceType: 'ConceptMap', group: [{ element: [{ code: 'a', target: [{ code: 'b', equivalence: 'equal', extension: [{ url: ROW_REVIEW_EXTENSION, extension: anything }] }] }] }] };
      try { importConceptMap(cm); } catch (error) { expect(error).toBeInstanceOf(CrosswalkError); }
    }), { numRuns: 300 });
  });
});

describe('the published StructureDefinitions (docs/fhir)', () => {
  const dir = resolve(process.cwd(), 'docs/fhir');
  it('are current (regenerate: node --import tsx scripts/generate-review-extensions.ts)', () => {
    const files = reviewExtensionFiles();
    expect(readdirSync(dir).filter((f) => f.startsWith('StructureDefinition-')).sort()).toEqual(files.map((f) => f.file).sort());
    for (const { file, text } of files) expect(readFileSync(resolve(dir, file), 'utf8')).toBe(text);
  });

  it('are valid FHIR R4 StructureDefinitions that define every part export writes', () => {
    for (const { file, text } of reviewExtensionFiles()) expect([file, validator.validate(JSON.parse(text))]).toEqual([file, []]);
    const rowReview = JSON.parse(readFileSync(resolve(dir, 'StructureDefinition-valuemap-row-review.json'), 'utf8')) as { url: string; differential: { element: { id: string; fixedUri?: string }[] } };
    expect(rowReview.url).toBe(ROW_REVIEW_EXTENSION);
    const slices = rowReview.differential.element.filter((e) => /^Extension\.extension:[A-Za-z]+$/.test(e.id)).map((e) => e.id.split(':')[1]);
    expect(slices).toEqual(['status', 'author', 'authored', 'reviewer', 'reviewed', 'approval', 'comment', 'lastApproved']);
    // Every part name an export writes is a slice of the definition.
    const written = new Set<string>();
    const visit = (ext: { url: string; extension?: { url: string }[] }, prefix: string) => {
      for (const part of ext.extension ?? []) { written.add(`${prefix}${part.url}`); visit(part as typeof ext, `${prefix}${part.url}.`); }
    };
    const map = applyReviewAction(reviewedGender(), { kind: 'approve', sources: ['F'] }, { reviewer: ana, now: '2026-11-26T09:00:00Z', policy }).map;
    for (const group of exportConceptMap(map).group ?? []) for (const element of group.element) for (const target of element.target ?? []) for (const ext of target.extension ?? []) visit(ext, '');
    const defined = new Set(rowReview.differential.element.flatMap((e) => {
      const parts = [...e.id.matchAll(/extension:([A-Za-z]+)/g)].map((m) => m[1]);
      return parts.length > 0 ? [parts.join('.')] : [];
    }));
    expect([...written].filter((part) => !defined.has(part))).toEqual([]);
  });
});
