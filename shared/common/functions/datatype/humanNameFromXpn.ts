import type { FunctionDefinition } from '../FunctionDefinition';
import { component, subcomponent } from '../util/components';
import { nonEmpty } from '../util/values';
import { period } from './period';
import { NAME_TYPE_TO_NAME_USE } from './v2Vocabulary';

const present = (...values: (string | undefined)[]) => values.filter((v): v is string => v !== undefined && v.trim() !== '');

export const humanNameFromXpn: FunctionDefinition = {
  id: 'datatype.humanNameFromXpn',
  category: 'datatype',
  label: 'XPN → HumanName',
  description: 'Builds a HumanName from an XPN field per the IG: XPN.1 family (FN.1 surname), XPN.2 and XPN.3 given, XPN.4/.6/.14 suffix, XPN.5 prefix, XPN.7 use (NameType map: L → official, D → usual, M → maiden ...), XPN.12/.13 period. XPN.3 is kept whole ("Mary Anne"): split it with string.split if your senders mean two names.',
  inputs: [{ name: 'xpn', type: 'v2composite', description: 'One XPN repetition (e.g. PID-5[n]).' }],
  output: { type: 'HumanName', description: 'The HumanName.' },
  examples: [
    {
      inputs: { xpn: ["O'Brien", 'John', 'Q', 'JR', 'DR', 'MD', 'L'] },
      output: { use: 'official', family: "O'Brien", given: ['John', 'Q'], prefix: ['DR'], suffix: ['JR', 'MD'] },
    },
    { inputs: { xpn: [['van Dijk', 'van'], 'Anna', undefined, undefined, undefined, undefined, 'M'] }, output: { use: 'maiden', family: 'van Dijk', given: ['Anna'] } },
    { inputs: { xpn: ['Smith', undefined, undefined, undefined, undefined, undefined, 'B'] }, output: { family: 'Smith' } },
  ],
  apply(inputs, _params, context) {
    const xpn = inputs.xpn;
    const typeCode = component(xpn, 7);
    return nonEmpty({
      use: typeCode === undefined ? undefined : NAME_TYPE_TO_NAME_USE.get(typeCode),
      family: subcomponent(xpn, 1, 1)?.trim() || undefined,
      given: present(component(xpn, 2), component(xpn, 3)),
      prefix: present(component(xpn, 5)),
      suffix: present(component(xpn, 4), component(xpn, 6), component(xpn, 14)),
      period: period(component(xpn, 12), component(xpn, 13), context),
    });
  },
};
