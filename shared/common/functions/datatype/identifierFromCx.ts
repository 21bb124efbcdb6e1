import { OID_PATTERN } from '../code/isOid';
import type { FunctionDefinition } from '../FunctionDefinition';
import { component, composite, subcomponent } from '../util/components';
import { compact } from '../util/values';
import { period } from './period';
import { V2_TABLE_0203 } from './v2Vocabulary';

/**
 * CX.4 (HD) → Identifier.system when it names a system: HD.2 universal id with HD.3 ISO (OID),
 * URI or UUID. A namespace id alone (HD.1, e.g. "MRN" or a facility mnemonic) is not a URI, so
 * it becomes assigner.display, as the IG maps CX.4 to assigner when it is an organization.
 */
function assigningAuthority(hd: unknown): { system?: string; assigner?: { display: string } } {
  if (hd === undefined || hd === null) return {};
  const namespace = component(hd, 1) ?? subcomponent(hd, 1, 1);
  const universal = component(hd, 2);
  const type = component(hd, 3)?.toUpperCase();
  if (universal !== undefined) {
    if (type === 'ISO' && OID_PATTERN.test(universal)) return { system: `urn:oid:${universal}` };
    if (type === 'URI' && /^\S+$/.test(universal)) return { system: universal };
    if (type === 'UUID' && /^[0-9a-f-]{36}$/i.test(universal)) return { system: `urn:uuid:${universal.toLowerCase()}` };
  }
  return namespace === undefined ? {} : { assigner: { display: namespace } };
}

export const identifierFromCx: FunctionDefinition = {
  id: 'datatype.identifierFromCx',
  replacedBy: 'CX[Identifier]',
  category: 'datatype',
  label: 'CX → Identifier',
  description: 'Builds an Identifier from a CX field per the IG: CX.1 value, CX.4 system (an OID/URI/UUID universal id) or assigner display (a namespace), CX.5 type (table 0203), CX.7/CX.8 period, CX.2/CX.3 check digit extensions.',
  inputs: [{ name: 'cx', type: 'v2composite', description: 'One CX repetition (e.g. PID-3[n]).' }],
  output: { type: 'Identifier', description: 'The Identifier; no value without CX.1.' },
  examples: [
    {
      inputs: { cx: ['12345', undefined, undefined, ['MRN', '2.16.840.1.113883.19.5', 'ISO'], 'MR'] },
      output: { system: 'urn:oid:2.16.840.1.113883.19.5', value: '12345', type: { coding: [{ system: V2_TABLE_0203, code: 'MR' }] } },
    },
    {
      inputs: { cx: ['4567', '3', 'M10', 'HOSP', 'PI', undefined, '20200101', '20301231'] },
      output: {
        extension: [
          { url: 'http://hl7.org/fhir/StructureDefinition/identifier-checkDigit', valueString: '3' },
          { url: 'http://hl7.org/fhir/StructureDefinition/namingsystem-checkDigit', valueString: 'M10' },
        ],
        value: '4567', type: { coding: [{ system: V2_TABLE_0203, code: 'PI' }] },
        period: { start: '2020-01-01', end: '2030-12-31' }, assigner: { display: 'HOSP' },
      },
    },
    { inputs: { cx: [undefined, undefined, undefined, 'HOSP'] }, output: undefined },
  ],
  apply(inputs, _params, context) {
    const cx = inputs.cx;
    const value = component(cx, 1)?.trim();
    if (!value) return undefined;
    const checkDigit = component(cx, 2);
    const scheme = component(cx, 3);
    const extension: { url: string; valueString: string }[] = [];
    if (checkDigit !== undefined) extension.push({ url: 'http://hl7.org/fhir/StructureDefinition/identifier-checkDigit', valueString: checkDigit });
    if (scheme !== undefined) extension.push({ url: 'http://hl7.org/fhir/StructureDefinition/namingsystem-checkDigit', valueString: scheme });
    const { system, assigner } = assigningAuthority(composite(cx, 4));
    const typeCode = component(cx, 5)?.trim();
    return compact({
      extension,
      system,
      value,
      type: typeCode ? { coding: [{ system: V2_TABLE_0203, code: typeCode }] } : undefined,
      period: period(component(cx, 7), component(cx, 8), context),
      assigner,
    });
  },
};
