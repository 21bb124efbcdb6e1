import { describe, expect, it } from 'vitest';
import { errorOf } from '../../errors/errorOf';
import type { CsvFormat } from './inputFormat';
import { inputFormatOf } from './inputFormat';
import { readInputs, type InputItem } from './readInputs';
import { sourceSchemaTree } from './sourceSchema';
import { parseSpec } from '../spec/parseSpec';

/** Each item as [position, line, the value or the error's code, sentence and place]. */
function brief(items: Iterable<InputItem>): unknown[] {
  return [...items].map((item) => [item.position, item.line, item.error ? [item.error.code, item.error.message, item.error.where] : item.input && 'value' in item.input ? item.input.value : 'hl7']);
}

const csvFormat = (columns: Record<string, 'string' | 'number' | 'boolean' | 'date' | 'dateTime'>, extra: Partial<CsvFormat> = {}): CsvFormat => ({
  standard: 'csv', delimiter: ',', headerRow: 1, messages: 'row', columns: new Map(Object.entries(columns)), ...extra,
});

describe('readInputs: JSON', () => {
  it('a document is one message; its first line is where it starts', () => {
    expect(brief(readInputs({ standard: 'json' }, '\n\n  {"a": [1, true, null]}\n'))).toEqual([[1, 3, { a: [1, true, null] }]]);
  });

  it('NDJSON: one message per line; a bad line fails alone with its line and column, the others map', () => {
    const text = '{"systolic": 128}\r\n\n{"systolic": 131,}\n{"systolic": "x"\n{"systolic": 119}';
    expect(brief(readInputs({ standard: 'json' }, text, { ndjson: true, file: 'bp.ndjson' }))).toEqual([
      [1, 1, { systolic: 128 }],
      [2, 3, ['JSON_INVALID', 'The JSON is not valid at line 3, column 18: a property name in double quotes is expected here.', { file: 'bp.ndjson', line: 3, column: 18, offset: 37 }]],
      [3, 4, ['JSON_INVALID', 'The JSON is not valid at line 4, column 17: the text ends before the object is closed with "}".', { file: 'bp.ndjson', line: 4, column: 17, offset: 55 }]],
      [4, 5, { systolic: 119 }],
    ]);
    const items = [...readInputs({ standard: 'json' }, text, { ndjson: true })];
    expect(items.map((i) => text.slice(i.offset, i.end))).toEqual(['{"systolic": 128}\r\n', '{"systolic": 131,}\n', '{"systolic": "x"\n', '{"systolic": 119}']);
  });

  it('an empty NDJSON input is one error, not nothing', () => {
    expect(brief(readInputs({ standard: 'json' }, '\n \n', { ndjson: true }))).toEqual([[1, 1, ['JSON_EMPTY', 'The input holds no JSON line.', { line: 1, column: 1 }]]]);
  });
});

describe('readInputs: CSV', () => {
  it('rows typed by the schema; an empty cell is absent; columns the schema lacks are read as text', () => {
    const text = 'id;systolic;fasting;day;note\n1;128;true;2026-03-02;x\n2;;false;2026-03-03;\n';
    expect(brief(readInputs(csvFormat({ id: 'string', systolic: 'number', fasting: 'boolean', day: 'date' }, { delimiter: ';' }), text))).toEqual([
      [1, 2, { id: '1', systolic: 128, fasting: true, day: '2026-03-02', note: 'x' }],
      [2, 3, { id: '2', fasting: false, day: '2026-03-03' }],
    ]);
  });

  it('a row that breaks the file or its types fails alone with its line and column; the others map', () => {
    const text = 'id,systolic\n1,128\n2,12x\n3,"1"4\n4,130,extra\n5\n6,131\n';
    expect(brief(readInputs(csvFormat({ systolic: 'number' }), text, { file: 'bp.csv' }))).toEqual([
      [1, 2, { id: '1', systolic: 128 }],
      [2, 3, ['CSV_BAD_VALUE', 'The cell in column "systolic" on line 3 is not a number, which the source schema says the column holds.', { file: 'bp.csv', line: 3, column: 3, path: '$.systolic' }]],
      [3, 4, ['CSV_INVALID', 'A quoted field on line 4 has text after its closing quote.', { file: 'bp.csv', line: 4, column: 6 }]],
      [4, 5, ['CSV_ROW_WIDTH', 'Line 5 has 3 cells but the header has 2.', { file: 'bp.csv', line: 5, column: 7 }]],
      [5, 6, ['CSV_ROW_WIDTH', 'Line 6 has 1 cell but the header has 2.', { file: 'bp.csv', line: 6, column: 2 }]],
      [6, 7, { id: '6', systolic: 131 }],
    ]);
    const bad = [...readInputs(csvFormat({ systolic: 'number' }), text)][1].error;
    // The cell's text goes to detail (the --errors report), never into the sentence.
    expect(bad?.detail).toBe('12x');
  });

  it('the header on a later record, and the head kept for replaying a row alone', () => {
    const text = 'Home BP export\nid,systolic\n1,128\n';
    const items = [...readInputs(csvFormat({}, { headerRow: 2 }), text)];
    expect(brief(items)).toEqual([[1, 3, { id: '1', systolic: '128' }]]);
    expect(text.slice(items[0].head?.offset, items[0].head?.end) + text.slice(items[0].offset, items[0].end)).toBe('id,systolic\n1,128\n');
  });

  it('the whole input fails when its header lacks a schema column, has no header, or has no rows', () => {
    expect(brief(readInputs(csvFormat({ systolic: 'number', diastolic: 'number' }), 'id,sys\n1,2\n'))).toEqual([
      [1, 1, ['CSV_MISSING_COLUMN', 'The header has no columns "systolic", "diastolic", which the source schema has.', { line: 1, column: 1 }]],
    ]);
    expect(brief(readInputs(csvFormat({}), ''))).toEqual([[1, 1, ['CSV_NO_HEADER', 'The CSV has no header on record 1.', { line: 1, column: 1 }]]]);
    expect(brief(readInputs(csvFormat({}), 'id,x\n'))).toEqual([[1, 1, ['CSV_NO_ROWS', 'The CSV has a header but no rows.', { line: 1, column: 1 }]]]);
  });

  it('one message per file: the list of rows; one bad row fails the file', () => {
    expect(brief(readInputs(csvFormat({ n: 'number' }, { messages: 'file' }), 'n\n1\n2\n'))).toEqual([[1, 1, [{ n: 1 }, { n: 2 }]]]);
    expect(brief(readInputs(csvFormat({ n: 'number' }, { messages: 'file' }), 'n\n1\nx\n'))).toEqual([
      [1, 3, ['CSV_BAD_VALUE', 'The cell in column "n" on line 3 is not a number, which the source schema says the column holds.', { line: 3, column: 1, path: '$.n' }]],
    ]);
  });

  it('a column named __proto__ is a key of the row, never its prototype', () => {
    const [item] = [...readInputs(csvFormat({}), '__proto__,b\n{},2\n')];
    const value = (item.input as { value: Record<string, unknown> }).value;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'b']);
  });
});

describe('the input format and schema of a mapping', () => {
  const map = (schema: Record<string, unknown>) => ({ id: 'Rows', kind: 'message', sources: [{ id: 'msg', schema }], targets: [{ id: 'obs', schema: { standard: 'fhir-r4', resource: 'Observation' } }], nodes: [], links: [] });
  const spec = (schema: Record<string, unknown>) => parseSpec({ format: 'crosswalk.mapping/2', maps: [map(schema)], valueMaps: [], settings: {} });

  it('CSV: column types from the sample, then the fields the author set', () => {
    const format = inputFormatOf(spec({ standard: 'csv', sample: 'mrn,systolic,when\n0042,128,2026-03-02T07:41:00+01:00\n', delimiter: ',', fields: [{ path: '$.mrn', type: 'string' }, { path: '$.arm', type: 'string' }] }));
    expect(format).toEqual({ standard: 'csv', delimiter: ',', headerRow: 1, messages: 'row', columns: new Map([['mrn', 'string'], ['systolic', 'number'], ['when', 'dateTime'], ['arm', 'string']]) });
  });

  it('the source tree the studio shows: a JSON sample with a field retyped and one added', () => {
    const tree = sourceSchemaTree({ standard: 'json', sample: '{"readings":[{"systolic":128,"unit":"mmHg"}]}', fields: [{ path: '$.readings.systolic', type: 'string' }, { path: '$.readings.cuff.size', type: 'string' }] });
    const rows: string[] = [];
    const walk = (n: NonNullable<typeof tree>, depth: number): void => {
      rows.push(`${'  '.repeat(depth)}${n.path} ${n.kind} ${n.dataType ?? '-'} ${n.min}..${n.max}`);
      for (const c of n.children ?? []) walk(c, depth + 1);
    };
    walk(tree as NonNullable<typeof tree>, 0);
    expect(rows).toEqual([
      '$ object - 1..1',
      '  $.readings object - 0..*',
      '    $.readings.systolic value string 1..1',
      '    $.readings.unit value string 1..1',
      '    $.readings.cuff object - 0..1',
      '      $.readings.cuff.size value string 0..1',
    ]);
    expect(errorOf(() => sourceSchemaTree({ standard: 'json', fields: [{ path: '$.readings[0]', type: 'number' }] }))).toMatchObject({
      code: 'SPEC_BAD_FIELD', message: 'The field path "$.readings[0]" names an array index; a schema field names every item (write it without [n]).', where: { path: 'schema.fields[0].path' },
    });
    expect(errorOf(() => sourceSchemaTree({ standard: 'json', sample: '{"a":' }, 'maps[0].sources[0].schema'))).toMatchObject({
      code: 'SPEC_BAD_SAMPLE', message: 'The JSON sample the schema is inferred from cannot be read: the JSON is not valid at line 1, column 6: the text ends where a value is expected.', where: { path: 'maps[0].sources[0].schema.sample', line: 1, column: 6 },
    });
  });
});
