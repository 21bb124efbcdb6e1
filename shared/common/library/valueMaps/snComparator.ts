import type { ValueMap } from '../../valuemaps/ValueMap';

/**
 * SN.1 (structured numeric comparator) → Quantity.comparator, as the IG's SN[Quantity] and
 * SN[Ratio] maps copy it. `=` says no more than a plain number and is filtered out before this
 * map; any other code (`<>`, `~`) would change the number's meaning if dropped, so it fails the
 * message instead.
 */
export const snComparator: ValueMap = {
  id: 'sn-comparator',
  name: 'Structured numeric comparator (SN.1) → FHIR quantity comparator',
  description: 'SN.1 < <= >= > → Quantity.comparator; anything else fails the message (VALUEMAP_UNMAPPED).',
  targetSystem: 'http://hl7.org/fhir/quantity-comparator',
  entries: [
    { source: '<', target: '<', display: 'Less than' },
    { source: '<=', target: '<=', display: 'Less or Equal to' },
    { source: '>=', target: '>=', display: 'Greater or Equal to' },
    { source: '>', target: '>', display: 'Greater than' },
  ],
  unmapped: { kind: 'error' },
};
