import type { FunctionDefinition } from '../FunctionDefinition';
import { Decimal } from '../../json/Decimal';
import { parseHl7Decimal } from '../number/parseHl7Number';
import { text } from '../util/values';
import { quantityUnit } from './quantityParts';

export const quantityFromNm: FunctionDefinition = {
  id: 'datatype.quantityFromNm',
  replacedBy: 'NM[Quantity]',
  category: 'datatype',
  label: 'NM + units → Quantity',
  description: 'Builds a Quantity from an NM value and a CWE units field (OBX-5 and OBX-6) per the IG\'s NM[Quantity] and CWE[Quantity] maps. With inferUcum, units sent without a coding system that are recognisably UCUM (kg, lb, mmHg) get system http://unitsofmeasure.org and the UCUM code.',
  inputs: [
    { name: 'value', type: 'string', description: 'The HL7 NM value (`065.88`).' },
    { name: 'units', type: 'v2composite', optional: true, description: 'The CWE units field (OBX-6).' },
  ],
  output: { type: 'Quantity', description: 'The Quantity; no value without a number.' },
  params: [{ name: 'inferUcum', type: 'boolean', default: true, description: 'Recognise UCUM units sent without a coding system.' }],
  examples: [
    { inputs: { value: '065.88', units: ['kg', 'kilogram', 'UCUM'] }, output: { value: 65.88, unit: 'kilogram', system: 'http://unitsofmeasure.org', code: 'kg' } },
    { inputs: { value: '0.040', units: ['mg/dL', undefined, 'UCUM'] }, output: { value: new Decimal('0.040'), unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' } },
    { inputs: { value: '150', units: ['lb'] }, output: { value: 150, unit: 'lb', system: 'http://unitsofmeasure.org', code: '[lb_av]' } },
    { inputs: { value: '150', units: ['lb'] }, params: { inferUcum: false }, output: { value: 150, unit: 'lb' } },
    { inputs: { value: '7.2', units: ['10*9/L', undefined, '99LAB'] }, output: { value: 7.2, unit: '10*9/L' } },
    { inputs: { value: '72', units: ['beats/min', undefined, 'ISO'] }, output: { value: 72, unit: 'beats/min', system: 'http://unitsofmeasure.org', code: '/min' } },
    { inputs: { value: 'high' }, error: 'NUMBER_INVALID' },
  ],
  apply(inputs, params) {
    const value = typeof inputs.value === 'number' || inputs.value instanceof Decimal ? inputs.value : parseHl7Decimal(text(inputs.value));
    if (value === undefined) return undefined;
    return { value, ...quantityUnit(inputs.units, params.inferUcum !== false) };
  },
};
