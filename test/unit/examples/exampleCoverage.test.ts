import { beforeAll, describe, expect, it } from 'vitest';
import { computeCoverage } from '../../../shared/common/coverage/computeCoverage';
import type { MapCoverage, MappingCoverage } from '../../../shared/common/coverage/MappingCoverage';
import { nodeSchemaCatalog } from '../../../shared/node/schema/index';
import { exampleByFile, readSample, sampleFiles } from './exampleFixture';

// Coverage of the shipped examples over every real sample in ../shared/reference/hl7v2-samples:
// the figures are pinned, so a change to an example or to the engine's reading shows here.
const samples = sampleFiles().map((name) => ({ name, text: readSample(name) }));
const coverageOf = (file: string): Promise<MappingCoverage> => computeCoverage(exampleByFile(file).build(), nodeSchemaCatalog(), samples);
const mapOf = (coverage: MappingCoverage, id: string): MapCoverage => coverage.maps.find((m) => m.map === id) as MapCoverage;
const unusedFields = (map: MapCoverage): string[] => map.sources.fields.filter((f) => f.used === 0).map((f) => f.path);

describe('ADT^A01 example', () => {
  let coverage: MappingCoverage;
  beforeAll(async () => { coverage = await coverageOf('examples/adt-a01-to-fhir.crosswalk.json'); });

  it('maps the two ADT samples and lists the others as not accepted', () => {
    expect(coverage.samples.filter((s) => s.ok).map((s) => [s.name, s.valued, s.used])).toEqual([
      ['fhirconverter_ADT-A01-01.hl7', 1055, 278],
      ['fhirconverter_ADT01-23.hl7', 181, 73],
    ]);
    expect(new Set(coverage.samples.filter((s) => !s.ok).map((s) => s.error?.code))).toEqual(new Set(['MESSAGE_NOT_ACCEPTED']));
    expect(coverage.figure).toEqual({ used: 351, valued: 1236, percent: 28.4 });
  });

  it('leaves no required element of its resources unwritten; a segment map\'s gap that its caller fills is marked so', () => {
    expect(coverage.targets.map((t) => [t.target, t.type, t.missing])).toEqual([
      ['patient', 'Patient', []], ['encounter', 'Encounter', []],
      ...['bed', 'room', 'floor', 'point-of-care', 'building', 'facility'].map((level) => [`location-${level}`, 'Location', []]),
      ...['attending', 'referring', 'consulting', 'admitting'].map((role) => [`${role}-doctor`, 'Practitioner', []]),
      ['other-healthcare-provider', 'Practitioner', []], ['observation', 'Observation', []], ['allergy', 'AllergyIntolerance', []],
      ['condition', 'Condition', []], ['diagnosing-clinician', 'Practitioner', []], ['procedure', 'Procedure', []],
      ...['anesthesiologist', 'surgeon', 'procedure-practitioner'].map((role) => [role, 'Practitioner', []]),
      ['related-person', 'RelatedPerson', []], ['general-practice', 'Organization', []], ['general-practitioner', 'Practitioner', []],
      ['coverage', 'Coverage', []], ['payor', 'Organization', []],
    ]);
    // Each segment map leaves its resource's required reference to the patient to the message map.
    const callerFills = [
      ['AL1[AllergyIntolerance]', 'AllergyIntolerance.patient'], ['NK1[RelatedPerson]', 'RelatedPerson.patient'], ['DG1[Condition]', 'Condition.subject'],
      ['PR1[Procedure]', 'Procedure.subject'], ['IN1[Coverage]', 'Coverage.beneficiary'],
    ];
    expect(callerFills.map(([map]) => mapOf(coverage, map).targets[0].missing))
      .toEqual(callerFills.map(([, path]) => [{ path, min: 1, mustSupport: false, writtenByCaller: true }]));
    // OBX[Observation-value] also fills each component of a repeating OBX-5 (OBX[Observation-Component]),
    // a caller that writes no status: coverage reads the map's output as a whole Observation, so it says so.
    expect(mapOf(coverage, 'OBX[Observation-value]').targets[0].missing).toEqual([
      { path: 'Observation.status', min: 1, mustSupport: false },
      { path: 'Observation.code', min: 1, mustSupport: false, writtenByCaller: true },
    ]);
    expect(coverage.maps.filter((m) => m.targets.some((t) => t.missing.some((x) => !x.writtenByCaller))).map((m) => m.map)).toEqual(['OBX[Observation-value]']);
  });

  it('counts PID-3 components read inside CX[Identifier] and HD[Reference] as used, per map and for the segment', () => {
    // CX[Identifier] also reads NK1-12/-33 and IN1-3 (whose ISO assigning authority uses CX.4.2).
    expect(mapOf(coverage, 'CX[Identifier]').sources).toMatchObject({ applied: 10, valued: 40, used: 35 });
    expect(unusedFields(mapOf(coverage, 'CX[Identifier]'))).toEqual(['CX.6.1']);
    const pid = mapOf(coverage, 'PID[Patient]');
    expect(pid.sources).toMatchObject({ applied: 2, valued: 166, used: 66 });
    expect(pid.sources.fields.find((f) => f.path === 'PID-3.1')).toEqual({ path: 'PID-3.1', valued: 3, used: 3 });
    expect(pid.sources.fields.find((f) => f.path === 'PID-3.4.1')).toEqual({ path: 'PID-3.4.1', valued: 3, used: 3 });
    // HD[uri] reads HD.2 only where HD.3 says ISO, UUID or URI: neither sample's PID-3.4 does, the
    // consulting doctor's assigning authority (PV1-9.9 of fhirconverter_ADT-A01-01.hl7) does.
    expect(pid.sources.fields.find((f) => f.path === 'PID-3.4.2')).toEqual({ path: 'PID-3.4.2', valued: 1, used: 0 });
    expect(unusedFields(mapOf(coverage, 'HD[uri]'))).toEqual(['HD.1']);
  });
});

describe('ORU^R01 example', () => {
  let coverage: MappingCoverage;
  beforeAll(async () => { coverage = await coverageOf('examples/oru-r01-to-observations.crosswalk.json'); });

  it('maps the five ORU samples; figures per sample and for the whole mapping', () => {
    expect(coverage.samples.filter((s) => s.ok).map((s) => [s.name, s.valued, s.used])).toEqual([
      ['fhirconverter_LAB-ORU-1.hl7', 178, 111],
      ['fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7', 932, 824],
      ['fhirconverter_ORU-R01-01.hl7', 817, 190],
      ['fhirconverter_ORU-R01-RMGEAD.hl7', 55, 26],
      ['lfh_ORU-multiline-short-mixed.hl7', 91, 32],
    ]);
    expect(coverage.figure).toEqual({ used: 1183, valued: 2073, percent: 57.1 });
    expect(coverage.targets.map((t) => [t.target, t.missing])).toEqual([
      ['patient', []], ['practitioner', []], ['observation', []], ['performing-organization', []], ['medical-director', []], ['performing-director', []], ['specimen', []], ['report', []],
    ]);
  });

  it('reads OBX per OBSERVATION group and through the data type maps the value type picks', () => {
    const obx = mapOf(coverage, 'OBX[Observation]').sources;
    expect([obx.applied, obx.valued, obx.used]).toEqual([48, 1098, 502]);
    const field = (path: string) => obx.fields.find((f) => f.path === path);
    expect(['OBX-1', 'OBX-2', 'OBX-3.1', 'OBX-4', 'OBX-5', 'OBX-11', 'OBX-14.1'].map(field)).toEqual([
      { path: 'OBX-1', valued: 46, used: 0 },
      { path: 'OBX-2', valued: 48, used: 48 },
      { path: 'OBX-3.1', valued: 44, used: 44 },
      { path: 'OBX-4', valued: 3, used: 0 },
      // Every value is read: the RP and ED attachments and every repetition too.
      { path: 'OBX-5', valued: 73, used: 73 },
      { path: 'OBX-11', valued: 47, used: 47 },
      { path: 'OBX-14.1', valued: 42, used: 42 },
    ]);
    const unread = coverage.samples.find((s) => s.name === 'fhirconverter_ORU-R01-01.hl7')?.unused.filter((p) => /^OBX\[\d+\]-5\[/.test(p));
    expect(unread).toEqual([]);
    expect(mapOf(coverage, 'NM[Quantity]').sources).toEqual({ applied: 29, valued: 29, used: 29, fields: [{ path: 'NM', valued: 29, used: 29 }] });
  });
});
