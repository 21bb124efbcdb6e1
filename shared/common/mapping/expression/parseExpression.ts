import { CrosswalkError, type ErrorLocation } from '../../errors/CrosswalkError';
import type { CompareOp, ExpressionNode } from './ExpressionAst';

type Token =
  | { type: 'string'; value: string; column: number }
  | { type: 'number'; value: number; column: number }
  | { type: 'path'; value: string; column: number }
  | { type: 'name'; value: string; column: number }
  | { type: 'input'; column: number }
  | { type: 'op'; value: CompareOp; column: number }
  | { type: 'punct'; value: '(' | ')' | ','; column: number }
  | { type: 'end'; column: number };

const MAX_LENGTH = 4000;
const MAX_DEPTH = 64;

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isUpper = (c: string): boolean => c >= 'A' && c <= 'Z';
const isNameStart = (c: string): boolean => (c >= 'a' && c <= 'z') || isUpper(c) || c === '_';
const isNameChar = (c: string): boolean => isNameStart(c) || isDigit(c) || c === '.' || c === '-';

/**
 * Parses an expression to its syntax tree. The grammar is in docs/mapping-spec.md; every error is
 * an EXPR_SYNTAX CrosswalkError whose sentence names the 1-based column, so the studio can
 * underline it. The text is only ever read as data: nothing here or in the evaluator runs it.
 */
export function parseExpression(text: string, where: ErrorLocation = {}): ExpressionNode {
  const fail = (column: number, why: string): never => {
    throw new CrosswalkError('EXPR_SYNTAX', `The expression "${text.length > 80 ? `${text.slice(0, 77)}...` : text}" has an error at column ${column}: ${why}.`, { ...where, offset: column - 1 });
  };
  if (text.length > MAX_LENGTH) fail(MAX_LENGTH, `it is longer than ${MAX_LENGTH} characters`);
  const tokens = tokenize(text, fail);
  let pos = 0;
  let depth = 0;
  const peek = (): Token => tokens[pos];
  const next = (): Token => tokens[pos++];
  const describe = (t: Token): string => (t.type === 'end' ? 'the end of the expression' : `"${text.slice(t.column - 1, t.column - 1 + tokenLength(t))}"`);

  const expectPunct = (value: ')' | ','): void => {
    const t = next();
    if (t.type !== 'punct' || t.value !== value) fail(t.column, `expected "${value}" but found ${describe(t)}`);
  };

  const enter = (column: number): void => {
    if (++depth > MAX_DEPTH) fail(column, `it nests deeper than ${MAX_DEPTH} levels`);
  };

  function parseOr(): ExpressionNode {
    let left = parseAnd();
    for (let t = peek(); t.type === 'name' && t.value === 'or'; t = peek()) {
      next();
      left = { kind: 'or', left, right: parseAnd(), column: t.column };
    }
    return left;
  }

  function parseAnd(): ExpressionNode {
    let left = parseNot();
    for (let t = peek(); t.type === 'name' && t.value === 'and'; t = peek()) {
      next();
      left = { kind: 'and', left, right: parseNot(), column: t.column };
    }
    return left;
  }

  function parseNot(): ExpressionNode {
    const t = peek();
    if (t.type === 'name' && t.value === 'not') {
      next();
      enter(t.column);
      const operand = parseNot();
      depth--;
      return { kind: 'not', operand, column: t.column };
    }
    return parseComparison();
  }

  function parseComparison(): ExpressionNode {
    const left = parseOperand();
    const t = peek();
    if (t.type !== 'op') return left;
    next();
    const right = parseOperand();
    const after = peek();
    if (after.type === 'op') fail(after.column, 'comparisons cannot be chained; join them with "and"');
    return { kind: 'compare', op: t.value, left, right, column: t.column };
  }

  function parseOperand(): ExpressionNode {
    const t = next();
    switch (t.type) {
      case 'string':
        return { kind: 'literal', value: t.value, column: t.column };
      case 'number':
        return { kind: 'literal', value: t.value, column: t.column };
      case 'path':
        return { kind: 'path', path: t.value, column: t.column };
      case 'input':
        return { kind: 'input', column: t.column };
      case 'punct':
        if (t.value === '(') {
          enter(t.column);
          const inner = parseOr();
          expectPunct(')');
          depth--;
          return inner;
        }
        return fail(t.column, `expected a value but found ${describe(t)}`);
      case 'name': {
        if (t.value === 'true' || t.value === 'false') return { kind: 'literal', value: t.value === 'true', column: t.column };
        if (t.value === 'null') return { kind: 'literal', value: null, column: t.column };
        if (t.value === 'and' || t.value === 'or' || t.value === 'not') return fail(t.column, `expected a value but found "${t.value}"`);
        const open = peek();
        if (open.type !== 'punct' || open.value !== '(') {
          return fail(t.column, `"${t.value}" is neither a field path (such as PID-8) nor a function call (such as string.trim(PID-5.1))`);
        }
        next();
        enter(t.column);
        const args: ExpressionNode[] = [];
        const close = peek();
        if (close.type === 'punct' && close.value === ')') next();
        else {
          for (;;) {
            args.push(parseOr());
            const sep = next();
            if (sep.type === 'punct' && sep.value === ')') break;
            if (sep.type !== 'punct' || sep.value !== ',') fail(sep.column, `expected "," or ")" but found ${describe(sep)}`);
          }
        }
        depth--;
        return { kind: 'call', name: t.value, args, column: t.column };
      }
      case 'op':
        return fail(t.column, `expected a value but found "${t.value}"`);
      case 'end':
        return fail(t.column, 'the expression ends where a value is expected');
    }
  }

  const tree = parseOr();
  const last = peek();
  if (last.type !== 'end') fail(last.column, `unexpected ${describe(last)}`);
  return tree;
}

function tokenLength(t: Token): number {
  switch (t.type) {
    case 'path': case 'name': return t.value.length;
    case 'op': return t.value.length;
    case 'input': return 3;
    case 'punct': return 1;
    default: return 1;
  }
}

function tokenize(text: string, fail: (column: number, why: string) => never): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const column = i + 1;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === "'" || c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) fail(column, 'the text that starts here has no closing quote');
        const d = text[i];
        if (d === '\\') {
          const e = text[i + 1];
          if (e !== "'" && e !== '"' && e !== '\\') fail(i + 1, 'only \\\', \\" and \\\\ are escapes');
          value += e;
          i += 2;
        } else if (d === c) {
          i++;
          break;
        } else {
          value += d;
          i++;
        }
      }
      tokens.push({ type: 'string', value, column });
    } else if (isDigit(c) || (c === '-' && isDigit(text[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < text.length && isDigit(text[j])) j++;
      if (text[j] === '.' && isDigit(text[j + 1] ?? '')) {
        j++;
        while (j < text.length && isDigit(text[j])) j++;
      }
      tokens.push({ type: 'number', value: Number(text.slice(i, j)), column });
      i = j;
    } else if (c === '$') {
      if (text.startsWith('$in', i) && !isNameChar(text[i + 3] ?? ' ')) {
        tokens.push({ type: 'input', column });
        i += 3;
      } else if (!isNameChar(text[i + 1] ?? ' ') || text[i + 1] === '.') {
        // A JSON path: $, $.readings.systolic, $["first name"], $.readings[0] (the compiler checks it in detail).
        const j = jsonPathEnd(text, i);
        tokens.push({ type: 'path', value: text.slice(i, j), column });
        i = j;
      } else fail(column, 'the only variable is $in; a JSON path starts with $. or $[');
    } else if (isUpper(c) && isSegmentStart(text, i)) {
      // An HL7 path: SEG, SEG[n], SEG-f, SEG[n]-f[r].c.s (the codec checks it in detail).
      let j = i + 3;
      while (j < text.length && (isDigit(text[j]) || isUpper(text[j]) || text[j] === '[' || text[j] === ']' || text[j] === '.' || (text[j] === '-' && isDigit(text[j + 1] ?? '')))) j++;
      tokens.push({ type: 'path', value: text.slice(i, j), column });
      i = j;
    } else if (isUpper(c) && datatypePathEnd(text, i) > i) {
      // A path into a composite, as data type maps write it: CX.4.1.
      const j = datatypePathEnd(text, i);
      tokens.push({ type: 'path', value: text.slice(i, j), column });
      i = j;
    } else if (isNameStart(c)) {
      let j = i + 1;
      while (j < text.length && isNameChar(text[j])) j++;
      tokens.push({ type: 'name', value: text.slice(i, j), column });
      i = j;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: 'punct', value: c, column });
      i++;
    } else if (c === '=' ) {
      tokens.push({ type: 'op', value: '=', column });
      i++;
    } else if (c === '!' && text[i + 1] === '=') {
      tokens.push({ type: 'op', value: '!=', column });
      i += 2;
    } else if (c === '<' || c === '>') {
      const eq = text[i + 1] === '=';
      tokens.push({ type: 'op', value: (eq ? `${c}=` : c) as CompareOp, column });
      i += eq ? 2 : 1;
    } else {
      fail(column, `"${c}" is not part of the expression language`);
    }
  }
  tokens.push({ type: 'end', column: text.length + 1 });
  return tokens;
}

/** `PID`, `OBX[2]`, `PID-8`: three capitals/digits then `-`, `[` or the end of the word. */
function isSegmentStart(text: string, i: number): boolean {
  const a = text[i + 1] ?? '';
  const b = text[i + 2] ?? '';
  if (!(isUpper(a) || isDigit(a)) || !(isUpper(b) || isDigit(b))) return false;
  const after = text[i + 3] ?? '';
  return after === '-' || after === '[' || !isNameChar(after);
}

/** Where a data type path (`CX.4`, `XPN.1.1`: two to four capitals or digits, then dotted numbers) starting at i ends, or i when there is none. */
function datatypePathEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && j - i < 4 && (isUpper(text[j]) || isDigit(text[j]))) j++;
  if (j - i < 2 || text[j] !== '.' || !isDigit(text[j + 1] ?? '')) return i;
  while (j < text.length && (text[j] === '.' ? isDigit(text[j + 1] ?? '') : isDigit(text[j]))) j++;
  return isNameChar(text[j] ?? ' ') ? i : j;
}

/** Where a JSON path starting at i (`$`) ends: after its `.name` and `[...]` steps (quoted keys may hold any character). */
function jsonPathEnd(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    if (text[j] === '.') {
      j++;
      while (j < text.length && (isNameChar(text[j]) || text[j] === '$') && text[j] !== '.') j++;
    } else if (text[j] === '[') {
      j++;
      if (text[j] === '"') {
        j++;
        while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
        j++;
      }
      while (j < text.length && text[j] !== ']') j++;
      if (j < text.length) j++;
    } else return Math.min(j, text.length);
  }
}
