import { beforeAll, describe, expect, it } from 'vitest';
import type { SchemaCatalog } from '../schema/SchemaCatalog';
import { fhirCatalog } from '../../node/fixtures/referenceFixtures';
import { placeIgPositions, segmentOccurrences } from './igStructure';
import { parseIgAttribute, resolveIgAttribute } from './igAttribute';

let catalog: SchemaCatalog;
beforeAll(async () => {
  catalog = await fhirCatalog(['Patient', 'Observation', 'Immunization', 'MessageHeader']);
});

const position = (key: string, path: string) => {
  const parts = path.split('.');
  return { key, segment: parts[parts.length - 1], groups: parts.slice(1, -1) };
};

describe('placeIgPositions', () => {
  it('places the IG\'s v2.9 positions in the v2.5.1 structure: same groups, groups left out, the one free occurrence, else nowhere', async () => {
    const occurrences = segmentOccurrences(await catalog.hl7v2Structure('2.5.1', 'VXU_V04'));
    const at = (key: string, placed: Map<string, number>): string | undefined => {
      const i = placed.get(key);
      return i === undefined ? undefined : [...occurrences[i].groups, occurrences[i].segment].join('.');
    };
    const placed = placeIgPositions([
      position('pid', 'VXU_V04.PID'),
      position('pv1', 'VXU_V04.PATIENT_VISIT.PV1'),
      position('person-obx', 'VXU_V04.PERSON_OBSERVATION.OBX'),
      position('order-obx', 'VXU_V04.ORDER.OBSERVATION.OBX'),
      position('prt', 'VXU_V04.ORDER.PRT'),
    ], occurrences);
    expect(['pid', 'pv1', 'person-obx', 'order-obx', 'prt'].map((k) => at(k, placed))).toEqual(['PID', 'PATIENT.PV1', undefined, 'ORDER.OBSERVATION.OBX', undefined]);
  });

  it('gives two IG positions with the same groups the structure\'s occurrences in order (ADT_A01\'s two ROL)', async () => {
    const occurrences = segmentOccurrences(await catalog.hl7v2Structure('2.5.1', 'ADT_A01'));
    const placed = placeIgPositions([position('rol-1', 'ADT_A01.ROL'), position('rol-2', 'ADT_A01.ROL'), position('pr1-rol', 'ADT_A01.PROCEDURE.ROL')], occurrences);
    const rols = occurrences.map((o, i) => (o.segment === 'ROL' ? i : -1)).filter((i) => i >= 0);
    expect([placed.get('rol-1'), placed.get('rol-2'), placed.get('pr1-rol')]).toEqual([rols[0], rols[1], rols[2]]);
    expect(occurrences[rols[2]].groups).toEqual(['PROCEDURE']);
  });
});

describe('IG attributes', () => {
  it.each([
    ['identifier[2]', { kind: 'path', steps: [{ name: 'identifier', index: 2 }] }],
    ['extension[1].valueString', { kind: 'path', steps: [{ name: 'extension', index: 1 }, { name: 'valueString' }] }],
    ['identifier[1].type.coding.code="PLAC"', { kind: 'path', steps: [{ name: 'identifier', index: 1 }, { name: 'type' }, { name: 'coding' }, { name: 'code' }], assign: 'PLAC' }],
    ['performer.actor(Practitioner)', { kind: 'creates', steps: [{ name: 'performer' }, { name: 'actor' }], resource: 'Practitioner' }],
    ['performer[1](PractitionerRole.practitioner(Practitioner))  ', { kind: 'creates', steps: [{ name: 'performer', index: 1 }], resource: 'PractitionerRole' }],
    ['$this', { kind: 'self' }],
    ['[2].given', { kind: 'unreadable', reason: 'it numbers outputs of the map itself ([2]…), and a map writes one' }],
    ['extension??-veteranMilitaryStatus', { kind: 'unreadable', reason: 'its attribute path cannot be read' }],
  ])('reads %s', (cell, expected) => {
    expect(parseIgAttribute(cell)).toEqual(expected);
  });

  it('resolves choices by their JSON name, primitive extensions beside their element, and nothing FHIR R4 lacks', () => {
    const steps = (cell: string) => (parseIgAttribute(cell) as { steps: Array<{ name: string; index?: number }> }).steps;
    expect(resolveIgAttribute('Immunization', steps('occurrenceDateTime'), catalog)?.path).toBe('Immunization.occurrence[x]:occurrenceDateTime');
    expect(resolveIgAttribute('Patient', steps('birthDate.extension[1].valueDateTime'), catalog)).toMatchObject({
      path: 'Patient.birthDate.extension.value[x]:valueDateTime',
      steps: [{ key: '_birthDate' }, { key: 'extension', repeating: true, index: 1 }, { key: 'valueDateTime' }],
    });
    expect(resolveIgAttribute('Observation', steps('valueSampedData'), catalog)).toBeUndefined();
    expect(resolveIgAttribute('Observation', steps('extension[2].uri'), catalog)).toBeUndefined();
  });
});
