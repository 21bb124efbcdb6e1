import type { ValueMap } from '../../valuemaps/ValueMap';
import { addressType } from './addressType';
import { addressUse } from './addressUse';
import { administrativeSex } from './administrativeSex';
import { allergenCategory } from './allergenCategory';
import { allergySeverity } from './allergySeverity';
import { completionStatus } from './completionStatus';
import { degreeLicenseCertificate } from './degreeLicenseCertificate';
import { diagnosticReportStatus } from './diagnosticReportStatus';
import { diagnosticServiceSection } from './diagnosticServiceSection';
import { documentConfidentialityStatus } from './documentConfidentialityStatus';
import { encounterClass } from './encounterClass';
import { encounterStatus } from './encounterStatus';
import { identifierType } from './identifierType';
import { interpretation } from './interpretation';
import { mimeType } from './mimeType';
import { nameType } from './nameType';
import { observationStatus } from './observationStatus';
import { snComparator } from './snComparator';
import { telecomSystem } from './telecomSystem';
import { telecomUse } from './telecomUse';

export {
  addressType, addressUse, administrativeSex, allergenCategory, allergySeverity, completionStatus, degreeLicenseCertificate, diagnosticReportStatus,
  diagnosticServiceSection, documentConfidentialityStatus, encounterClass, encounterStatus, identifierType, interpretation, mimeType, nameType, observationStatus,
  snComparator, telecomSystem, telecomUse,
};

/**
 * Which IG vocabulary table (a cs_*.csv in ../shared/reference/v2-to-fhir-ig/, or a table of its
 * mappings/codesystems/) each value map is built from; valueMapsMatchIg.test.ts compares them so a
 * drift from the IG fails. `deviations` lists source codes whose target deliberately differs from
 * the IG row; `additions` codes the IG lists without a target that the map gives one (each
 * explained in its entry's comment).
 */
export const igVocabularySources: readonly { map: ValueMap; csv: string; deviations?: readonly string[]; additions?: readonly string[] }[] = [
  { map: administrativeSex, csv: 'cs_AdministrativeSex.csv' },
  { map: nameType, csv: 'cs_NameType.csv' },
  { map: addressUse, csv: 'cs_AddressType[Use].csv' },
  { map: addressType, csv: 'cs_AddressType[Type].csv' },
  { map: telecomUse, csv: 'cs_TelecommunicationUseCode.csv' },
  { map: telecomSystem, csv: 'cs_TelecommunicationEquipmentType.csv', deviations: ['CP'] },
  { map: encounterClass, csv: 'cs_PatientClass[EncounterClass].csv' },
  { map: encounterStatus, csv: 'cs_PatientClass[EncounterStatus].csv' },
  { map: interpretation, csv: 'cs_InterpretationCodes.csv' },
  { map: observationStatus, csv: 'cs_ObservationResultStatusCodesInterpretation.csv', additions: ['B', 'I', 'N', 'O', 'R', 'S', 'U', 'V'] },
  { map: diagnosticServiceSection, csv: 'mappings/codesystems/HL7 Concept Map_ DiagnosticServiceSectionID - Sheet1.csv' },
  { map: completionStatus, csv: 'mappings/codesystems/HL7 Concept Map_ CompletionStatus - Sheet1.csv' },
  { map: documentConfidentialityStatus, csv: 'mappings/codesystems/HL7 Concept Map_ DocumentConfidentialityStatus - Sheet1.csv' },
];
