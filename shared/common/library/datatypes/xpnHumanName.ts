import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';
import { nameType } from '../valueMaps/nameType';
import { dateInDatatype } from './dateInDatatype';

/** The components a HumanName is drawn from (`XPN.1`, `XCN.2` …), parts that repeat in order. */
export interface HumanNameParts {
  family: string;
  given: readonly string[];
  prefix: readonly string[];
  suffix: readonly string[];
  use: string;
  start: string;
  end: string;
  /** The validity range (DR), used when start and end are empty. */
  range: string;
}

/**
 * The links of a HumanName, shared by XPN[HumanName] and XCN[HumanName]: the family through
 * FN[HumanName], given names, prefixes and suffixes in order, the use (NameType) and the period
 * (its dates, else the validity range through DR[Period]).
 */
export function humanNameLinks(b: MapBuilder, p: HumanNameParts): void {
  b.set('HumanName', b.call('FN[HumanName]', b.src(p.family), 'family'));
  p.given.forEach((path, i) => b.set('HumanName.given', b.src(path), i === 0 ? undefined : i));
  p.prefix.forEach((path, i) => b.set('HumanName.prefix', b.src(path), i === 0 ? undefined : i));
  p.suffix.forEach((path, i) => b.set('HumanName.suffix', b.src(path), i === 0 ? undefined : i));
  b.set('HumanName.use', b.map(nameType.id, b.src(p.use), 'code', 'use'));
  b.set('HumanName.period.start', dateInDatatype(b, b.src(p.start), 'effective'));
  b.set('HumanName.period.end', dateInDatatype(b, b.src(p.end), 'expiration'));
  b.set('HumanName.period', b.cond(`${p.start} = null and ${p.end} = null`, b.call('DR[Period]', b.src(p.range), 'validity-range'), 'if-no-dates'));
}

/**
 * XPN[HumanName] — IG table "HL7 Data Type - FHIR R4_ XPN[HumanName] - Sheet1.csv": XPN.1 through
 * FN[HumanName], XPN.10 through DR[Period] when XPN.12/XPN.13 are empty. Deviations
 * (libraryMaps.ts): XPN.11 assembly order is not written, and XPN.15 (called by) would need a
 * second HumanName, which the segment map adds where it wants one.
 */
function build() {
  const b = new MapBuilder('XPN[HumanName]', 'datatype', hl7Datatype('XPN'), fhirType('HumanName'))
    .describe('XPN → HumanName', 'A HumanName from an extended person name (PID-5, NK1-2): family, given names, prefix, suffixes, use (NameType), validity period.');
  humanNameLinks(b, { family: 'XPN.1', given: ['XPN.2', 'XPN.3'], prefix: ['XPN.5'], suffix: ['XPN.4', 'XPN.6', 'XPN.14'], use: 'XPN.7', start: 'XPN.12', end: 'XPN.13', range: 'XPN.10' });
  return b.build();
}

export const xpnHumanName = build();
