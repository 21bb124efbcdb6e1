import type { FunctionDefinition } from '../FunctionDefinition';
import { component, subcomponent } from '../util/components';
import { nonEmpty } from '../util/values';
import { period } from './period';
import { ADDRESS_TYPE_TO_TYPE, ADDRESS_TYPE_TO_USE } from './v2Vocabulary';

export const addressFromXad: FunctionDefinition = {
  id: 'datatype.addressFromXad',
  replacedBy: 'XAD[Address]',
  category: 'datatype',
  label: 'XAD → Address',
  description: 'Builds an Address from an XAD field per the IG: XAD.1 (SAD.1 street) and XAD.2 lines, XAD.19 addressee line, XAD.3 city, XAD.4 state, XAD.5 postal code, XAD.6 country, XAD.9 district, XAD.7 use (H → home, B/O → work, C → temp, BI → billing, BA → old) or type (M/SH → postal), XAD.13/.14 period.',
  inputs: [{ name: 'xad', type: 'v2composite', description: 'One XAD repetition (e.g. PID-11[n]).' }],
  output: { type: 'Address', description: 'The Address.' },
  examples: [
    {
      inputs: { xad: [['123 Main St', 'Main St', '123'], 'Apt 4', 'Springfield', 'IL', '62701', 'USA', 'H', undefined, 'Sangamon'] },
      output: { use: 'home', line: ['123 Main St', 'Apt 4'], city: 'Springfield', district: 'Sangamon', state: 'IL', postalCode: '62701', country: 'USA' },
    },
    { inputs: { xad: ['PO Box 9', undefined, 'Boston', 'MA', '02101', undefined, 'M'] }, output: { type: 'postal', line: ['PO Box 9'], city: 'Boston', state: 'MA', postalCode: '02101' } },
  ],
  apply(inputs, _params, context) {
    const xad = inputs.xad;
    const typeCode = component(xad, 7);
    const line = [subcomponent(xad, 1, 1), component(xad, 2), component(xad, 19)].filter((v): v is string => v !== undefined && v.trim() !== '');
    return nonEmpty({
      use: typeCode === undefined ? undefined : ADDRESS_TYPE_TO_USE.get(typeCode),
      type: typeCode === undefined ? undefined : ADDRESS_TYPE_TO_TYPE.get(typeCode),
      line,
      city: component(xad, 3),
      district: component(xad, 9),
      state: component(xad, 4),
      postalCode: component(xad, 5),
      country: component(xad, 6),
      period: period(component(xad, 13), component(xad, 14), context),
    });
  },
};
