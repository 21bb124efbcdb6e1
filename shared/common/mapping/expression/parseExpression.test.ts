import { describe, expect, it } from 'vitest';
import { CrosswalkError } from '../../errors/CrosswalkError';
import { parseExpression } from './parseExpression';
import type { ExpressionNode } from './ExpressionAst';

function show(node: ExpressionNode): string {
  switch (node.kind) {
    case 'literal': return JSON.stringify(node.value);
    case 'path': return node.path;
    case 'input': return '$in';
    case 'call': return `${node.name}(${node.args.map(show).join(', ')})`;
    case 'not': return `(not ${show(node.operand)})`;
    case 'and': case 'or': return `(${show(node.left)} ${node.kind} ${show(node.right)})`;
    case 'compare': return `(${show(node.left)} ${node.op} ${show(node.right)})`;
  }
}

function errorOf(text: string): CrosswalkError {
  try {
    parseExpression(text);
  } catch (error) {
    if (error instanceof CrosswalkError) return error;
    throw error;
  }
  throw new Error('expected a CrosswalkError');
}

describe('parseExpression', () => {
  it.each([
    ["OBX-2 = 'NM'", '(OBX-2 = "NM")'],
    ["OBX-2 = 'ST' or OBX-2 = 'TX' and not PID-30 = 'Y'", '((OBX-2 = "ST") or ((OBX-2 = "TX") and (not (PID-30 = "Y"))))'],
    ["(OBX-2 = 'ST' or OBX-2 = 'TX') and $in != null", '(((OBX-2 = "ST") or (OBX-2 = "TX")) and ($in != null))'],
    ['PID-3[2].4.2 >= -1.5', '(PID-3[2].4.2 >= -1.5)'],
    ['OBX[2]-5[1] < 10', '(OBX[2]-5[1] < 10)'],
    ["string.trim(PID-5.1) = \"O'Brien\"", '(string.trim(PID-5.1) = "O\'Brien")'],
    ["logic.coalesce(PID-8, 'U')", 'logic.coalesce(PID-8, "U")'],
    ['true and not false', '(true and (not false))'],
    ["'it\\'s' = $in", '("it\'s" = $in)'],
    ['ZPI-1 = 1', '(ZPI-1 = 1)'],
    ["$.readings.unit = 'mmHg' and $in != null", '(($.readings.unit = "mmHg") and ($in != null))'],
    ['$["first name"] != null or $.readings[0].systolic>=140', '(($["first name"] != null) or ($.readings[0].systolic >= 140))'],
    ['string.trim($.patient.id)', 'string.trim($.patient.id)'],
    ['$ != null', '($ != null)'],
  ])('%s', (text, tree) => {
    expect(show(parseExpression(text))).toBe(tree);
  });

  it.each([
    ["OBX-2 = 'NM' or", 16, 'the expression ends where a value is expected'],
    ["OBX-2 == 'NM'", 8, 'expected a value but found "="'],
    ["OBX-2 = 'NM", 9, 'the text that starts here has no closing quote'],
    ['obx-2 = 1', 1, '"obx-2" is neither a field path (such as PID-8) nor a function call (such as string.trim(PID-5.1))'],
    ['PID-8 = 1 = 2', 11, 'comparisons cannot be chained; join them with "and"'],
    ['PID-8 ; 1', 7, '";" is not part of the expression language'],
    ['$x = 1', 1, 'the only variable is $in; a JSON path starts with $. or $['],
    ['(PID-8 = 1', 11, 'expected ")" but found the end of the expression'],
    ['concat(PID-8 PID-9)', 14, 'expected "," or ")" but found "PID-9"'],
  ])('%s fails at column %i', (text, column, why) => {
    const error = errorOf(text);
    expect(error.code).toBe('EXPR_SYNTAX');
    expect(error.message).toBe(`The expression "${text}" has an error at column ${column}: ${why}.`);
    expect(error.where.offset).toBe(column - 1);
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    const error = errorOf(`${'('.repeat(100)}1${')'.repeat(100)}`);
    expect(error.message).toContain('it nests deeper than 64 levels');
  });
});
