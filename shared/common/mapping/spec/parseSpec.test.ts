import { describe, expect, it } from 'vitest';
import { docsExampleSpec, flatExampleSpec } from '../../../node/fixtures/referenceFixtures';
import { parseSpec } from './parseSpec';
import { migrateSpec, type SpecMigration } from './migrations';
import type { MappingSpec } from './MappingSpec';
import { errorOf } from '../../errors/errorOf';

describe('parseSpec', () => {
  it('accepts the worked example of the documentation', () => {
    const spec = parseSpec(docsExampleSpec());
    expect(spec.maps.map((m) => `${m.kind} ${m.id}`)).toEqual(['message ADT_A01', 'segment PID[Patient]', 'datatype CX[Identifier]', 'segment OBX[Observation]']);
    expect(spec.valueMaps[0].entries[0]).toEqual({ source: 'F', target: 'female', display: 'Female' });
  });

  it('reads a format-1 flat mapping as one message map named after its structure', () => {
    const spec = parseSpec(flatExampleSpec());
    expect(spec.format).toBe('crosswalk.mapping/2');
    expect(spec.maps.map((m) => m.id)).toEqual(['ADT_A01']);
    expect(spec.maps[0].targets.map((t) => t.id)).toEqual(['patient', 'obs']);
    expect(spec.maps[0].links).toHaveLength(13);
    expect(spec.layout?.maps.ADT_A01.nodes.map((n) => n.id)).toEqual(['msg', 'gender', 'patient', 'obs']);
  });

  it('refuses __proto__, constructor and prototype keys anywhere, naming where', () => {
    const raw = flatExampleSpec();
    const nodes = raw.nodes as Array<Record<string, unknown>>;
    const malicious = JSON.parse('{"id":"c","kind":"constant","value":{"a":{"__proto__":{"polluted":true}}}}') as Record<string, unknown>;
    nodes.push(malicious);
    const error = errorOf(() => parseSpec(raw));
    expect(error.code).toBe('SPEC_FORBIDDEN_KEY');
    expect(error.where.path).toBe('mapping.nodes[4].value.a.__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const layoutRaw = flatExampleSpec();
    Object.defineProperty(layoutRaw.settings, 'constructor', { value: 1, enumerable: true });
    expect(errorOf(() => parseSpec(layoutRaw)).where.path).toBe('mapping.settings.constructor');
  });

  it('reports a schema violation with its path in one sentence', () => {
    const raw = flatExampleSpec();
    (raw.nodes as Array<Record<string, unknown>>)[0].kind = 'script';
    const error = errorOf(() => parseSpec(raw));
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.where.path).toBe('mapping.maps[0].nodes[0].kind');
    expect(error.message.startsWith('The mapping spec is invalid at mapping.maps[0].nodes[0].kind: ')).toBe(true);
    expect(error.message.endsWith('.')).toBe(true);
  });

  it('refuses duplicate ids, dangling links and unknown value maps', () => {
    const dup = flatExampleSpec();
    (dup.nodes as Array<Record<string, unknown>>)[1].id = 'gender';
    expect(errorOf(() => parseSpec(dup)).message).toBe('The id "gender" is used twice in map ADT_A01 (by a node and a node); ids must be unique within a map.');

    const dangling = flatExampleSpec();
    (dangling.links as Array<Record<string, unknown>>)[3].to = { node: 'nowhere', port: 'in' };
    const error = errorOf(() => parseSpec(dangling));
    expect(error.code).toBe('SPEC_DANGLING_LINK');
    expect(error.message).toBe('Link "l-gender-in" of map ADT_A01 points at the node "nowhere", which does not exist.');
    expect(error.where).toEqual({ path: 'mapping.maps[0].links[3].to.node', link: 'l-gender-in' });

    const noMap = flatExampleSpec();
    (noMap.valueMaps as unknown[]).splice(0, 1);
    expect(errorOf(() => parseSpec(noMap)).code).toBe('SPEC_UNKNOWN_VALUE_MAP');
  });

  it('refuses unknown and newer formats, and non-objects', () => {
    const unknown = { ...flatExampleSpec(), format: 'someone-else/1' };
    const error = errorOf(() => parseSpec(unknown));
    expect(error.code).toBe('SPEC_UNKNOWN_FORMAT');
    expect(error.message).toBe('The mapping format "someone-else/1" is not a Crosswalk mapping format this engine knows (it reads crosswalk.mapping/0 to /2).');
    expect(errorOf(() => parseSpec({ ...flatExampleSpec(), format: 'crosswalk.mapping/7' })).code).toBe('SPEC_FORMAT_TOO_NEW');
    expect(errorOf(() => parseSpec([])).code).toBe('SPEC_INVALID');
  });
});

describe('migrations', () => {
  it('upgrades an unversioned draft (format 0) to the current format', () => {
    const draft = flatExampleSpec();
    delete draft.format;
    delete draft.settings;
    const spec: MappingSpec = parseSpec(draft);
    expect(spec.format).toBe('crosswalk.mapping/2');
    expect(spec.settings).toEqual({});
  });

  it('runs registered steps in order and refuses a gap', () => {
    const steps: SpecMigration[] = [
      { from: 0, description: 'adds a', up: (s) => ({ ...s, a: 1, format: 'crosswalk.mapping/1' }) },
    ];
    const two: SpecMigration[] = [...steps, { from: 1, description: 'adds b', up: (s) => ({ ...s, b: 2, format: 'crosswalk.mapping/2' }) }];
    expect(migrateSpec({ format: 'crosswalk.mapping/0' }, two)).toEqual({ a: 1, b: 2, format: 'crosswalk.mapping/2' });
    expect(errorOf(() => migrateSpec({ format: 'crosswalk.mapping/0' }, steps)).message).toBe('No migration upgrades a mapping from format version 1.');
    expect(errorOf(() => migrateSpec({}, [])).code).toBe('SPEC_NO_MIGRATION');
  });
});
