import { describe, expect, it } from 'vitest';
import { docsExampleSpec } from '../../../node/fixtures/referenceFixtures';
import { parseSpec } from './parseSpec';
import { migrateSpec, type SpecMigration } from './migrations';
import type { MappingSpec } from './MappingSpec';
import { errorOf } from '../../errors/errorOf';

describe('parseSpec', () => {
  it('accepts the worked example of the documentation', () => {
    const spec = parseSpec(docsExampleSpec());
    expect(spec.targets.map((t) => t.id)).toEqual(['patient', 'obs']);
    expect(spec.links).toHaveLength(13);
    expect(spec.valueMaps[0].entries[0]).toEqual({ source: 'F', target: 'female', display: 'Female' });
  });

  it('refuses __proto__, constructor and prototype keys anywhere, naming where', () => {
    const raw = docsExampleSpec();
    const nodes = raw.nodes as Array<Record<string, unknown>>;
    const malicious = JSON.parse('{"id":"c","kind":"constant","value":{"a":{"__proto__":{"polluted":true}}}}') as Record<string, unknown>;
    nodes.push(malicious);
    const error = errorOf(() => parseSpec(raw));
    expect(error.code).toBe('SPEC_FORBIDDEN_KEY');
    expect(error.where.path).toBe('mapping.nodes[4].value.a.__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const layoutRaw = docsExampleSpec();
    Object.defineProperty(layoutRaw.settings, 'constructor', { value: 1, enumerable: true });
    expect(errorOf(() => parseSpec(layoutRaw)).where.path).toBe('mapping.settings.constructor');
  });

  it('reports a schema violation with its path in one sentence', () => {
    const raw = docsExampleSpec();
    (raw.nodes as Array<Record<string, unknown>>)[0].kind = 'script';
    const error = errorOf(() => parseSpec(raw));
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.where.path).toBe('mapping.nodes[0].kind');
    expect(error.message.startsWith('The mapping spec is invalid at mapping.nodes[0].kind: ')).toBe(true);
    expect(error.message.endsWith('.')).toBe(true);
  });

  it('refuses duplicate ids, dangling links and unknown value maps', () => {
    const dup = docsExampleSpec();
    (dup.nodes as Array<Record<string, unknown>>)[1].id = 'gender';
    expect(errorOf(() => parseSpec(dup)).message).toBe('The id "gender" is used twice (by a node and a node); ids must be unique.');

    const dangling = docsExampleSpec();
    (dangling.links as Array<Record<string, unknown>>)[3].to = { node: 'nowhere', port: 'in' };
    const error = errorOf(() => parseSpec(dangling));
    expect(error.code).toBe('SPEC_DANGLING_LINK');
    expect(error.message).toBe('Link "l-gender-in" points at the node "nowhere", which does not exist.');
    expect(error.where).toEqual({ path: 'mapping.links[3].to.node', link: 'l-gender-in' });

    const noMap = docsExampleSpec();
    (noMap.valueMaps as unknown[]).splice(0, 1);
    expect(errorOf(() => parseSpec(noMap)).code).toBe('SPEC_UNKNOWN_VALUE_MAP');
  });

  it('refuses unknown and newer formats, and non-objects', () => {
    const unknown = { ...docsExampleSpec(), format: 'someone-else/1' };
    const error = errorOf(() => parseSpec(unknown));
    expect(error.code).toBe('SPEC_UNKNOWN_FORMAT');
    expect(error.message).toBe('The mapping format "someone-else/1" is not a Crosswalk mapping format this engine knows (it reads crosswalk.mapping/0 to /1).');
    expect(errorOf(() => parseSpec({ ...docsExampleSpec(), format: 'crosswalk.mapping/7' })).code).toBe('SPEC_FORMAT_TOO_NEW');
    expect(errorOf(() => parseSpec([])).code).toBe('SPEC_INVALID');
  });
});

describe('migrations', () => {
  it('upgrades an unversioned draft (format 0) to the current format', () => {
    const draft = docsExampleSpec();
    delete draft.format;
    delete draft.settings;
    const spec: MappingSpec = parseSpec(draft);
    expect(spec.format).toBe('crosswalk.mapping/1');
    expect(spec.settings).toEqual({});
  });

  it('runs registered steps in order and refuses a gap', () => {
    const steps: SpecMigration[] = [
      { from: 0, description: 'adds a', up: (s) => ({ ...s, a: 1, format: 'crosswalk.mapping/1' }) },
    ];
    expect(migrateSpec({ format: 'crosswalk.mapping/0' }, steps)).toEqual({ a: 1, format: 'crosswalk.mapping/1' });
    expect(errorOf(() => migrateSpec({}, [])).code).toBe('SPEC_NO_MIGRATION');
  });
});
