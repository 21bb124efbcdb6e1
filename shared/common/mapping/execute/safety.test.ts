import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseHl7 } from '../../hl7v2';
import type { SchemaCatalog } from '../../schema/SchemaCatalog';
import { flatExampleSpec, fhirCatalog, readSample } from '../../../node/fixtures/referenceFixtures';
import { compileMapping } from '../compile/compileMapping';
import { executeMapping } from '../execute/executeMapping';
import { cleanCopy } from '../execute/writeValue';
import { parseSpec } from '../spec/parseSpec';
import type { FunctionDefinition } from '../../functions/FunctionDefinition';
import { errorOf } from '../../errors/errorOf';

let catalog: SchemaCatalog;
beforeAll(async () => {
  catalog = await fhirCatalog();
});

describe('a malicious spec cannot pollute objects or run code', () => {
  it('refuses __proto__ in a constant, in params and in value maps before anything is built', () => {
    for (const [where, json] of [
      ['nodes[4].value.__proto__', '{"id":"evil","kind":"constant","value":{"__proto__":{"isAdmin":true}}}'],
      ['nodes[4].params.__proto__', '{"id":"evil","kind":"function","functionId":"string.trim","params":{"__proto__":{"isAdmin":true}}}'],
      ['nodes[4].prototype', '{"id":"evil","kind":"constant","value":1,"prototype":{}}'],
    ] as const) {
      const raw = flatExampleSpec();
      (raw.nodes as unknown[]).push(JSON.parse(json));
      const error = errorOf(() => parseSpec(raw));
      expect(error.code).toBe('SPEC_FORBIDDEN_KEY');
      expect(error.where.path).toBe(`mapping.${where}`);
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('refuses target paths that name prototype machinery', () => {
    for (const path of ['Patient.__proto__.polluted', 'Patient.constructor', 'Patient.name.prototype']) {
      const spec = parseSpec(flatExampleSpec());
      spec.maps[0].links[2].to = { target: 'patient', path };
      const error = errorOf(() => compileMapping(spec, { elements: catalog }));
      expect(['MAP_BAD_TARGET_PATH', 'MAP_FORBIDDEN_TARGET']).toContain(error.code);
      expect(error.where.link).toBe('l-family');
    }
  });

  it('drops forbidden keys from what a function returns, so output objects keep their prototype', () => {
    const evil: FunctionDefinition = {
      id: 'test.evil', category: 'logic', label: 'evil', description: 'returns an object with a __proto__ own key',
      inputs: [], output: { type: 'object', description: '' }, examples: [],
      apply: () => JSON.parse('{"family":"X","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
    };
    const spec = parseSpec(flatExampleSpec());
    spec.maps[0].nodes.push({ id: 'evil', kind: 'function', functionId: 'test.evil' });
    spec.maps[0].links.push({ id: 'l-evil', order: 1, from: { node: 'evil', port: 'out' }, to: { target: 'patient', path: 'Patient.name' } });
    const plan = compileMapping(spec, { elements: catalog, functions: (id) => (id === 'test.evil' ? evil : undefined) });
    const text = readSample('fhirconverter_ADT-A01-01.hl7');
    const { bundle } = executeMapping(plan, parseHl7(text));
    const names = bundle.entry[0].resource.name as Array<Record<string, unknown>>;
    expect(names.map((n) => Object.getPrototypeOf(n))).toEqual([Object.prototype, Object.prototype]);
    expect(names[1]).toEqual({ family: 'X' });
    expect(Object.keys(names[1])).toEqual(['family']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(cleanCopy(JSON.parse('{"a":{"__proto__":{"b":1}},"c":1}'))).toEqual({ c: 1 });
  });

  it('message content is data: an HL7 value that looks like an expression or a key is written as text', () => {
    const spec = parseSpec(flatExampleSpec());
    const text = readSample('fhirconverter_ADT-A01-01.hl7').replace('EVERYMAN&&&&Aniston', "__proto__') or process.exit(1) or ('");
    const { bundle } = executeMapping(compileMapping(spec, { elements: catalog }), parseHl7(text));
    expect((bundle.entry[0].resource.name as Array<{ family: string }>)[0].family).toBe("__proto__') or process.exit(1) or ('");
  });

  it('the engine source never evaluates text as code', () => {
    const root = resolve(process.cwd(), 'shared/common/mapping');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(path);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      expect(source, file).not.toMatch(/\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*['"`]/);
    }
  });
});
