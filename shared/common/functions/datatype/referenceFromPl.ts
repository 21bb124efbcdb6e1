import type { FunctionDefinition } from '../FunctionDefinition';
import { component, subcomponent } from '../util/components';

/**
 * The IG maps a PL to a chain of Location resources (bed → room → point of care → facility,
 * PL[Location]). When a mapping does not emit Location resources, this gives a Reference whose
 * display names the location: PL.9 description if sent, else the parts from the widest to the
 * narrowest (facility, building, floor, point of care, room, bed) joined by ", ".
 */
export const referenceFromPl: FunctionDefinition = {
  id: 'datatype.referenceFromPl',
  replacedBy: 'PL[Reference]',
  category: 'datatype',
  label: 'PL → Reference (location)',
  description: 'A Reference with a display for a person location (PV1-3): PL.9 description, else facility (PL.4), building (PL.7), floor (PL.8), point of care (PL.1), room (PL.2), bed (PL.3) joined by ", ". Use it when the mapping does not create Location resources.',
  inputs: [{ name: 'pl', type: 'v2composite', description: 'The PL field.' }],
  output: { type: 'Reference', description: 'The Reference; no value for an empty location.' },
  examples: [
    { inputs: { pl: ['4EAST', '136', 'B', ['GOOD HEALTH HOSPITAL']] }, output: { display: 'GOOD HEALTH HOSPITAL, 4EAST, 136, B' } },
    { inputs: { pl: ['ER', undefined, undefined, undefined, undefined, undefined, 'Main', '2', 'Emergency room, main building'] }, output: { display: 'Emergency room, main building' } },
    { inputs: { pl: [] }, output: undefined },
  ],
  apply(inputs) {
    const pl = inputs.pl;
    const description = component(pl, 9)?.trim();
    if (description) return { display: description };
    const parts = [subcomponent(pl, 4, 1), component(pl, 7), component(pl, 8), component(pl, 1), component(pl, 2), component(pl, 3)]
      .map((part) => part?.trim())
      .filter((part): part is string => part !== undefined && part !== '');
    return parts.length === 0 ? undefined : { display: parts.join(', ') };
  },
};
