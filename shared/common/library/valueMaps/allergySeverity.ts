import type { ValueMap } from '../../valuemaps/ValueMap';

/**
 * HL7 table 0128 allergy severity (AL1-4) → AllergyIntolerance.criticality, reading severity as
 * criticality as the IG's AL1 map allows. Not in the reference extract; from table 0128.
 */
export const allergySeverity: ValueMap = {
  id: 'v2-0128-allergy-criticality',
  name: 'Allergy severity (v2 0128) → AllergyIntolerance criticality',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0128',
  targetSystem: 'http://hl7.org/fhir/allergy-intolerance-criticality',
  entries: [
    { source: 'SV', target: 'high', display: 'High Risk' },
    { source: 'MO', target: 'low', display: 'Low Risk' },
    { source: 'MI', target: 'low', display: 'Low Risk' },
    { source: 'U', target: 'unable-to-assess', display: 'Unable to Assess Risk' },
  ],
  unmapped: { kind: 'empty' },
};
