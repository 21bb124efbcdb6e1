import { beforeAll, describe, expect, it } from 'vitest';
import { fhirCatalog, readSample } from '../../node/fixtures/referenceFixtures';
import { parseHl7 } from '../hl7v2';
import { compileMapping } from '../mapping/compile/compileMapping';
import { executeMapping } from '../mapping/execute/executeMapping';
import type { MappingSpec } from '../mapping/spec/MappingSpec';
import { parseSpec } from '../mapping/spec/parseSpec';
import type { SchemaCatalog } from '../schema/SchemaCatalog';
import { computeCoverage } from './computeCoverage';
import type { MapCoverage, MappingCoverage } from './MappingCoverage';

let catalog: SchemaCatalog;
beforeAll(async () => {
  catalog = await fhirCatalog(['Patient', 'Observation', 'AllergyIntolerance', 'Identifier']);
});

const V = '2.5.1';
const src = (path: string, source = 'msg') => ({ source, path });
const node = (id: string, port = 'out') => ({ node: id, port });
const tgt = (target: string, path: string) => ({ target, path });

/**
 * A small ADT mapping: PID → Patient through PID[Patient] (PID-8 and PID-3 via CX[Identifier],
 * which reads CX.1 and is written only when CX.5 is MR); each AL1 → AllergyIntolerance with
 * AL1-5 as reaction.description (so reaction is written but not its required manifestation);
 * each OBX whose OBX-2 is NM → an Observation with a profile.
 */
function smallSpec(profile = 'http://hl7.org/fhir/StructureDefinition/heartrate'): MappingSpec {
  return parseSpec({
    format: 'crosswalk.mapping/2',
    settings: {},
    valueMaps: [],
    maps: [
      {
        id: 'ADT_A01', kind: 'message',
        accepts: { messages: [{ type: 'ADT', events: ['A01'] }] },
        sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: V, structure: 'ADT_A01' } }],
        targets: [
          { id: 'patient', schema: { standard: 'fhir-r4', resource: 'Patient' } },
          { id: 'allergy', schema: { standard: 'fhir-r4', resource: 'AllergyIntolerance' } },
          { id: 'obs', schema: { standard: 'fhir-r4', resource: 'Observation', profile } },
        ],
        nodes: [
          { id: 'pid', kind: 'call', map: 'PID[Patient]' },
          { id: 'patient-ref', kind: 'reference', target: 'patient' },
          { id: 'numeric', kind: 'condition', expression: "$in = 'NM'" },
          { id: 'final', kind: 'constant', value: 'final' },
        ],
        links: [
          { id: 'l-pid-in', from: src('PID'), to: node('pid', 'in') },
          { id: 'l-pid', from: node('pid'), to: tgt('patient', 'Patient') },
          { id: 'l-each-al1', kind: 'context', from: src('AL1'), to: tgt('allergy', 'AllergyIntolerance') },
          { id: 'l-patient', from: node('patient-ref'), to: tgt('allergy', 'AllergyIntolerance.patient') },
          { id: 'l-reaction', from: src('AL1-5'), to: tgt('allergy', 'AllergyIntolerance.reaction.description') },
          { id: 'l-numeric-in', from: src('OBX-2'), to: node('numeric', 'in') },
          { id: 'l-each-obx', kind: 'context', from: node('numeric'), to: tgt('obs', 'Observation') },
          { id: 'l-status', from: node('final'), to: tgt('obs', 'Observation.status') },
          { id: 'l-code', from: src('OBX-3.1'), to: tgt('obs', 'Observation.code.coding.code') },
          { id: 'l-value', from: src('OBX-5'), to: tgt('obs', 'Observation.value[x]:valueQuantity.value') },
        ],
      },
      {
        id: 'PID[Patient]', kind: 'segment',
        sources: [{ id: 'in', schema: { standard: 'hl7v2', version: V, segment: 'PID' } }],
        targets: [{ id: 'out', schema: { standard: 'fhir-r4', resource: 'Patient' } }],
        nodes: [{ id: 'ids', kind: 'call', map: 'CX[Identifier]' }],
        links: [
          { id: 'l-gender', from: src('PID-8', 'in'), to: tgt('out', 'Patient.gender') },
          { id: 'l-ids-in', from: src('PID-3', 'in'), to: node('ids', 'in') },
          { id: 'l-ids', from: node('ids'), to: tgt('out', 'Patient.identifier') },
        ],
      },
      {
        id: 'CX[Identifier]', kind: 'datatype', when: "CX.5 = 'MR'",
        sources: [{ id: 'in', schema: { standard: 'hl7v2', version: V, datatype: 'CX' } }],
        targets: [{ id: 'out', schema: { standard: 'fhir-r4', type: 'Identifier' } }],
        nodes: [],
        links: [{ id: 'l-value', from: src('CX.1', 'in'), to: tgt('out', 'Identifier.value') }],
      },
    ],
  });
}

const mapOf = (coverage: MappingCoverage, id: string): MapCoverage => coverage.maps.find((m) => m.map === id) as MapCoverage;

describe('computeCoverage: targets', () => {
  it('lists required elements nothing writes, below written elements only, and the profile\'s must-support ones, in definition order', async () => {
    const coverage = await computeCoverage(smallSpec(), catalog, []);
    expect(coverage.targets).toEqual([
      { map: 'ADT_A01', target: 'patient', type: 'Patient', missing: [] },
      // reaction is written (description), so its required manifestation counts; code and the rest of reaction do not.
      { map: 'ADT_A01', target: 'allergy', type: 'AllergyIntolerance', missing: [{ path: 'AllergyIntolerance.reaction.manifestation', min: 1, mustSupport: false }] },
      {
        map: 'ADT_A01', target: 'obs', type: 'Observation', profile: { url: 'http://hl7.org/fhir/StructureDefinition/heartrate', found: true },
        missing: [
          { path: 'Observation.category', min: 1, mustSupport: true },
          { path: 'Observation.code.coding.system', min: 1, mustSupport: false },
          { path: 'Observation.subject', min: 1, mustSupport: true },
          { path: 'Observation.effective[x]', min: 1, mustSupport: true },
          { path: 'Observation.value[x]:valueQuantity.unit', min: 1, mustSupport: true },
          { path: 'Observation.value[x]:valueQuantity.system', min: 1, mustSupport: true },
          { path: 'Observation.value[x]:valueQuantity.code', min: 1, mustSupport: true },
          { path: 'Observation.dataAbsentReason', min: 0, mustSupport: true },
          { path: 'Observation.component', min: 0, mustSupport: true },
        ],
      },
    ]);
  });

  it('without a profile, only what R4 itself requires; an unknown profile is said not found', async () => {
    const coverage = await computeCoverage(smallSpec('http://example.org/StructureDefinition/local-obs'), catalog, []);
    expect(coverage.targets[2]).toEqual({ map: 'ADT_A01', target: 'obs', type: 'Observation', profile: { url: 'http://example.org/StructureDefinition/local-obs', found: false }, missing: [] });
  });

  it('reads per map what the map and the maps it calls write', async () => {
    const coverage = await computeCoverage(smallSpec(), catalog, []);
    expect(mapOf(coverage, 'PID[Patient]').targets).toEqual([{ target: 'out', type: 'Patient', missing: [] }]);
    expect(mapOf(coverage, 'CX[Identifier]').targets).toEqual([{ target: 'out', type: 'Identifier', missing: [] }]);
  });
});

describe('computeCoverage: sources', () => {
  // PID|1||10006579^^^1^MR^1||DUCK^DONALD^D||19241010|M||… and no AL1 or OBX.
  const adt = readSample('fhirconverter_ADT01-23.hl7');

  it('counts a component read inside a called data type map as used, and one it does not read as unused', async () => {
    const coverage = await computeCoverage(smallSpec(), catalog, [{ name: 'adt', text: adt }]);
    expect(mapOf(coverage, 'CX[Identifier]').sources).toEqual({
      applied: 1, valued: 4, used: 2,
      fields: [{ path: 'CX.1', valued: 1, used: 1 }, { path: 'CX.4.1', valued: 1, used: 0 }, { path: 'CX.5', valued: 1, used: 1 }, { path: 'CX.6.1', valued: 1, used: 0 }],
    });
    const pid = mapOf(coverage, 'PID[Patient]').sources;
    expect([pid.applied, pid.valued, pid.used]).toEqual([1, 27, 3]);
    expect(pid.fields.filter((f) => f.used > 0)).toEqual([{ path: 'PID-3.1', valued: 1, used: 1 }, { path: 'PID-3.5', valued: 1, used: 1 }, { path: 'PID-8', valued: 1, used: 1 }]);
    expect(pid.fields.find((f) => f.path === 'PID-5.1.1')).toEqual({ path: 'PID-5.1.1', valued: 1, used: 0 });
  });

  it('gives each sample its valued and used leaves, and the unused ones by canonical path; the guard reads MSH-9', async () => {
    const coverage = await computeCoverage(smallSpec(), catalog, [{ name: 'adt', text: adt }]);
    const [sample] = coverage.samples;
    const leaves = parseHl7(adt).leaves().filter((l) => !(l.segment === 'MSH' && l.field <= 2));
    expect([sample.name, sample.ok, sample.map, sample.valued, sample.used]).toEqual(['adt', true, 'ADT_A01', leaves.length, 5]);
    expect(leaves.map((l) => l.path).filter((p) => !sample.unused.includes(p))).toEqual(['MSH-9[1].1', 'MSH-9[1].2', 'PID-3[1].1', 'PID-3[1].5', 'PID-8[1]']);
    expect(coverage.figure).toEqual({ used: 5, valued: leaves.length, percent: Math.round((5 / leaves.length) * 1000) / 10 });
    expect(mapOf(coverage, 'ADT_A01').sources.used).toBe(5);
  });

  it('counts a context filter\'s reads, and every OBX a context reads', async () => {
    const oru = readSample('fhirconverter_LAB-ORU-1.hl7').replace('ORU^R01', 'ADT^A01');
    const coverage = await computeCoverage(smallSpec(), catalog, [{ name: 'oru as adt', text: oru }]);
    const leaves = parseHl7(oru).leaves().map((l) => l.path);
    const used = leaves.filter((p) => p.startsWith('OBX') && !coverage.samples[0].unused.includes(p));
    // OBX-2 (the filter), OBX-3.1 and OBX-5 of every OBX (all ten are NM; two have no OBX-5), nothing else of them.
    expect(used).toEqual(leaves.filter((p) => /^OBX\[\d+\]-(2\[1\]|3\[1\]\.1|5\[1\])$/.test(p)));
    expect(used.length).toBe(28);
  });

  it('lists a sample that does not map with its error, and does not count it', async () => {
    const oru = readSample('fhirconverter_ORU-R01-RMGEAD.hl7');
    const coverage = await computeCoverage(smallSpec(), catalog, [{ name: 'oru', text: oru }, { name: 'not hl7', text: 'hello' }]);
    expect(coverage.samples.map((s) => [s.name, s.ok, s.error?.code, s.valued])).toEqual([['oru', false, 'MESSAGE_NOT_ACCEPTED', 0], ['not hl7', false, 'HL7_NO_MSH', 0]]);
    expect(coverage.figure).toEqual({ used: 0, valued: 0, percent: null });
    expect(mapOf(coverage, 'ADT_A01').sources).toEqual({ applied: 0, valued: 0, used: 0, fields: [] });
  });

  it('records nothing with a plan the runtime compiles (no recordReads)', () => {
    const plan = compileMapping(smallSpec(), { elements: catalog });
    let told = 0;
    executeMapping(plan, parseHl7(adt), { reads: { read: () => { told++; }, apply: () => { told++; } } });
    expect(told).toBe(0);
  });
});
