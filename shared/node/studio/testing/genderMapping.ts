/**
 * A small real mapping for the studio's tests: PID-8 through the standard v2 0001 → FHIR
 * administrative-gender value map into Patient.gender (the map of the v2-to-FHIR IG).
 */
export function genderMapping(): Record<string, unknown> {
  return {
    format: 'crosswalk.mapping/1',
    sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: '2.5.1', structure: 'ADT_A01' } }],
    targets: [{ id: 'patient', schema: { standard: 'fhir-r4', resource: 'Patient' } }],
    nodes: [{ id: 'gender', kind: 'valueMap', valueMapId: 'administrative-gender' }],
    links: [
      { id: 'l-gender-in', from: { source: 'msg', path: 'PID-8' }, to: { node: 'gender', port: 'in' } },
      { id: 'l-gender-out', from: { node: 'gender', port: 'code' }, to: { target: 'patient', path: 'Patient.gender' } },
    ],
    valueMaps: [{
      id: 'administrative-gender',
      name: 'v2 0001 Administrative Sex → FHIR administrative-gender',
      sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0001',
      targetSystem: 'http://hl7.org/fhir/administrative-gender',
      entries: [
        { source: 'F', target: 'female', display: 'Female' },
        { source: 'M', target: 'male', display: 'Male' },
        { source: 'O', target: 'other', display: 'Other' },
        { source: 'U', target: 'unknown', display: 'Unknown' },
        { source: 'A', target: 'other', display: 'Other' },
        { source: 'N', target: 'other', display: 'Other' },
      ],
      unmapped: { kind: 'default', code: 'unknown', display: 'Unknown' },
    }],
    settings: { defaultTimezone: 'Z' },
    layout: { nodes: [{ id: 'msg', x: 0, y: 0 }, { id: 'gender', x: 420, y: 120 }, { id: 'patient', x: 840, y: 0 }] },
  };
}
