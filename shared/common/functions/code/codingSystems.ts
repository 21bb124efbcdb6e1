import { OID_PATTERN } from './isOid';

/**
 * HL7 v2 coding system names (table 0396, as sent in CWE.3/.6/.12) → FHIR code system URIs, as
 * the v2-to-FHIR IG and terminology.hl7.org name them. `HL7nnnn` and `HL7-nnnn` are the v2
 * tables themselves; `99zzz` and other local names have no URI.
 */
const SYSTEMS: ReadonlyMap<string, string> = new Map([
  ['LN', 'http://loinc.org'],
  ['LOINC', 'http://loinc.org'],
  ['SCT', 'http://snomed.info/sct'],
  ['SNM', 'http://snomed.info/sct'],
  ['SNOMED', 'http://snomed.info/sct'],
  ['SNOMEDCT', 'http://snomed.info/sct'],
  ['I9', 'http://hl7.org/fhir/sid/icd-9-cm'],
  ['I9C', 'http://hl7.org/fhir/sid/icd-9-cm'],
  ['I9CDX', 'http://hl7.org/fhir/sid/icd-9-cm'],
  ['I10', 'http://hl7.org/fhir/sid/icd-10'],
  ['I10C', 'http://hl7.org/fhir/sid/icd-10-cm'],
  ['ICD10CM', 'http://hl7.org/fhir/sid/icd-10-cm'],
  ['I10P', 'http://www.cms.gov/Medicare/Coding/ICD10'],
  ['RXNORM', 'http://www.nlm.nih.gov/research/umls/rxnorm'],
  ['RXN', 'http://www.nlm.nih.gov/research/umls/rxnorm'],
  ['CVX', 'http://hl7.org/fhir/sid/cvx'],
  ['MVX', 'http://terminology.hl7.org/CodeSystem/MVX'],
  ['NDC', 'http://hl7.org/fhir/sid/ndc'],
  ['UCUM', 'http://unitsofmeasure.org'],
  ['C4', 'http://www.ama-assn.org/go/cpt'],
  ['CPT', 'http://www.ama-assn.org/go/cpt'],
  ['HCPCS', 'http://terminology.hl7.org/CodeSystem/HCPCS'],
  ['NUCC', 'http://nucc.org/provider-taxonomy'],
  ['CDCREC', 'urn:oid:2.16.840.1.113883.6.238'],
  ['NCIT', 'http://ncimeta.nci.nih.gov'],
  ['UMLS', 'http://www.nlm.nih.gov/research/umls'],
  ['ISO3166_1', 'urn:iso:std:iso:3166'],
  ['ISO+', 'urn:iso:std:iso:2955'],
  ['ISO639', 'urn:ietf:bcp:47'],
  ['NPI', 'http://hl7.org/fhir/sid/us-npi'],
  ['SSN', 'http://hl7.org/fhir/sid/us-ssn'],
]);

/** The FHIR system URI for a v2 coding system name, or undefined for a local or unknown name. */
export function codingSystemUri(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const trimmed = name.trim();
  if (trimmed === '') return undefined;
  const known = SYSTEMS.get(trimmed) ?? SYSTEMS.get(trimmed.toUpperCase());
  if (known !== undefined) return known;
  // HL70001, HL7-0001, HL70203 → the v2 table code system; user tables (HL79xxx) are local.
  const table = /^HL7-?(\d{4})$/i.exec(trimmed);
  if (table) return `http://terminology.hl7.org/CodeSystem/v2-${table[1]}`;
  // Already a URI or OID (some senders put one in CWE.3).
  if (/^(https?:\/\/|urn:)\S+$/.test(trimmed)) return trimmed;
  if (OID_PATTERN.test(trimmed)) return `urn:oid:${trimmed}`;
  return undefined;
}
