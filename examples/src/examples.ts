import type { BundleMetadata } from '../../shared/common/bundle/BundleFile';
import type { MappingSpec } from '../../shared/common/mapping/spec/MappingSpec';
import { buildAdtA01ToFhir } from './adtA01ToFhir';
import { buildHomeBloodPressure } from './homeBloodPressure';
import { buildMdmT02ToDocumentReference } from './mdmT02ToDocumentReference';
import { buildOruR01ToObservations } from './oruR01ToObservations';
import { buildVxuV04ToImmunization } from './vxuV04ToImmunization';

/** A test case of an example bundle: a real sample (or a documented variant of one) and what it must give. */
export interface ExampleTest {
  name: string;
  /** File name in the example's `samples` folder (../shared/reference/hl7v2-samples/ by default). */
  sample: string;
  /** A documented change to the sample's text (e.g. another message type in MSH-9), or none. */
  adapt?: (text: string) => string;
  /** The error code the message must fail with; without it the test expects the engine's reviewed output. */
  expectedError?: string;
}

export interface Example {
  /** Path of the bundle file, relative to the repository root. */
  file: string;
  metadata: BundleMetadata;
  build(): MappingSpec;
  tests: readonly ExampleTest[];
  /** The folder of its samples, relative to the repository root, when they are not the reference HL7 v2 samples. */
  samples?: string;
}

/** Keeps the sample's segments whose ids are listed, in order, and replaces MSH-9. */
function asAdtA01(text: string): string {
  const segments = text.replace(/\r\n?|\n/g, '\r').split('\r').filter((s) => s.length > 0);
  const msh = segments[0].split('|');
  msh[8] = 'ADT^A01^ADT_A01';
  return [msh.join('|'), ...segments.slice(1).filter((s) => s.startsWith('PID|'))].join('\r') + '\r';
}

export const examples: readonly Example[] = [
  {
    file: 'examples/adt-a01-to-fhir.crosswalk.json',
    metadata: {
      name: 'ADT^A01 to FHIR R4 (HL7 v2-to-FHIR IG)',
      version: '1.0.0',
      author: 'Crosswalk examples',
      description: 'HL7 v2 ADT^A01 (v2.5.1, read the same way for other 2.x) to a FHIR R4 transaction Bundle: Patient (PID, PD1, NK1 contacts), Encounter, Location and Practitioner (PV1), one Observation per OBX, AllergyIntolerance per AL1, Condition per DG1, Procedure per PR1, RelatedPerson per NK1, Coverage and payor Organization per IN1, following the HL7 v2-to-FHIR IG segment, data type and vocabulary maps. Built as the IG layers it: a message map, segment maps, data type maps and vocabulary maps. Messages other than ADT^A01/A04/A08/A13 are refused with MESSAGE_NOT_ACCEPTED. See examples/README.md.',
      created: '2026-11-24',
    },
    build: buildAdtA01ToFhir,
    tests: [
      { name: 'ADT^A01 v2.8 with repeating PID-3/PID-5, OBX and AL1 (fhirconverter_ADT-A01-01.hl7)', sample: 'fhirconverter_ADT-A01-01.hl7' },
      { name: 'ADT^A01 v2.3 with a two-part MSH-9 and a BOM (fhirconverter_ADT01-23.hl7)', sample: 'fhirconverter_ADT01-23.hl7' },
      {
        name: 'PID-29 partial death date 200611 kept as 2006-11 (the MSH and PID of lfh_VXU_PID29_partial_YYYYMM.hl7, MSH-9 set to ADT^A01)',
        sample: 'lfh_VXU_PID29_partial_YYYYMM.hl7',
        adapt: asAdtA01,
      },
      { name: 'An ORU^R01 is refused with a clear error (fhirconverter_ORU-R01-RMGEAD.hl7)', sample: 'fhirconverter_ORU-R01-RMGEAD.hl7', expectedError: 'MESSAGE_NOT_ACCEPTED' },
    ],
  },
  {
    file: 'examples/oru-r01-to-observations.crosswalk.json',
    metadata: {
      name: 'ORU^R01 lab results to FHIR R4 Observations',
      version: '1.0.0',
      author: 'Crosswalk examples',
      description: 'HL7 v2 ORU^R01 to a FHIR R4 transaction Bundle: the Patient (PID identity), one laboratory Observation per OBX (HL7 v2-to-FHIR IG OBX map: the value of every OBX-2 type, repetitions as components or lines, units, reference range, every interpretation flag, status, why a value is absent, the NTE notes after it, the performing organization and medical director), one Specimen per SPM and one DiagnosticReport per order (OBR group) listing exactly its own results and specimens, with its notes. Messages other than ORU^R01 are refused with MESSAGE_NOT_ACCEPTED. See examples/README.md.',
      created: '2026-11-24',
    },
    build: buildOruR01ToObservations,
    tests: [
      { name: 'ORU^R01 v2.4 with a structured numeric result ^182 (fhirconverter_ORU-R01-RMGEAD.hl7)', sample: 'fhirconverter_ORU-R01-RMGEAD.hl7' },
      { name: 'ORU^R01 v2.6 with ST and multi-line TX results (lfh_ORU-multiline-short-mixed.hl7)', sample: 'lfh_ORU-multiline-short-mixed.hl7' },
      { name: 'ORU^R01 v2.5 with two orders: ten NM results, a DiagnosticReport per order listing its own five (fhirconverter_LAB-ORU-1.hl7)', sample: 'fhirconverter_LAB-ORU-1.hl7' },
      {
        name: 'ORU^R01 v2.5.1 with RP and ED attachments, a coded result with its notes and flag, a repeating NM as components, results in lab (I) and order detail (O), the performing laboratory and its director, a specimen, and a report with its section, interpreter, technician, transcriptionist and notes (fhirconverter_ORU-R01-01.hl7)',
        sample: 'fhirconverter_ORU-R01-01.hl7',
      },
      { name: 'An ADT^A01 is refused with a clear error (fhirconverter_ADT01-23.hl7)', sample: 'fhirconverter_ADT01-23.hl7', expectedError: 'MESSAGE_NOT_ACCEPTED' },
    ],
  },
  {
    file: 'examples/vxu-v04-to-immunization.crosswalk.json',
    metadata: {
      name: 'VXU^V04 immunizations to FHIR R4 Immunization',
      version: '1.0.0',
      author: 'Crosswalk examples',
      description: 'HL7 v2 VXU^V04 to a FHIR R4 transaction Bundle: the Patient (PID), one Immunization per order (ORC, RXA, RXR: CVX vaccine, MVX manufacturer, lot and expiry, dose, route and site, status and refusal reason, primary source, ordering and administering providers, funding eligibility and source) and one Observation per other OBX of the order (the vaccine information statements), part of its Immunization, following the HL7 v2-to-FHIR IG message, segment, data type and vocabulary maps. Messages other than VXU^V04 are refused with MESSAGE_NOT_ACCEPTED. See examples/README.md.',
      created: '2026-12-07',
    },
    build: buildVxuV04ToImmunization,
    tests: [
      { name: 'VXU^V04 v2.8 with PD1, NK1, PV1, insurance and a person-level OBX before the order; one Td dose (NDC) with lot, expiry, manufacturer, site, place, funding source and eligibility, and its VIS (fhirconverter_VXU-V04-01.hl7)', sample: 'fhirconverter_VXU-V04-01.hl7' },
      { name: 'VXU^V04 v2.5.1 (NIST IZ test message): an influenza dose (CVX 140, CSL, lot Z0860BB), ordering and administering providers, VFC eligibility and the VIS by vaccine type, published and presented (fhirconverter_IZ_1_1.1_Admin_Child_Max_Message.hl7)', sample: 'fhirconverter_IZ_1_1.1_Admin_Child_Max_Message.hl7' },
      { name: 'VXU^V04 v2.5.1 with three orders: a historical hepatitis B dose of unknown amount (RXA-6 999) and two administered doses, providers without identifiers, Medicaid eligibility and the VIS of each (izgateway_VXU_V04.hl7)', sample: 'izgateway_VXU_V04.hl7' },
      { name: 'VXU^V04 with the patient only (no order): the Patient, PID-29 partial death date kept as 2006-11 (lfh_VXU_PID29_partial_YYYYMM.hl7)', sample: 'lfh_VXU_PID29_partial_YYYYMM.hl7' },
      { name: 'An ORU^R01 is refused with a clear error (fhirconverter_ORU-R01-01.hl7)', sample: 'fhirconverter_ORU-R01-01.hl7', expectedError: 'MESSAGE_NOT_ACCEPTED' },
    ],
  },
  {
    file: 'examples/mdm-t02-to-documentreference.crosswalk.json',
    metadata: {
      name: 'MDM^T02 documents to FHIR R4 DocumentReference',
      version: '1.0.0',
      author: 'Crosswalk examples',
      description: 'HL7 v2 MDM^T02 to a FHIR R4 transaction Bundle: the Patient (PID identity), the authors and authenticator (TXA-9, TXA-10) and one DocumentReference (TXA: status, completion, type, date, unique number, file name, confidentiality, title) whose content is the document the OBX carry: the text OBX (TX, FT, ST) joined in order into one text attachment, each ED or RP an attachment of its own, a DICOM study (HD) as the related study. A part that cannot be read is left out with a warning (valueErrors absent). Messages other than MDM^T02 are refused with MESSAGE_NOT_ACCEPTED. See examples/README.md.',
      created: '2026-12-07',
    },
    build: buildMdmT02ToDocumentReference,
    tests: [
      { name: 'MDM^T02 v2.8: an echocardiography report whose PDF is announced without its data, about a DICOM study (fhirconverter_MDM-T02-01.hl7)', sample: 'fhirconverter_MDM-T02-01.hl7' },
      { name: 'MDM^T02 v2.5.1 (the IG\'s sample): a discharge summary of TX, FT and ST text joined into one attachment, and a PDF whose data is not Base64, left out with a warning (hl7ig_MDM_T02.hl7)', sample: 'hl7ig_MDM_T02.hl7' },
      { name: 'An ADT^A01 is refused with a clear error (fhirconverter_ADT01-23.hl7)', sample: 'fhirconverter_ADT01-23.hl7', expectedError: 'MESSAGE_NOT_ACCEPTED' },
    ],
  },
  {
    file: 'examples/home-blood-pressure-to-fhir.crosswalk.json',
    metadata: {
      name: 'Home blood-pressure monitor (JSON) to FHIR R4 vital signs',
      version: '1.0.0',
      author: 'Crosswalk examples',
      description: 'A home blood-pressure monitor\'s JSON export to a FHIR R4 transaction Bundle: the monitor as a Device, and per reading a vital-signs blood pressure panel (LOINC 85354-9 with systolic 8480-6 and diastolic 8462-4 components in mm[Hg], converted from kPa when the monitor was set to it) and a heart rate (8867-4) when it measured a pulse, each with its time and offset, the arm as body site and the patient by identifier. See examples/README.md.',
      created: '2026-12-07',
    },
    build: buildHomeBloodPressure,
    samples: 'examples/samples/home-blood-pressure',
    tests: [
      { name: 'A week of morning and evening readings in mmHg, one without a pulse and one with an irregular heartbeat (week-mmhg.json)', sample: 'week-mmhg.json' },
      { name: 'A monitor set to kPa: the reading converted to whole mm[Hg] (kpa-monitor.json)', sample: 'kpa-monitor.json' },
      { name: 'A reading in a unit that is not a pressure is refused (wrong-unit.json)', sample: 'wrong-unit.json', expectedError: 'UNIT_INCOMPATIBLE' },
    ],
  },
];
