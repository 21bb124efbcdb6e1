import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../../../shared/common/bundle';
import type { BundleDocument } from '../../../shared/common/studio/StudioApi';
import { samplesOf, structureOfExample, typedSamples, type ExampleSample } from './newDocument';

// The shipped examples' test inputs, as the host gives them to "Start from the HL7 v2-to-FHIR IG".
const shipped: ExampleSample[] = ['adt-a01-to-fhir', 'home-blood-pressure-to-fhir', 'oru-r01-to-observations'].flatMap((id) => {
  const { content } = loadBundle(readFileSync(`examples/${id}.crosswalk.json`, 'utf8'), id);
  const samples = content.tests.map((t) => ({ name: t.name, text: t.input }));
  return typedSamples(id, samples, structureOfExample(content as unknown as BundleDocument));
});
const file = (s: ExampleSample): string => /\(([^()]+\.hl7)\)$/.exec(s.name)?.[1] ?? s.name;

describe('the shipped samples of a message structure', () => {
  it('reads each HL7 v2 sample\'s MSH-9 and leaves the JSON ones out', () => {
    expect(shipped.map((s) => [s.example, s.exampleStructure, s.type, s.event, s.structure ?? null])).toEqual([
      ['adt-a01-to-fhir', 'ADT_A01', 'ADT', 'A01', 'ADT_A01'],
      ['adt-a01-to-fhir', 'ADT_A01', 'ADT', 'A01', null],
      ['adt-a01-to-fhir', 'ADT_A01', 'ADT', 'A01', 'ADT_A01'],
      ['adt-a01-to-fhir', 'ADT_A01', 'ORU', 'R01', null],
      ['oru-r01-to-observations', 'ORU_R01', 'ORU', 'R01', null],
      ['oru-r01-to-observations', 'ORU_R01', 'ORU', 'R01', 'ORU_R01'],
      ['oru-r01-to-observations', 'ORU_R01', 'ORU', 'R01', null],
      ['oru-r01-to-observations', 'ORU_R01', 'ORU', 'R01', 'ORU_R01'],
      ['oru-r01-to-observations', 'ORU_R01', 'ADT', 'A01', null],
    ]);
  });

  it('offers those of an example mapping the structure first, each message once', () => {
    expect(samplesOf(shipped, 'ORU_R01', ['R01']).map((s) => [s.example, file(s)])).toEqual([
      ['oru-r01-to-observations', 'fhirconverter_ORU-R01-RMGEAD.hl7'],
      ['oru-r01-to-observations', 'lfh_ORU-multiline-short-mixed.hl7'],
      ['oru-r01-to-observations', 'fhirconverter_LAB-ORU-1.hl7'],
      ['oru-r01-to-observations', 'fhirconverter_ORU-R01-01.hl7'],
    ]);
    expect(samplesOf(shipped, 'ADT_A01', ['A01', 'A04', 'A08', 'A13']).map((s) => s.example)).toEqual(['adt-a01-to-fhir', 'adt-a01-to-fhir', 'adt-a01-to-fhir']);
  });

  it('matches by the structure MSH-9.3 names, else by type and trigger event', () => {
    const a04 = { ...shipped[0], event: 'A04', structure: undefined };
    expect(samplesOf([a04], 'ADT_A01', ['A01', 'A04'])).toEqual([a04]);
    expect(samplesOf([a04], 'ADT_A01')).toEqual([]);
    expect(samplesOf([{ ...a04, structure: 'ADT_A01' }], 'ADT_A01')).toHaveLength(1);
    expect(samplesOf([{ ...a04, event: 'A01', structure: 'ADT_A05' }], 'ADT_A01', ['A01'])).toEqual([]);
  });

  it('has none of a structure no example holds', () => {
    expect(samplesOf(shipped, 'VXU_V04', ['V04'])).toEqual([]);
  });
});
