import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { docsExampleSpec, readSample } from '../../node/fixtures/referenceFixtures';
import { parseSpec } from '../mapping/spec/parseSpec';
import type { MappingSpec } from '../mapping/spec/MappingSpec';
import { createBundle, serializeBundle } from './createBundle';
import { loadBundle } from './loadBundle';
import { canonicalJson } from './canonicalJson';
import { errorOf } from '../errors/errorOf';

const metadata = { name: 'ADT to FHIR (docs example)', version: '1.0.0', author: 'Crosswalk tests', created: '2026-11-24T00:00:00Z' };

function exampleBundleText(spec: MappingSpec = parseSpec(docsExampleSpec())): string {
  return serializeBundle(createBundle({
    metadata,
    mapping: spec,
    tests: [{ name: 'ADT A01 sample', input: readSample('fhirconverter_ADT-A01-01.hl7'), expectedError: 'NOT_RUN_HERE' }],
  }));
}

describe('bundle file', () => {
  it('round-trips: load(serialize(create(spec))) gives the spec back, verified', () => {
    const spec = parseSpec(docsExampleSpec());
    const text = exampleBundleText(spec);
    const loaded = loadBundle(text, 'example.crosswalk.json');
    expect(loaded.spec.targets).toEqual(spec.targets);
    expect(new Set(loaded.spec.links.map((l) => l.id))).toEqual(new Set(spec.links.map((l) => l.id)));
    expect(loaded.bundle.tests[0].input).toBe(readSample('fhirconverter_ADT-A01-01.hl7'));
    // The hash is SHA-256 over the compact canonical JSON of everything but the hash.
    const { hash, ...rest } = JSON.parse(text) as Record<string, unknown>;
    expect(hash).toBe(`sha256:${createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex')}`);
    // Re-serializing what was loaded gives the same bytes.
    expect(serializeBundle(loaded.bundle)).toBe(text);
  });

  it('two exports of the same mapping built in different orders are byte-identical', () => {
    const spec = parseSpec(docsExampleSpec());
    const shuffled: MappingSpec = {
      ...spec,
      nodes: [...spec.nodes].reverse(),
      links: [...spec.links].reverse(),
      valueMaps: [...spec.valueMaps].reverse(),
      layout: spec.layout && { ...spec.layout, nodes: [...spec.layout.nodes].reverse() },
    };
    const reordered = Object.fromEntries(Object.entries(shuffled).reverse()) as MappingSpec;
    expect(exampleBundleText(reordered)).toBe(exampleBundleText(spec));
  });

  it('a moved node changes the layout only, not the semantics', () => {
    const spec = parseSpec(docsExampleSpec());
    const moved = { ...spec, layout: { nodes: spec.layout!.nodes.map((n) => (n.id === 'gender' ? { ...n, x: n.x + 40 } : n)) } };
    const a = JSON.parse(exampleBundleText(spec)) as { mapping: Record<string, unknown> };
    const b = JSON.parse(exampleBundleText(moved)) as { mapping: Record<string, unknown> };
    expect({ ...a.mapping, layout: null }).toEqual({ ...b.mapping, layout: null });
    expect(a.mapping.layout).not.toEqual(b.mapping.layout);
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
      .toBe('The bundle format is "crosswalk.bundle/9"; this engine reads crosswalk.bundle/1.');
    const newer = errorOf(() => loadBundle(JSON.stringify({ ...good, engine: { mappingFormat: 'crosswalk.mapping/2' } })));
    expect(newer.code).toBe('BUNDLE_ENGINE_TOO_OLD');
    expect(errorOf(() => loadBundle('{"format": ')).code).toBe('BUNDLE_NOT_JSON');
    const polluted = exampleBundleText().replace('"metadata": {', '"metadata": {\n    "__proto__": {"admin": true},');
    const error = errorOf(() => loadBundle(polluted));
    expect(error.code).toBe('BUNDLE_FORBIDDEN_KEY');
    expect(error.where.path).toBe('metadata.__proto__');
  });

  it('refuses an invalid spec inside a correctly hashed bundle, naming the field', () => {
    const good = JSON.parse(exampleBundleText()) as { mapping: { nodes: Array<Record<string, unknown>> } } & Record<string, unknown>;
    good.mapping.nodes[0].kind = 'javascript';
    const resealed = { ...good, hash: `sha256:${createHash('sha256').update(canonicalJson({ ...good, hash: undefined }), 'utf8').digest('hex')}` };
    const error = errorOf(() => loadBundle(JSON.stringify(resealed), 'bad.json'));
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.where.path).toBe('mapping.nodes[0].kind');
    expect(error.where.file).toBe('bad.json');
  });
});
