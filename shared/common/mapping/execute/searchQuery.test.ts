import { describe, expect, it } from 'vitest';
import { searchQuery } from './searchQuery';

const identifier = [{ name: 'identifier', reads: [{ steps: ['identifier'], type: 'Identifier' }] }];

describe('searchQuery', () => {
  // Every printable ASCII character, alone in a value: the fast paths (nothing to escape or encode) give what the full escaping gives.
  it.each(Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)))('writes %j as FHIR search escaping and URL encoding do', (c) => {
    const value = `A${c}1`;
    const escaped = value.replace(/[\\,|$]/g, (x) => `\\${x}`);
    const encoded = encodeURIComponent(`urn:oid:1.2|${escaped}`).replace(/%3A/g, ':').replace(/%2F/g, '/').replace(/%7C/g, '|').replace(/%2C/g, ',');
    expect(searchQuery({ identifier: [{ system: 'urn:oid:1.2', value }] }, identifier)).toBe(`identifier=${encoded}`);
  });

  it('joins distinct values with commas and parameters with &', () => {
    const search = [...identifier, { name: 'name', reads: [{ steps: ['name', 'family'], type: 'string' }] }];
    const resource = { identifier: [{ system: 'http://a', value: 'X 1' }, { value: 'Y,2' }, { system: 'http://a', value: 'X 1' }], name: [{ family: 'Ng' }] };
    expect(searchQuery(resource, search)).toBe('identifier=http://a|X%201,|Y%5C,2&name=Ng');
  });
});
