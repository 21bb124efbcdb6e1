import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundle } from '../../../shared/common/bundle/loadBundle';
import { computeCoverage } from '../../../shared/common/coverage/computeCoverage';
import type { MappingCoverage } from '../../../shared/common/coverage/MappingCoverage';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import { nodeSchemaCatalog } from '../../../shared/node/schema';
import type { SchemaTreeNode } from '../../../shared/common/studio/studioSchemas';
import { buildParentIndex, parentByGrammar } from '../schema/flattenTree';
import { coverageFigure, sourceMarks, targetMarks } from './coverageMarks';

// The shipped ADT example over its own test inputs, as the studio asks the host for it.
const bundle = loadBundle(readFileSync(resolve(process.cwd(), 'examples/adt-a01-to-fhir.crosswalk.json'), 'utf8'));
const spec = bundle.content.mapping;
const samples = bundle.content.tests.map((t) => ({ name: t.name, text: t.input }));
const catalog = nodeSchemaCatalog();

/** How the canvas finds a row's parent: the loaded tree, else the path grammar. */
function parentsOf(tree: SchemaTreeNode): (path: string) => string | undefined {
  const parents = buildParentIndex([tree]);
  return (path) => (parents.has(path) ? parents.get(path) : parentByGrammar(path));
}

let coverage: MappingCoverage;
let pid: (path: string) => string | undefined;
let encounter: (path: string) => string | undefined;
beforeAll(async () => {
  coverage = await computeCoverage(spec, catalog, samples);
  pid = parentsOf(await catalog.tree({ standard: 'hl7v2', version: '2.5.1', structure: 'PID' }) as unknown as SchemaTreeNode);
  encounter = parentsOf(await catalog.tree({ standard: 'fhir-r4', version: '4.0.1', structure: 'Encounter' }, { depth: 2 }) as unknown as SchemaTreeNode);
});

describe('coverage marks on the schema trees', () => {
  it('marks PID fields the samples value and no link reads, and rows all of whose valued fields are unread', () => {
    const marks = sourceMarks(coverage, 'PID[Patient]', pid);
    expect(marks.get('PID-1')).toEqual({ kind: 'unused', note: 'PID-1 is valued 3 times in the samples and no link reads it.' });
    // PID-2 (a CX) is valued in its components only; nothing of it is read.
    expect(marks.get('PID-2.1')?.kind).toBe('unused');
    expect(marks.get('PID-2')).toEqual({ kind: 'unusedBelow', note: '8 valued fields below, none read by a link.' });
    // Read through CX[Identifier] (PID-3.1) or as the gender (PID-8): not marked; PID-3 holds unread parts but is read.
    expect(marks.has('PID-3.1')).toBe(false);
    expect(marks.has('PID-8')).toBe(false);
    expect(marks.get('PID-3.4.2')?.kind).toBe('unused');
    expect(marks.has('PID-3')).toBe(false);
    expect(marks.has('PID')).toBe(false);
  });

  it('marks nothing on the targets of the example, and a required element once the only link writing it is deleted', async () => {
    expect(targetMarks(coverage, 'PV1[Encounter]', 'out', encounter).size).toBe(0);
    const withoutClass: MappingSpec = { ...spec, maps: spec.maps.map((m) => (m.id === 'PV1[Encounter]' ? { ...m, links: m.links.filter((l) => l.id !== 'l-class') } : m)) };
    const after = await computeCoverage(withoutClass, catalog, samples);
    const marks = targetMarks(after, 'PV1[Encounter]', 'out', encounter);
    expect([...marks]).toEqual([
      ['Encounter.class', { kind: 'missing', note: 'Encounter.class is required (min 1), and no link writes it.' }],
      ['Encounter', { kind: 'missingBelow', note: '1 required or must-support element below is written by no link.' }],
    ]);
  });

  it('leaves out an element every caller of a segment map writes (the message map sets the allergy\'s patient)', () => {
    const allergy = coverage.maps.find((m) => m.map === 'AL1[AllergyIntolerance]')?.targets[0].missing;
    expect(allergy).toEqual([{ path: 'AllergyIntolerance.patient', min: 1, mustSupport: false, writtenByCaller: true }]);
    expect(targetMarks(coverage, 'AL1[AllergyIntolerance]', 'out', parentByGrammar).size).toBe(0);
  });

  it('says the figure as valued leaves read of all, per map and in all', () => {
    expect(coverageFigure(coverage.figure.used, coverage.figure.valued)).toBe('375 of 1299 (28.9%)');
    const map = coverage.maps.find((m) => m.map === 'PID[Patient]')?.sources;
    expect(coverageFigure(map?.used ?? 0, map?.valued ?? 0)).toBe('88 of 210 (41.9%)');
    expect(coverageFigure(0, 0)).toBe('no valued field');
  });
});
