import { OID_PATTERN } from '../code/isOid';
import type { FunctionDefinition } from '../FunctionDefinition';
import { component, composite, subcomponent } from '../util/components';
import { nonEmpty } from '../util/values';
import { V2_TABLE_0203 } from './v2Vocabulary';

/** HD (XCN.9) → Identifier.system when it carries an ISO OID or a URI. */
function systemOf(hd: unknown): string | undefined {
  const universal = component(hd, 2) ?? subcomponent(hd, 1, 2);
  const type = (component(hd, 3) ?? subcomponent(hd, 1, 3))?.toUpperCase();
  if (universal === undefined) return undefined;
  if (type === 'ISO' && OID_PATTERN.test(universal)) return `urn:oid:${universal}`;
  if (type === 'URI' && /^\S+$/.test(universal)) return universal;
  return undefined;
}

/**
 * The IG maps an XCN to a Practitioner resource (XCN[Practitioner]). When a mapping does not
 * emit Practitioner resources, this gives the logical reference FHIR allows instead: the
 * practitioner's identifier (XCN.1, system from XCN.9, type XCN.13) and a display name.
 */
export const referenceFromXcn: FunctionDefinition = {
  id: 'datatype.referenceFromXcn',
  replacedBy: 'XCN[Reference]',
  category: 'datatype',
  label: 'XCN → Reference (practitioner)',
  description: 'A logical Reference to a practitioner from an XCN field (PV1-7 attending, OBX-16 responsible observer): identifier from XCN.1 with system from XCN.9 (ISO OID or URI) and type from XCN.13, display "prefix given middle family suffix degree" (XCN.6 .3 .4 .2 .5 .7).',
  inputs: [{ name: 'xcn', type: 'v2composite', description: 'One XCN repetition.' }],
  output: { type: 'Reference', description: 'The Reference; no value when XCN holds neither an id nor a name.' },
  examples: [
    {
      inputs: { xcn: ['1134', 'Aly', 'Zafar', 'Mahendra', 'JR', 'Dr.', 'MD', undefined, ['PERSt', '1.23', 'HCD'], 'B'] },
      output: { identifier: { value: '1134' }, display: 'Dr. Zafar Mahendra Aly JR MD' },
    },
    {
      inputs: { xcn: ['2343242', 'Knowsalot', 'Phil', undefined, undefined, 'Dr.', undefined, undefined, ['NIST-AA-1', '2.16.840.1.113883.3.72.5.30.1', 'ISO'], 'L', undefined, undefined, 'NPI'] },
      output: { identifier: { system: 'urn:oid:2.16.840.1.113883.3.72.5.30.1', value: '2343242', type: { coding: [{ system: V2_TABLE_0203, code: 'NPI' }] } }, display: 'Dr. Phil Knowsalot' },
    },
    { inputs: { xcn: [undefined, 'Smith', 'Jo'] }, output: { display: 'Jo Smith' } },
    { inputs: { xcn: undefined }, output: undefined },
  ],
  apply(inputs) {
    const xcn = inputs.xcn;
    const value = component(xcn, 1)?.trim();
    const typeCode = component(xcn, 13)?.trim();
    const names = [component(xcn, 6), component(xcn, 3), component(xcn, 4), subcomponent(xcn, 2, 1), component(xcn, 5), component(xcn, 7)]
      .map((part) => part?.trim())
      .filter((part): part is string => part !== undefined && part !== '');
    return nonEmpty({
      identifier: value ? nonEmpty({ system: systemOf(composite(xcn, 9)), value, type: typeCode ? { coding: [{ system: V2_TABLE_0203, code: typeCode }] } : undefined }) : undefined,
      display: names.length > 0 ? names.join(' ') : undefined,
    });
  },
};
