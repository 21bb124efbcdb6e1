import { CrosswalkError } from '../../errors/CrosswalkError';
import type { FunctionDefinition } from '../FunctionDefinition';
import { nonEmpty } from '../util/values';
import { quantityUnit, snKindOf, snNumber } from './quantityParts';

export const rangeFromSn: FunctionDefinition = {
  id: 'datatype.rangeFromSn',
  replacedBy: 'SN[Range]',
  category: 'datatype',
  label: 'SN → Range',
  description: 'Builds a Range from a structured numeric with separator "-" per the IG\'s SN[Range] map: SN.2 low, SN.4 high, both with the units of the CWE units field.',
  inputs: [
    { name: 'sn', type: 'v2composite', description: 'The SN value (e.g. `^10^-^20`).' },
    { name: 'units', type: 'v2composite', optional: true, description: 'The CWE units field (OBX-6).' },
  ],
  output: { type: 'Range', description: 'The Range.' },
  examples: [
    { inputs: { sn: [undefined, '10', '-', '20'], units: ['mg/dL', undefined, 'UCUM'] }, output: { low: { value: 10, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' }, high: { value: 20, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' } } },
    { inputs: { sn: ['>', '10'] }, error: 'SN_UNSUPPORTED' },
  ],
  apply(inputs) {
    const sn = inputs.sn;
    if (snKindOf(sn) !== 'Range') throw new CrosswalkError('SN_UNSUPPORTED', 'This structured numeric is not a range (its separator is not "-").');
    const unit = quantityUnit(inputs.units, true);
    const low = snNumber(sn, 2);
    const high = snNumber(sn, 4);
    return nonEmpty({
      low: low === undefined ? undefined : { value: low, ...unit },
      high: high === undefined ? undefined : { value: high, ...unit },
    });
  },
};
