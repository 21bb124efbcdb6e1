import type { ValueMap } from '../../../shared/common/valuemaps/ValueMap';

/**
 * HL7 table 0396 coding system names (CWE-3, CWE-6) → FHIR code system URIs, for the systems
 * these examples meet. Not one of the IG's cs_ tables in the reference extract: the URIs are
 * FHIR's canonical ones (terminology.hl7.org). An unknown name gives no system rather than a
 * non-URI string in Coding.system.
 */
export const codingSystem: ValueMap = {
  id: 'v2-0396-coding-system',
  name: 'Coding system (v2 0396) → FHIR code system URI',
  description: 'Names of coding systems in CWE/CE components 3 and 6, as URIs.',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0396',
  entries: [
    { source: 'LN', target: 'http://loinc.org', display: 'LOINC' },
    { source: 'SCT', target: 'http://snomed.info/sct', display: 'SNOMED CT' },
    { source: 'SNM', target: 'http://snomed.info/sct', display: 'SNOMED' },
    { source: 'UCUM', target: 'http://unitsofmeasure.org', display: 'UCUM' },
    { source: 'I10', target: 'http://hl7.org/fhir/sid/icd-10', display: 'ICD-10' },
    { source: 'I10C', target: 'http://hl7.org/fhir/sid/icd-10-cm', display: 'ICD-10-CM' },
    { source: 'I9C', target: 'http://hl7.org/fhir/sid/icd-9-cm', display: 'ICD-9-CM' },
    { source: 'C4', target: 'http://www.ama-assn.org/go/cpt', display: 'CPT-4' },
    { source: 'CVX', target: 'http://hl7.org/fhir/sid/cvx', display: 'CVX' },
    { source: 'NDC', target: 'http://hl7.org/fhir/sid/ndc', display: 'NDC' },
    { source: 'RXNORM', target: 'http://www.nlm.nih.gov/research/umls/rxnorm', display: 'RxNorm' },
    { source: 'HL70078', target: 'http://terminology.hl7.org/CodeSystem/v2-0078', display: 'v2 table 0078' },
    { source: 'HL70136', target: 'http://terminology.hl7.org/CodeSystem/v2-0136', display: 'v2 table 0136' },
  ],
  unmapped: { kind: 'empty' },
};
