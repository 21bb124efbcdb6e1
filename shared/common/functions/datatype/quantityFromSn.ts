import { CrosswalkError } from '../../errors/CrosswalkError';
import type { FunctionDefinition } from '../FunctionDefinition';
import { compact } from '../util/values';
import { quantityUnit, snComparator, snKindOf, snNumber } from './quantityParts';

export const quantityFromSn: FunctionDefinition = {
  id: 'datatype.quantityFromSn',
  replacedBy: 'SN[Quantity]',
  category: 'datatype',
  label: 'SN → Quantity',
  description: 'Builds a Quantity from a structured numeric (SN) per the IG\'s SN[Quantity] map: SN.1 comparator (<, <=, >=, >; = is none), SN.2 value, units from a CWE. An SN with a separator (a range or ratio) is refused: use rangeFromSn or ratioFromSn (datatype.snKind says which).',
  inputs: [
    { name: 'sn', type: 'v2composite', description: 'The SN value (OBX-5 when OBX-2 is SN).' },
    { name: 'units', type: 'v2composite', optional: true, description: 'The CWE units field (OBX-6).' },
  ],
  output: { type: 'Quantity', description: 'The Quantity.' },
  examples: [
    { inputs: { sn: ['>', '90'], units: ['mL/min/{1.73_m2}', undefined, 'UCUM'] }, output: { comparator: '>', value: 90, unit: 'mL/min/{1.73_m2}', system: 'http://unitsofmeasure.org', code: 'mL/min/{1.73_m2}' } },
    { inputs: { sn: ['=', '5.5'] }, output: { value: 5.5 } },
    { inputs: { sn: [undefined, '1', ':', '128'] }, error: 'SN_UNSUPPORTED' },
  ],
  apply(inputs) {
    const sn = inputs.sn;
    const kind = snKindOf(sn);
    if (kind !== 'Quantity') throw new CrosswalkError('SN_UNSUPPORTED', `This structured numeric is a ${kind === 'string' ? 'text value' : kind}, not a single quantity.`);
    const value = snNumber(sn, 2);
    if (value === undefined) return undefined;
    return compact({ comparator: snComparator(sn), value, ...quantityUnit(inputs.units, true) });
  },
};
