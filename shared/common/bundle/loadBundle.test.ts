import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { flatExampleSpec, readSample } from '../../node/fixtures/referenceFixtures';
import { parseSpec } from '../mapping/spec/parseSpec';
import type { MappingSpec } from '../mapping/spec/MappingSpec';
import { createBundle, serializeBundle } from './createBundle';
import { loadBundle } from './loadBundle';
import { canonicalJson } from './canonicalJson';
import { errorOf } from '../errors/errorOf';

const metadata = { name: 'ADT to FHIR (docs example)', version: '1.0.0', author: 'Crosswalk tests', created: '2026-11-24T00:00:00Z' };

function exampleBundleText(spec: MappingSpec = parseSpec(flatExampleSpec())): string {
  return serializeBundle(createBundle({
    metadata,
    mapping: spec,
    tests: [{ name: 'ADT A01 sample', input: readSample('fhirconverter_ADT-A01-01.hl7'), expectedError: 'NOT_RUN_HERE' }],
  }));
}

describe('bundle file', () => {
  it('round-trips: load(serialize(create(spec))) gives the spec back, verified', () => {
    const spec = parseSpec(flatExampleSpec());
    const text = exampleBundleText(spec);
    const loaded = loadBundle(text, 'example.crosswalk.json');
    expect(loaded.spec.maps[0].targets).toEqual(spec.maps[0].targets);
    expect(new Set(loaded.spec.maps[0].links.map((l) => l.id))).toEqual(new Set(spec.maps[0].links.map((l) => l.id)));
    expect(loaded.content.tests[0].input).toBe(readSample('fhirconverter_ADT-A01-01.hl7').replace(/^\uFEFF/, '').replace(/\r?\n/g, '\r').replace(/\r$/, ''));
    // The hash is SHA-256 over the compact canonical JSON of everything but the hash and the layout.
    const { hash, layout: _layout, ...rest } = JSON.parse(text) as Record<string, unknown>;
    expect(hash).toBe(`sha256:${createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex')}`);
    // Re-serializing what was loaded gives the same bytes.
    expect(serializeBundle(loaded.bundle)).toBe(text);
  });

  it('two exports of the same mapping built in different orders are byte-identical', () => {
    const spec = parseSpec(flatExampleSpec());
    const map = spec.maps[0];
    const shuffled: MappingSpec = {
      ...spec,
      maps: [{ ...map, nodes: [...map.nodes].reverse(), links: [...map.links].reverse() }],
      valueMaps: [...spec.valueMaps].reverse(),
      layout: spec.layout && { maps: { [map.id]: { ...spec.layout.maps[map.id], nodes: [...spec.layout.maps[map.id].nodes].reverse() } } },
    };
    const reordered = Object.fromEntries(Object.entries(shuffled).reverse()) as MappingSpec;
    expect(exampleBundleText(reordered)).toBe(exampleBundleText(spec));
  });

  it('a moved node changes the layout only, not the semantics', () => {
    const spec = parseSpec(flatExampleSpec());
    const id = spec.maps[0].id;
    const moved = { ...spec, layout: { maps: { [id]: { nodes: spec.layout!.maps[id].nodes.map((n) => (n.id === 'gender' ? { ...n, x: n.x + 40 } : n)) } } } };
    const a = JSON.parse(exampleBundleText(spec)) as { mapping: Record<string, unknown>; layout: unknown; hash: string };
    const b = JSON.parse(exampleBundleText(moved)) as { mapping: Record<string, unknown>; layout: unknown; hash: string };
    expect(a.mapping).toEqual(b.mapping);
    expect(a.hash).toBe(b.hash);
    expect(a.layout).not.toEqual(b.layout);
  });

  it('refuses a tampered bundle with one sentence', () => {
    const text = exampleBundleText().replace('"target": "female"', '"target": "male"');
    const error = errorOf(() => loadBundle(text, 'tampered.json'));
    expect(error.code).toBe('BUNDLE_HASH_MISMATCH');
    expect(error.message).toBe('The bundle content does not match its hash, so it was changed after export; export it again from the studio.');
    expect(error.where).toEqual({ file: 'tampered.json', path: 'hash' });
  });

  it('refuses an unknown bundle format, a newer mapping format, non-JSON and a forbidden key', () => {
    const good = JSON.parse(exampleBundleText()) as Record<string, unknown>;
    expect(errorOf(() => loadBundle(JSON.stringify({ ...good, format: 'crosswalk.bundle/9' }))).message)
      .toBe('The bundle format is "crosswalk.bundle/9"; this engine reads crosswalk.bundle/2 (and crosswalk.bundle/1).');
    const newer = errorOf(() => loadBundle(JSON.stringify({ ...good, engine: { mappingFormat: 'crosswalk.mapping/3' } })));
    expect(newer.code).toBe('BUNDLE_ENGINE_TOO_OLD');
    expect(errorOf(() => loadBundle('{"format": ')).code).toBe('BUNDLE_NOT_JSON');
    const polluted = exampleBundleText().replace('"metadata": {', '"metadata": {\n    "__proto__": {"admin": true},');
    const error = errorOf(() => loadBundle(polluted));
    expect(error.code).toBe('BUNDLE_FORBIDDEN_KEY');
    expect(error.where.path).toBe('metadata.__proto__');
  });

  it('refuses an invalid spec inside a correctly hashed bundle, naming the field', () => {
    const good = JSON.parse(exampleBundleText()) as { mapping: { maps: Array<{ nodes: Array<Record<string, unknown>> }> } } & Record<string, unknown>;
    good.mapping.maps[0].nodes[0].kind = 'javascript';
    const resealed = { ...good, hash: `sha256:${createHash('sha256').update(canonicalJson({ ...good, hash: undefined, layout: undefined }), 'utf8').digest('hex')}` };
    const error = errorOf(() => loadBundle(JSON.stringify(resealed), 'bad.json'));
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.where.path).toBe('mapping.maps[0].nodes[0].kind');
    expect(error.where.file).toBe('bad.json');
  });
});
