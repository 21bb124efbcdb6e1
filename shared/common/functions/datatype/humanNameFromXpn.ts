import type { FunctionDefinition } from '../FunctionDefinition';
import { component, subcomponent } from '../util/components';
import { nonEmpty } from '../util/values';
import { period } from './period';
import { NAME_TYPE_TO_NAME_USE } from './v2Vocabulary';

const present = (...values: (string | undefined)[]) => values.filter((v): v is string => v !== undefined && v.trim() !== '');

export const humanNameFromXpn: FunctionDefinition = {
  id: 'datatype.humanNameFromXpn',
  replacedBy: 'XPN[HumanName]',
  category: 'datatype',
  label: 'XPN → HumanName',
  description: 'Builds a HumanName from an XPN field per the IG: XPN.1 family (FN.1 surname), XPN.2 and XPN.3 given, XPN.4/.6/.14 suffix, XPN.5 prefix, XPN.7 use (NameType map: L → official, D → usual, M → maiden ...), XPN.12/.13 (else XPN.10) period. XPN.3 is kept whole ("Mary Anne"): split it with string.split if your senders mean two names.',
  inputs: [{ name: 'xpn', type: 'v2composite', description: 'One XPN repetition (e.g. PID-5[n]).' }],
  output: { type: 'HumanName', description: 'The HumanName.' },
  examples: [
    {
      inputs: { xpn: ["O'Brien", 'John', 'Q', 'JR', 'DR', 'MD', 'L'] },
      output: { use: 'official', family: "O'Brien", given: ['John', 'Q'], prefix: ['DR'], suffix: ['JR', 'MD'] },
    },
    { inputs: { xpn: [['van Dijk', 'van'], 'Anna', undefined, undefined, undefined, undefined, 'M'] }, output: { use: 'maiden', family: 'van Dijk', given: ['Anna'] } },
    { inputs: { xpn: ['Smith', undefined, undefined, undefined, undefined, undefined, 'B'] }, output: { family: 'Smith' } },
    { inputs: { xpn: ['Bing', undefined, 'stanley', undefined, undefined, undefined, 'L', undefined, undefined, ['19241010', '19241015']] }, output: { use: 'official', family: 'Bing', given: ['stanley'], period: { start: '1924-10-10', end: '1924-10-15' } } },
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
      // XPN.10 (a DR range) is the older place for the validity period; the IG uses it when .12/.13 are empty.
      period: period(component(xpn, 12), component(xpn, 13), context) ?? period(subcomponent(xpn, 10, 1), subcomponent(xpn, 10, 2), context),
    });
  },
};
