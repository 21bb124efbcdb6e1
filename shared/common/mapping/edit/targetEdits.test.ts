import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../../bundle';
import { nodeSchemaCatalog } from '../../../node/schema';
import { readSample } from '../../../node/fixtures/referenceFixtures';
import { createPreviewEngine } from '../preview/createPreviewEngine';
import type { MappingSpec } from '../spec/MappingSpec';
import { newMappingDocument } from '../build/newMapping';
import { addTarget, removeTarget } from './targetEdits';

const preview = createPreviewEngine({ catalog: nodeSchemaCatalog() });
const adt = (): MappingSpec => loadBundle(readFileSync('examples/adt-a01-to-fhir.crosswalk.json', 'utf8'), 'adt').content.mapping;
const map = (spec: MappingSpec, id: string) => spec.maps.find((m) => m.id === id)!;

async function resourceTypes(spec: MappingSpec, sample: string): Promise<string[]> {
  const outcome = await preview(spec, readSample(sample));
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return (outcome.output as { entry: { resource: { resourceType: string } }[] }).entry.map((e) => e.resource.resourceType);
}

describe('addTarget', () => {
  it('adds a resource after the others, with a fresh id, and the mapping runs with it', async () => {
    const { mapping } = newMappingDocument({ source: { standard: 'hl7v2', version: '2.5.1', structure: 'ORU_R01', events: ['R01'] }, targets: ['Observation'], metadata: { name: 'Lab', version: '1' } });
    const once = addTarget(mapping, 'ORU_R01', 'DiagnosticReport');
    const twice = addTarget(once.spec, 'ORU_R01', 'Observation');
    expect([once.targetId, twice.targetId]).toEqual(['diagnostic-report', 'observation-1']);
    expect(map(twice.spec, 'ORU_R01').targets).toEqual([
      { id: 'observation', schema: { standard: 'fhir-r4', resource: 'Observation' } },
      { id: 'diagnostic-report', schema: { standard: 'fhir-r4', resource: 'DiagnosticReport' } },
      { id: 'observation-1', schema: { standard: 'fhir-r4', resource: 'Observation' } },
    ]);
    expect(map(mapping, 'ORU_R01').targets).toHaveLength(1);
    expect(await resourceTypes(twice.spec, 'fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7')).toEqual(['Observation', 'DiagnosticReport', 'Observation']);
  });

  it('refuses a segment or data type map, whose one target is its output', () => {
    expect(() => addTarget(adt(), 'PID[Patient]', 'Patient')).toThrow(expect.objectContaining({
      code: 'EDIT_NOT_MESSAGE_MAP',
      message: "Map PID[Patient] is a segment map, whose one target is its output; only a message map's resources can be added or removed.",
    }));
  });
});

describe('removeTarget', () => {
  it('removes the payor Organization with the links that write it, the references to it in IN1[Coverage] and the condition that only carried one on', async () => {
    const before = adt();
    const sample = 'fhirconverter_ADT01-23.hl7';
    expect(await resourceTypes(before, sample)).toEqual(['Patient', 'Encounter', 'Location', 'Location', 'Location', 'Location', 'Location', 'Practitioner', 'Condition', 'RelatedPerson', 'Coverage', 'Coverage', 'Coverage', 'Organization', 'Organization', 'Organization']);
    const spec = removeTarget(before, 'ADT_A01', 'payor');
    expect(map(spec, 'ADT_A01').targets.map((t) => t.id)).toEqual(map(before, 'ADT_A01').targets.map((t) => t.id).filter((id) => id !== 'payor'));
    expect(map(spec, 'ADT_A01').links.filter((l) => 'target' in l.to && l.to.target === 'payor')).toEqual([]);
    const coverage = map(spec, 'IN1[Coverage]');
    expect(coverage.nodes.map((n) => n.id)).not.toContain('ref-payor');
    // The condition that passed the payor's reference on would write its bare result to Coverage.payor.
    expect(coverage.nodes.map((n) => n.id)).not.toContain('names-payor');
    expect(coverage.links.filter((l) => 'target' in l.to && l.to.path === 'Coverage.payor')).toEqual([]);
    // The rest is untouched: the message map's other references stay.
    expect(map(spec, 'ADT_A01').nodes.filter((n) => n.kind === 'reference')).toEqual(map(before, 'ADT_A01').nodes.filter((n) => n.kind === 'reference'));
    expect(await resourceTypes(spec, sample)).toEqual((await resourceTypes(before, sample)).filter((t) => t !== 'Organization'));
  });

  it('drops the layout of what it removed', () => {
    const base = adt();
    const laid: MappingSpec = { ...base, layout: { maps: {
      ADT_A01: { nodes: [{ id: 'payor', x: 1000, y: 900 }, { id: 'patient', x: 1000, y: 0 }] },
      'IN1[Coverage]': { nodes: [{ id: 'ref-payor', x: 400, y: 300 }, { id: 'names-payor', x: 600, y: 300 }, { id: 'plan-type', x: 400, y: 420 }] },
    } } };
    const spec = removeTarget(laid, 'ADT_A01', 'payor');
    expect(spec.layout?.maps.ADT_A01.nodes.map((n) => n.id)).toEqual(['patient']);
    expect(spec.layout?.maps['IN1[Coverage]'].nodes.map((n) => n.id)).toEqual(['plan-type']);
  });

  it('refuses the last target and one the map does not have', () => {
    const { mapping } = newMappingDocument({ source: { standard: 'hl7v2', version: '2.5.1', structure: 'ORU_R01' }, targets: ['Observation'], metadata: { name: 'Lab', version: '1' } });
    expect(() => removeTarget(mapping, 'ORU_R01', 'observation')).toThrow(expect.objectContaining({
      code: 'EDIT_LAST_TARGET', message: 'Map ORU_R01 writes only "observation"; add another resource before removing it.', where: { map: 'ORU_R01', node: 'observation' },
    }));
    expect(() => removeTarget(mapping, 'ORU_R01', 'patient')).toThrow(expect.objectContaining({ code: 'EDIT_UNKNOWN_TARGET', message: 'Map ORU_R01 has no target "patient".' }));
    expect(() => removeTarget(mapping, 'OBX[Observation]', 'patient')).toThrow(expect.objectContaining({ code: 'EDIT_UNKNOWN_MAP' }));
  });
});
