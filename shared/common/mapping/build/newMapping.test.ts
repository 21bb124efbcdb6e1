import { describe, expect, it } from 'vitest';
import { nodeSchemaCatalog } from '../../../node/schema';
import { readSample } from '../../../node/fixtures/referenceFixtures';
import { createPreviewEngine } from '../preview/createPreviewEngine';
import { newMappingDocument, targetIdStem } from './newMapping';

const preview = createPreviewEngine({ catalog: nodeSchemaCatalog() });
const lab = { name: 'Lab results', version: '0.1.0', author: 'Ann Analyst', description: 'ORU^R01 from the lab' };

describe('newMappingDocument', () => {
  it('makes one empty message map over the structure, accepting its trigger events, one target per resource', () => {
    const doc = newMappingDocument({
      source: { standard: 'hl7v2', version: '2.5.1', structure: 'ORU_R01', events: ['R01'] },
      targets: ['Observation', 'DiagnosticReport'],
      metadata: lab,
    });
    expect(doc).toEqual({
      metadata: lab,
      mapping: {
        format: 'crosswalk.mapping/2',
        maps: [{
          id: 'ORU_R01',
          kind: 'message',
          accepts: { messages: [{ type: 'ORU', events: ['R01'] }] },
          sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: '2.5.1', structure: 'ORU_R01' } }],
          targets: [
            { id: 'observation', schema: { standard: 'fhir-r4', resource: 'Observation' } },
            { id: 'diagnostic-report', schema: { standard: 'fhir-r4', resource: 'DiagnosticReport' } },
          ],
          nodes: [],
          links: [],
        }],
        valueMaps: [],
        settings: {},
      },
      tests: [],
    });
  });

  it('runs at once: a real ORU^R01 gives a Bundle of the empty resources; another message type is refused by name', async () => {
    const { mapping } = newMappingDocument({ source: { standard: 'hl7v2', version: '2.5.1', structure: 'ORU_R01', events: ['R01'] }, targets: ['Observation'], metadata: lab });
    const oru = await preview(mapping, readSample('fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7'));
    expect(oru.ok && oru.output).toEqual({
      resourceType: 'Bundle', type: 'transaction',
      entry: [{ fullUrl: expect.stringMatching(/^urn:uuid:[0-9a-f-]{36}$/), resource: { resourceType: 'Observation' }, request: { method: 'POST', url: 'Observation' } }],
    });
    const adt = await preview(mapping, readSample('fhirconverter_ADT-A01-01.hl7'));
    expect(adt.ok ? undefined : adt.error).toMatchObject({ code: 'MESSAGE_NOT_ACCEPTED', message: 'The message is ADT^A01 v2.8 (MSH-9, MSH-12), which this mapping does not accept; it accepts ORU^R01.' });
  });

  it('accepts the message type with any event when the structure has no listed events', () => {
    const { mapping } = newMappingDocument({ source: { standard: 'hl7v2', version: '2.3', structure: 'ADT_A01' }, targets: ['Patient'], metadata: { name: 'ADT', version: '1' } });
    expect(mapping.maps[0].accepts).toEqual({ messages: [{ type: 'ADT' }] });
  });

  it('gives a second target of the same resource its own id', () => {
    const { mapping } = newMappingDocument({ source: { standard: 'hl7v2', version: '2.5.1', structure: 'ORU_R01' }, targets: ['Practitioner', 'Practitioner'], metadata: lab });
    expect(mapping.maps[0].targets.map((t) => t.id)).toEqual(['practitioner', 'practitioner-1']);
  });

  it('names a JSON or CSV message map after the mapping, and runs a JSON document', async () => {
    const json = newMappingDocument({ source: { standard: 'json', sample: '{"patientId":"K-1","readings":[{"systolic":128}]}' }, targets: ['Observation'], metadata: { name: 'home bp-feed 2', version: '1.0.0' } });
    expect(json.mapping.maps[0]).toMatchObject({ id: 'HomeBpFeed2', sources: [{ id: 'msg', schema: { standard: 'json', sample: '{"patientId":"K-1","readings":[{"systolic":128}]}' } }] });
    expect(json.mapping.maps[0].accepts).toBeUndefined();
    const outcome = await preview(json.mapping, '{"patientId":"K-2","readings":[]}');
    expect(outcome.ok && outcome.output).toMatchObject({ entry: [{ resource: { resourceType: 'Observation' } }] });

    const csv = newMappingDocument({ source: { standard: 'csv', sample: 'id;sys\n1;120\n', delimiter: ';', headerRow: 1, messages: 'file' }, targets: ['Observation'], metadata: { name: '2024 readings', version: '1' } });
    expect(csv.mapping.maps[0].id).toBe('CsvFile');
  });

  it('keeps only the metadata given', () => {
    expect(newMappingDocument({ source: { standard: 'json' }, targets: ['Device'], metadata: { name: 'Devices', version: '1', author: '', description: undefined } }).metadata).toEqual({ name: 'Devices', version: '1' });
  });

  it('refuses what would not make a mapping, in one sentence', () => {
    const source = { standard: 'hl7v2', version: '2.5.1', structure: 'ORU_R01' } as const;
    expect(() => newMappingDocument({ source, targets: [], metadata: lab })).toThrow(expect.objectContaining({ code: 'NEW_MAPPING_NO_TARGET', message: 'A new mapping needs at least one target FHIR resource.' }));
    expect(() => newMappingDocument({ source, targets: ['Observation'], metadata: { ...lab, name: ' ' } })).toThrow(expect.objectContaining({ code: 'NEW_MAPPING_NO_NAME', message: 'A new mapping needs a name.' }));
    expect(() => newMappingDocument({ source: { ...source, structure: 'oru' }, targets: ['Observation'], metadata: lab })).toThrow(expect.objectContaining({ code: 'SPEC_INVALID' }));
  });

  it.each([['Observation', 'observation'], ['DiagnosticReport', 'diagnostic-report'], ['AllergyIntolerance', 'allergy-intolerance'], ['MedicationStatement', 'medication-statement']])('names a target of %s %s', (resource, id) => {
    expect(targetIdStem(resource)).toBe(id);
  });
});
