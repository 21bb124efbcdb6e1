import { CrosswalkError } from '../../errors/CrosswalkError';
import type { FunctionDefinition } from '../FunctionDefinition';
import { compact, nonEmpty } from '../util/values';
import { quantityUnit, snComparator, snKindOf, snNumber } from './quantityParts';

export const ratioFromSn: FunctionDefinition = {
  id: 'datatype.ratioFromSn',
  replacedBy: 'SN[Ratio]',
  category: 'datatype',
  label: 'SN → Ratio',
  description: 'Builds a Ratio from a structured numeric with separator ":" or "/" (a titer such as 1:128) per the IG\'s SN[Ratio] map: SN.1 numerator comparator, SN.2 numerator, SN.4 denominator; the CWE units go on the numerator.',
  inputs: [
    { name: 'sn', type: 'v2composite', description: 'The SN value (e.g. `^1^:^128`).' },
    { name: 'units', type: 'v2composite', optional: true, description: 'The CWE units field (OBX-6).' },
  ],
  output: { type: 'Ratio', description: 'The Ratio.' },
  examples: [
    { inputs: { sn: [undefined, '1', ':', '128'] }, output: { numerator: { value: 1 }, denominator: { value: 128 } } },
    { inputs: { sn: ['<', '1', '/', '40'] }, output: { numerator: { comparator: '<', value: 1 }, denominator: { value: 40 } } },
    { inputs: { sn: [undefined, '1', '-', '4'] }, error: 'SN_UNSUPPORTED' },
  ],
  apply(inputs) {
    const sn = inputs.sn;
    if (snKindOf(sn) !== 'Ratio') throw new CrosswalkError('SN_UNSUPPORTED', 'This structured numeric is not a ratio (its separator is not ":" or "/").');
    const numerator = snNumber(sn, 2);
    const denominator = snNumber(sn, 4);
    return nonEmpty({
      numerator: numerator === undefined ? undefined : compact({ comparator: snComparator(sn), value: numerator, ...quantityUnit(inputs.units, true) }),
      denominator: denominator === undefined ? undefined : { value: denominator },
    });
  },
};
