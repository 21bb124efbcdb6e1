import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { inferCsvSchema, inferJsonSchema } from './inferSchema';
import { parseCsv } from '../csv/parseCsv';
import type { SchemaNode } from './SchemaNode';
import { errorOf } from '../errors/errorOf';

const reference = resolve(process.cwd(), '../shared/reference');

function find(root: SchemaNode, path: string): SchemaNode {
  const walk = (node: SchemaNode): SchemaNode | undefined =>
    node.path === path ? node : (node.children ?? []).map(walk).find((hit) => hit !== undefined);
  const hit = walk(root);
  if (!hit) throw new Error(`no node ${path}`);
  return hit;
}

function brief(node: SchemaNode): string {
  return `${node.path} ${node.kind} ${node.dataType ?? '-'} ${node.min}..${node.max}`;
}

describe('schema inferred from JSON', () => {
  test('a small document: keys, arrays, value types and optionality', () => {
    const root = inferJsonSchema(JSON.stringify({
      mrn: 'A123', 'first name': 'Ann', born: '1980-02-29', admitted: '2024-01-05T10:30:00Z', weightKg: 61.5, active: true,
      visits: [{ ward: '3B', bed: 4 }, { ward: '4A', note: null }],
      allergies: [],
      tags: ['x', 'y'],
    }));
    expect(root.children?.map(brief)).toEqual([
      '$.mrn value string 1..1', '$["first name"] value string 1..1', '$.born value date 1..1', '$.admitted value dateTime 1..1',
      '$.weightKg value number 1..1', '$.active value boolean 1..1', '$.visits object - 0..*', '$.allergies value - 0..*', '$.tags value string 0..*',
    ]);
    expect(find(root, '$.visits').children?.map(brief)).toEqual(['$.visits.ward value string 1..1', '$.visits.bed value number 0..1', '$.visits.note value - 0..1']);
    expect(find(root, '$.visits')).toMatchObject({ repeating: true, hasChildren: true });
  });

  test('a decimal whose text a JavaScript number would not keep (120.0) is a number value, not an object', () => {
    const root = inferJsonSchema('{"systolic": 120.0, "pulse": 66}');
    expect(root.children?.map(brief)).toEqual(['$.systolic value number 1..1', '$.pulse value number 1..1']);
  });

  test('mixed value types are reported, not guessed', () => {
    const root = inferJsonSchema([{ v: 1 }, { v: 'one' }, { v: { n: 1 } }]);
    expect(root).toMatchObject({ path: '$', repeating: true, max: '*' });
    expect(find(root, '$.v')).toMatchObject({ kind: 'object', types: ['object', 'number', 'string'], dataType: 'any' });
  });

  test('a real FHIR Bundle from the reference samples', () => {
    const text = readFileSync(resolve(reference, 'hl7v2-samples/expected-fhir-converter/fhirconverter_ADT-A01-01-expected.json'), 'utf8');
    const root = inferJsonSchema(text, { name: 'bundle' });
    expect(root.name).toBe('bundle');
    expect(root.children?.map(brief)).toEqual([
      '$.resourceType value string 1..1', '$.type value string 1..1', '$.timestamp value dateTime 1..1',
      '$.identifier object - 1..1', '$.id value string 1..1', '$.entry object - 0..*',
    ]);
    expect(find(root, '$.entry').children?.map((n) => n.name)).toEqual(['fullUrl', 'resource', 'request']);
    expect(brief(find(root, '$.entry.resource.birthDate'))).toBe('$.entry.resource.birthDate value date 0..1');
    expect(brief(find(root, '$.entry.resource.identifier'))).toBe('$.entry.resource.identifier object - 0..*');
  });

  test('keys such as __proto__ become paths, never properties', () => {
    const root = inferJsonSchema('{"__proto__": {"polluted": 1}, "constructor": "x"}');
    expect(root.children?.map((n) => n.path)).toEqual(['$.__proto__', '$.constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('bad JSON and runaway nesting give CrosswalkErrors', () => {
    const bad = errorOf(() => inferJsonSchema('{"a": 1,\n , }'));
    expect(bad.code).toBe('JSON_INVALID');
    expect(bad.where).toEqual({ line: 2, column: 2, offset: 10 });
    expect(bad.message).toBe('The JSON is not valid at line 2, column 2: a property name in double quotes is expected here.');
    const deep = errorOf(() => inferJsonSchema(`${'['.repeat(100)}1${']'.repeat(100)}`));
    expect(deep.code).toBe('INFER_TOO_DEEP');
  });
});

describe('schema inferred from CSV', () => {
  test('header with sample rows gives column types', () => {
    const root = inferCsvSchema('MRN,Family Name,Birth Date,Weight,Active\n1001,"O\'Brien, Jr",1980-02-29,61.5,true\n1002,Smith,,70,false\n');
    expect(root).toMatchObject({ path: '$', kind: 'object', repeating: true, max: '*' });
    expect(root.children?.map(brief)).toEqual([
      '$.MRN value number 1..1', '$["Family Name"] value string 1..1', '$["Birth Date"] value date 0..1', '$.Weight value number 1..1', '$.Active value boolean 1..1',
    ]);
  });

  test('a header alone, other delimiters, quoted line breaks', () => {
    expect(inferCsvSchema('a;b;c').children?.map(brief)).toEqual(['$.a value string 0..1', '$.b value string 0..1', '$.c value string 0..1']);
    expect(parseCsv('x\t"multi\nline"\r\n1\t2', { delimiter: '\t' }).map((row) => row.fields)).toEqual([['x', 'multi\nline'], ['1', '2']]);
    expect(inferCsvSchema('x\ty\n"multi\nline"\t2').children?.map(brief)).toEqual(['$.x value string 1..1', '$.y value number 1..1']);
  });

  test('a real v2-to-FHIR IG table: header on line 2, repeated column names numbered', () => {
    const text = readFileSync(resolve(reference, 'v2-to-fhir-ig/cs_AdministrativeSex.csv'), 'utf8');
    const root = inferCsvSchema(text, { headerRow: 2 });
    expect(root.children?.map((n) => `${n.name}:${n.description}`)).toEqual([
      'Code:column 1', 'Text:column 2', 'Code System:column 3', 'Computable ANTLR:column 4', 'Computable FHIRPath:column 5',
      'Narrative:column 6', 'Code (2):column 7', 'column 8:column 8', 'Display:column 9', 'Code System (2):column 10', 'column 11:column 11', 'column 12:column 12',
    ]);
    expect(find(root, '$.Code')).toMatchObject({ dataType: 'string', min: 1 });
  });

  test('bad CSV gives CrosswalkErrors with the line', () => {
    const open = errorOf(() => inferCsvSchema('a,b\n1,"never closed\n'));
    expect(open.code).toBe('CSV_INVALID');
    expect(open.message).toBe('A quoted field that starts on line 2 is never closed.');
    expect(open.where).toEqual({ line: 2, column: 3 });
    expect(errorOf(() => inferCsvSchema(''))).toMatchObject({ code: 'CSV_NO_HEADER', message: 'The CSV has no header on line 1.' });
  });
});
