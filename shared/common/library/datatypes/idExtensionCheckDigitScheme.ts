import { stringExtensionMap } from './stExtensionCheckDigit';

/** ID[Extension-checkDigitScheme]: the namingsystem-checkDigit extension from a check digit scheme (CX.3, XCN.12). */
export const idExtensionCheckDigitScheme = stringExtensionMap('ID[Extension-checkDigitScheme]', 'ID', 'http://hl7.org/fhir/StructureDefinition/namingsystem-checkDigit',
  'Check digit scheme → Extension', 'The namingsystem-checkDigit extension holding a check digit scheme such as M10 (CX.3, XCN.12); nothing when it is empty.');
