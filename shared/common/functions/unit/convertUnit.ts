import { CrosswalkError } from '../../errors/CrosswalkError';
import type { FunctionDefinition } from '../FunctionDefinition';
import { parseHl7Number } from '../number/parseHl7Number';
import { roundTo } from '../number/round';
import { numberParam, stringParam, text } from '../util/values';
import { convertUcum } from './ucum';
import { v2UnitToUcum } from './v2Units';

export const convertUnit: FunctionDefinition = {
  id: 'unit.convert',
  category: 'unit',
  label: 'Convert unit',
  description: 'Converts a number from one unit to another with UCUM (`[lb_av]` → `kg`, `[in_i]` → `cm`, `Cel` ↔ `[degF]`). The source unit may be UCUM or a common v2 spelling (`lb`, `in`, `F`); the result keeps 12 significant digits, or `decimals` places if set.',
  inputs: [
    { name: 'value', type: 'number', description: 'The number, or HL7 NM text.' },
    { name: 'unit', type: 'string', optional: true, description: 'The unit the value is in (e.g. OBX-6.1); the `from` parameter is used when nothing is linked.' },
  ],
  output: { type: 'number', description: 'The value in the target unit.' },
  params: [
    { name: 'from', type: 'string', description: 'The source unit when no unit is linked.' },
    { name: 'to', type: 'string', description: 'The UCUM unit to convert to.' },
    { name: 'decimals', type: 'number', description: 'Decimal places to round to; empty keeps 12 significant digits.' },
  ],
  examples: [
    { inputs: { value: 150, unit: '[lb_av]' }, params: { to: 'kg' }, output: 68.0388555 },
    { inputs: { value: '150', unit: 'lb' }, params: { to: 'kg', decimals: 1 }, output: 68 },
    { inputs: { value: 70 }, params: { from: '[in_i]', to: 'cm' }, output: 177.8 },
    { inputs: { value: 37, unit: 'Cel' }, params: { to: '[degF]' }, output: 98.6 },
    { inputs: { value: 98.6, unit: 'F' }, params: { to: 'Cel', decimals: 1 }, output: 37 },
    { inputs: { value: 10, unit: 'kg' }, params: { to: 'cm' }, error: 'UNIT_INCOMPATIBLE' },
    { inputs: { value: 10, unit: 'stone-ish' }, params: { to: 'kg' }, error: 'UNIT_INVALID' },
  ],
  apply(inputs, params) {
    const value = typeof inputs.value === 'number' ? inputs.value : parseHl7Number(text(inputs.value));
    if (value === undefined) return undefined;
    const fromText = text(inputs.unit) ?? stringParam(params, 'from', '');
    const to = stringParam(params, 'to', '');
    if (fromText === '') throw new CrosswalkError('UNIT_MISSING', 'The value has no unit to convert from: link one or set the "from" parameter.', { path: 'from' });
    if (to === '') throw new CrosswalkError('FUNCTION_BAD_PARAM', 'The parameter "to" must name a UCUM unit.', { path: 'to' });
    const from = v2UnitToUcum(fromText);
    if (from === undefined) throw new CrosswalkError('UNIT_INVALID', 'The unit to convert from is not a valid UCUM unit, nor a v2 unit with a known UCUM code.', {}, fromText);
    const converted = convertUcum(value, from, to);
    const decimals = numberParam(params, 'decimals', undefined);
    return decimals === undefined ? converted : roundTo(converted, decimals);
  },
};
