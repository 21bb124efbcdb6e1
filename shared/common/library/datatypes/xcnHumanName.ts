import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';
import { humanNameLinks } from './xpnHumanName';

/**
 * XCN[HumanName]: the name rows of the IG's XCN[Practitioner] table (XCN.2 through FN[HumanName],
 * XCN.3/XCN.4 given, XCN.6 prefix, XCN.5/XCN.21 suffix, XCN.10 use, XCN.19/XCN.20 period, else
 * XCN.17 through DR[Period]), drawn as XPN[HumanName] draws them. XCN.18 assembly order is not
 * written, as in XPN[HumanName].
 */
function build() {
  const b = new MapBuilder('XCN[HumanName]', 'datatype', hl7Datatype('XCN'), fhirType('HumanName'))
    .describe('XCN → HumanName', "The practitioner's name from an extended composite ID and name: family, given names, prefix, suffixes, use (NameType), validity period.");
  humanNameLinks(b, { family: 'XCN.2', given: ['XCN.3', 'XCN.4'], prefix: ['XCN.6'], suffix: ['XCN.5', 'XCN.21'], use: 'XCN.10', start: 'XCN.19', end: 'XCN.20', range: 'XCN.17' });
  return b.build();
}

export const xcnHumanName = build();
