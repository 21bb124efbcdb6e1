import type { MappingSpec } from '../../shared/common/mapping/spec/MappingSpec';
import * as vocabulary from '../../shared/common/library/valueMaps';
import { assembleExample } from './assembleExample';
import { documentCompletionStatus, documentStatus } from './maps/documentStatus';
import { documentValueTypes, obxDocumentReference, obxDocumentText } from './maps/obxDocumentReference';
import { mdmT02 } from './maps/mdmT02';
import { pidPatientIdentity } from './maps/pidPatientIdentity';
import { txaDocumentReference } from './maps/txaDocumentReference';

/**
 * examples/mdm-t02-to-documentreference.crosswalk.json: clinical documents. HL7 v2 MDM^T02 → a
 * transaction Bundle of the Patient (the ORU example's PID[Patient] identity map), the authors,
 * and one DocumentReference whose content is the document the OBX carry. Its valueErrors is
 * `absent`: a part of a document that cannot be read (an ED whose data is not the Base64 it claims)
 * is left out with a warning in the Bundle, and the rest of the document still arrives.
 */
export function buildMdmT02ToDocumentReference(): MappingSpec {
  return assembleExample(
    [mdmT02(), pidPatientIdentity(), txaDocumentReference(), obxDocumentText(), obxDocumentReference()],
    [vocabulary.administrativeSex, documentStatus, documentCompletionStatus, vocabulary.documentConfidentialityStatus, documentValueTypes],
    { defaultTimezone: 'Z', valueErrors: 'absent' },
  );
}
