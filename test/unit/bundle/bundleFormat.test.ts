import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleHash, createBundle, loadBundle, runBundleTests, serializeBundle, testInputLines } from '../../../shared/common/bundle';
import { compileWithCatalog } from '../../../shared/common/mapping/compile/compileWithCatalog';
import { nodeSchemaCatalog } from '../../../shared/node/schema';
import { errorOf } from '../../../shared/common/errors/errorOf';

const v1Files = ['adt-a01-to-fhir.crosswalk.json', 'oru-r01-to-observations.crosswalk.json'];
const v1Text = (name: string): string => readFileSync(resolve(process.cwd(), 'test/fixtures/bundle-v1', name), 'utf8');

describe('crosswalk.bundle/1 bundles (the examples as they shipped before format 2)', () => {
  it.each(v1Files)('%s opens, runs and passes its own test cases unchanged', async (name) => {
    const loaded = loadBundle(v1Text(name), name);
    expect(loaded.migratedFrom).toBe('crosswalk.bundle/1');
    expect(loaded.bundle.format).toBe('crosswalk.bundle/2');
    expect(loaded.spec.maps).toHaveLength(1);
    expect(loaded.spec.maps[0].kind).toBe('message');
    const compiled = await compileWithCatalog(loaded.spec, nodeSchemaCatalog(), { validate: true });
    const results = runBundleTests(compiled, loaded.content.tests);
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => !r.passed).map((r) => ({ name: r.name, error: r.error, differences: r.differences.slice(0, 3) }))).toEqual([]);
  });

  it.each(v1Files)('%s saved again is a format-2 file that loads to the same mapping and passes the same tests', async (name) => {
    const loaded = loadBundle(v1Text(name), name);
    const text = serializeBundle(createBundle(loaded.content));
    const again = loadBundle(text, name);
    expect(again.migratedFrom).toBeUndefined();
    expect(again.spec).toEqual(loaded.spec);
    // Inputs come back as their segments (a BOM and the line-end style are not part of a message).
    expect(again.content.tests.map((t) => t.input.split('\r'))).toEqual(loaded.content.tests.map((t) => testInputLines(t.input)));
    expect(again.content.tests.every((t) => t.input.startsWith('MSH|'))).toBe(true);
    const results = runBundleTests(await compileWithCatalog(again.spec, nodeSchemaCatalog()), again.content.tests);
    expect(results.every((r) => r.passed)).toBe(true);
  });

  it('a format-1 file whose content was changed is still refused by its own hash rule', () => {
    const tampered = v1Text(v1Files[0]).replace('"target": "female"', '"target": "male"');
    expect(errorOf(() => loadBundle(tampered, 'x.json')).code).toBe('BUNDLE_HASH_MISMATCH');
  });
});

describe('crosswalk.bundle/2 text', () => {
  const loaded = loadBundle(v1Text(v1Files[0]), v1Files[0]);
  const text = serializeBundle(createBundle(loaded.content));

  it('writes one line per link, node and value-map row, ids first, and the layout last', () => {
    const lines = text.split('\n');
    const links = loaded.spec.maps[0].links;
    const linkLines = lines.filter((l) => l.trimStart().startsWith('{ "id": "l-'));
    expect(linkLines.length).toBeGreaterThanOrEqual(links.length);
    expect(lines.some((l) => /^\s+\{ "id": "l-gender-in", "from": \{ "source": "msg", "path": "PID-8" \}, "to": \{ "node": "gender", "port": "in" \} \},?$/.test(l))).toBe(true);
    expect(lines.some((l) => /^\s+\{ "source": "F", "target": "female", "display": "Female"/.test(l))).toBe(true);
    const layoutAt = lines.findIndex((l) => l === '  "layout": {');
    const testsAt = lines.findIndex((l) => l === '  "tests": [');
    expect(layoutAt).toBeGreaterThan(testsAt);
    expect(lines.slice(layoutAt).join('\n')).toMatch(/\{ "id": "gender", "x": -?\d+, "y": -?\d+ \}/);
    // A test input is one line per segment.
    expect(lines.some((l) => /^\s+"PID\|1\|\|/.test(l))).toBe(true);
    // Far fewer lines than format 1 wrote for the same mapping.
    expect(lines.length).toBeLessThan(v1Text(v1Files[0]).split('\n').length / 2);
  });

  it('is byte-identical when written twice, and moving a node changes the layout but not the hash', () => {
    expect(serializeBundle(createBundle(loadBundle(text).content))).toBe(text);
    const spec = loaded.spec;
    const mapId = spec.maps[0].id;
    const layout = spec.layout!.maps[mapId];
    const moved = { ...spec, layout: { maps: { ...spec.layout!.maps, [mapId]: { ...layout, nodes: layout.nodes.map((n) => (n.id === 'gender' ? { ...n, x: n.x + 40 } : n)) } } } };
    const movedBundle = createBundle({ ...loaded.content, mapping: moved });
    const original = createBundle(loaded.content);
    expect(movedBundle.hash).toBe(original.hash);
    expect(serializeBundle(movedBundle)).not.toBe(serializeBundle(original));
    // Changing a link does change it.
    const relinked = { ...spec, maps: [{ ...spec.maps[0], links: spec.maps[0].links.map((l) => (l.id === 'l-gender-in' ? { ...l, from: { source: 'msg', path: 'PID-9' } } : l)) }] };
    expect(createBundle({ ...loaded.content, mapping: relinked }).hash).not.toBe(original.hash);
    expect(bundleHash(JSON.parse(text) as Record<string, unknown>)).toBe(original.hash);
  });

  it('refuses a layout put inside the mapping, and a tampered test input', () => {
    const json = JSON.parse(text) as { mapping: Record<string, unknown>; layout: unknown; tests: Array<{ input: string[] }> } & Record<string, unknown>;
    const inside = { ...json, mapping: { ...json.mapping, layout: json.layout } };
    const resealed = { ...inside, hash: bundleHash(inside) };
    expect(errorOf(() => loadBundle(JSON.stringify(resealed))).message).toBe('In crosswalk.bundle/2 the layout is kept in the bundle\'s own "layout", outside the hash, not in the mapping.');
    const line = json.tests[0].input.findIndex((l) => l.startsWith('PID|'));
    json.tests[0].input[line] = json.tests[0].input[line].replace('|M|', '|F|');
    expect(errorOf(() => loadBundle(JSON.stringify(json))).code).toBe('BUNDLE_HASH_MISMATCH');
  });
});
