import { administrativeSex } from '../../../common/library/valueMaps/administrativeSex';

/**
 * A small real mapping for the studio's tests: PID-8 through the standard v2 0001 → FHIR
 * administrative-gender value map into Patient.gender (the library's map, which
 * shared/common/library/valueMaps/valueMapsMatchIg.test.ts holds to the v2-to-FHIR IG).
 */
export function genderMapping(): Record<string, unknown> {
  return {
    format: 'crosswalk.mapping/1',
    sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: '2.5.1', structure: 'ADT_A01' } }],
    targets: [{ id: 'patient', schema: { standard: 'fhir-r4', resource: 'Patient' } }],
    nodes: [{ id: 'gender', kind: 'valueMap', valueMapId: administrativeSex.id }],
    links: [
      { id: 'l-gender-in', from: { source: 'msg', path: 'PID-8' }, to: { node: 'gender', port: 'in' } },
      { id: 'l-gender-out', from: { node: 'gender', port: 'code' }, to: { target: 'patient', path: 'Patient.gender' } },
    ],
    valueMaps: [administrativeSex],
    settings: { defaultTimezone: 'Z' },
    layout: { nodes: [{ id: 'msg', x: 0, y: 0 }, { id: 'gender', x: 420, y: 120 }, { id: 'patient', x: 840, y: 0 }] },
  };
}
