import { describe, expect, test } from 'vitest';
import { errorOf } from '../errors/errorOf';
import { csvColumnNames, iterateCsv, parseCsv } from './parseCsv';

describe('iterateCsv', () => {
  test('records with their lines, offsets and field columns (quoted delimiters, quotes and line breaks)', () => {
    const text = '\uFEFFid;note\r\n1;"a; ""b"""\r\n\r\n2;"two\nlines"\n3;x';
    expect([...iterateCsv(text, { delimiter: ';' })]).toEqual([
      { line: 1, offset: 1, end: 10, fields: ['id', 'note'], columns: [1, 4], lines: [1, 1] },
      { line: 2, offset: 10, end: 24, fields: ['1', 'a; "b"'], columns: [1, 3], lines: [2, 2] },
      { line: 4, offset: 26, end: 40, fields: ['2', 'two\nlines'], columns: [1, 3], lines: [4, 4] },
      { line: 6, offset: 40, end: 43, fields: ['3', 'x'], columns: [1, 3], lines: [6, 6] },
    ]);
  });

  test('a broken record is an error item with its line and column, and the next records still read', () => {
    const items = [...iterateCsv('a,b\n1,"x"y\n2,3\n4,ab"c\n5,6', { where: { file: 'in.csv' } })];
    expect(items.map((item) => (item.error ? [item.line, item.error.code, item.error.message, item.error.where] : [item.line, item.fields]))).toEqual([
      [1, ['a', 'b']],
      [2, 'CSV_INVALID', 'A quoted field on line 2 has text after its closing quote.', { file: 'in.csv', line: 2, column: 6 }],
      [3, ['2', '3']],
      [4, 'CSV_INVALID', 'A quote appears inside an unquoted field on line 4.', { file: 'in.csv', line: 4, column: 5 }],
      [5, ['5', '6']],
    ]);
  });

  test('a quoted field never closed ends the text with an error at its quote', () => {
    const items = [...iterateCsv('a,b\n1,2\n3,"open\n4,5\n')];
    expect(items).toHaveLength(3);
    expect(items[2]).toMatchObject({ line: 3, end: 20 });
    expect(items[2].error?.message).toBe('A quoted field that starts on line 3 is never closed.');
    expect(items[2].error?.where).toEqual({ line: 3, column: 3 });
    expect(errorOf(() => parseCsv('a\n"x')).code).toBe('CSV_INVALID');
  });

  test('empty trailing fields count; blank lines are no records', () => {
    expect(parseCsv('a,b,\n\n,,\n').map((row) => row.fields)).toEqual([['a', 'b', ''], ['', '', '']]);
  });
});

test('column names: trimmed, empty ones numbered by position, repeats numbered', () => {
  expect(csvColumnNames([' Code', 'Text', '', 'Code', 'Code'])).toEqual(['Code', 'Text', 'column 3', 'Code (2)', 'Code (3)']);
});
