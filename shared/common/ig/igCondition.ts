import { parseExpression } from '../mapping/expression/parseExpression';

/** Where an IG condition is read: the element of its row, and whether paths are fields (`PID-7`) or components (`CX.4`). */
export interface IgConditionContext {
  /** The row's own element, which `IF NOT VALUED` speaks of (`RXA-20`, `HD.3`). */
  self: string;
  /** In a data type map, its type (`HD`): the IG writes `HD-3` there for `HD.3`. */
  datatype?: string;
  /** In a segment map, the data type of the row's field (`CX`): the IG writes `CX.5` there for the field's component 5. */
  selfType?: string;
}

export type IgConditionResult = { expression: string } | { reason: string };

/**
 * An element as the IG writes it, as the map reads it: `HD-3` is `HD.3` in a data type map; in a
 * segment map `ORC.1` is `ORC-1` and `CX.5` (the row field's own type) its component 5. Undefined
 * for an element the map cannot read.
 */
export function normalizeIgPath(path: string, context: IgConditionContext): string | undefined {
  const name = /^[A-Z][A-Z0-9]{1,2}(?=[-.]\d)/.exec(path)?.[0];
  if (name === undefined) return undefined;
  const rest = path.slice(name.length + 1);
  if (context.datatype !== undefined) return name === context.datatype ? `${name}.${rest}` : undefined;
  if (name === context.selfType && /^[A-Z][A-Z0-9]{2}-\d+$/.test(context.self)) return `${context.self}.${rest}`;
  return name.length === 3 ? `${name}-${rest}` : undefined;
}

/**
 * The parts of an IG assignment that joins text (`"urn:oid:"+HD.2`, `OBX-5.1+"-"+OBX-5.2`, and
 * `RP.3"/"RP.4` where the IG left out a `+`), or undefined for any other computed value.
 */
export function igConcatenation(text: string, context: IgConditionContext): Array<{ text: string } | { path: string }> | undefined {
  const parts: Array<{ text: string } | { path: string }> = [];
  let rest = text.trim();
  while (rest.length > 0) {
    const quoted = /^"([^"]*)"/.exec(rest);
    const path = /^[A-Z][A-Z0-9]{1,2}[-.]\d+(\.\d+)*/.exec(rest);
    if (quoted) parts.push({ text: quoted[1] });
    else if (path) {
      const read = normalizeIgPath(path[0], context);
      if (read === undefined) return undefined;
      parts.push({ path: read });
    } else return undefined;
    rest = rest.slice((quoted ?? path as RegExpExecArray)[0].length).replace(/^\s*\+?\s*/, '');
  }
  return parts.some((p) => 'path' in p) ? parts : undefined;
}

type Token =
  | { kind: 'path'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'word'; text: string }
  | { kind: 'op'; text: '=' | '>' | '<' | '>=' | '<=' | '!=' }
  | { kind: 'punct'; text: '(' | ')' | ',' };

class Unreadable extends Error {}

const PATH = /^[A-Z][A-Z0-9]{1,2}(?:[-.]\d+)(?:\.\d+)*/;
const WORD = /^[A-Za-z][A-Za-z.]*/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    const space = /^\s+/.exec(rest);
    if (space) {
      rest = rest.slice(space[0].length);
      continue;
    }
    const path = PATH.exec(rest);
    if (path && !/^[A-Za-z]/.test(rest.slice(path[0].length))) {
      tokens.push({ kind: 'path', text: path[0] });
      rest = rest.slice(path[0].length);
      continue;
    }
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      const end = rest.indexOf(quote, 1);
      if (end < 0) throw new Unreadable('a quoted value is not closed');
      tokens.push({ kind: 'string', text: rest.slice(1, end) });
      rest = rest.slice(end + 1);
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]) });
      rest = rest.slice(number[0].length);
      continue;
    }
    const op = /^(>=|<=|!=|=|>|<)/.exec(rest);
    if (op) {
      tokens.push({ kind: 'op', text: op[0] as '=' });
      rest = rest.slice(op[0].length);
      continue;
    }
    if (rest[0] === '(' || rest[0] === ')' || rest[0] === ',') {
      tokens.push({ kind: 'punct', text: rest[0] });
      rest = rest.slice(1);
      continue;
    }
    const word = WORD.exec(rest);
    if (word) {
      tokens.push({ kind: 'word', text: word[0].toUpperCase() });
      rest = rest.slice(word[0].length);
      continue;
    }
    throw new Unreadable(`it has "${rest[0]}" where a word or value is expected`);
  }
  return tokens;
}

/** A condition before its test is known: `PID-33 AND PID-34 VALUED` gives both paths the one test. */
type Node =
  | { kind: 'test'; path: string; test: ((path: string) => string) | undefined }
  | { kind: 'and' | 'or'; parts: Node[] }
  | { kind: 'not'; part: Node };

const quote = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * Reads a condition of the IG's "Computable ANTLR" column (`IF PID-7 LENGTH GREATER THAN 8`,
 * `IF OBX-2 IN ("ST", "FT", "TX")`, `IF PID-33 AND PID-34 VALUED`, `IF NOT VALUED AND RXA-21 NOT
 * EQUALS "D"`) as an expression of the mapping language, or says why it cannot. The column is
 * informal: keywords in any case, `VALUE` for `VALUED`, a repeated `IF` after `AND`, a test
 * shared by paths joined with `AND`/`OR`, and an unclosed parenthesis at the end are read as
 * meant; anything else (a URL, an unknown word, a missing operator) is refused, so the row becomes
 * a note with the IG's words. Repetition counts compare with 1 only (`LST.COUNT GREATER THAN 1`
 * is "a second repetition is valued").
 */
export function translateIgCondition(text: string, context: IgConditionContext): IgConditionResult {
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch (error) {
    return { reason: `the condition cannot be read: ${(error as Error).message}` };
  }
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isWord = (t: Token | undefined, ...words: string[]): boolean => t?.kind === 'word' && words.includes(t.text);
  const take = (...words: string[]): boolean => {
    if (!isWord(peek(), ...words)) return false;
    pos++;
    return true;
  };
  const normalize = (path: string): string => {
    const read = normalizeIgPath(path, context);
    if (read === undefined) throw new Unreadable(context.datatype !== undefined ? `${path} is not a component of ${context.datatype}` : `${path} is not an element of a segment`);
    return read;
  };

  const literal = (): string => {
    const t = tokens[pos++];
    if (t?.kind === 'string') return quote(t.text);
    if (t?.kind === 'number') return String(t.value);
    if (t?.kind === 'path') return normalize(t.text);
    throw new Unreadable('a comparison has no value to compare with');
  };
  const list = (): string[] => {
    const open = tokens[pos++];
    if (open?.kind !== 'punct' || open.text !== '(') throw new Unreadable('IN is not followed by a list in parentheses');
    const values: string[] = [];
    for (;;) {
      values.push(literal());
      const sep = tokens[pos++];
      if (sep?.kind === 'punct' && sep.text === ')') return values;
      if (sep?.kind !== 'punct' || sep.text !== ',') throw new Unreadable('a list of values is not separated by commas');
    }
  };
  const count = (path: string): ((p: string) => string) => {
    // LST.COUNT / COUNT, then EQUALS 1, GREATER THAN 1, LESS THAN OR EQUALS 1, =1, >1.
    let op: string;
    if (take('EQUALS')) op = '=';
    else if (take('GREATER')) {
      if (!take('THAN')) throw new Unreadable('GREATER is not followed by THAN');
      op = '>';
    } else if (take('LESS')) {
      if (!take('THAN')) throw new Unreadable('LESS is not followed by THAN');
      op = take('OR') ? (take('EQUALS', 'EQUAL') ? '<=' : '?') : '<';
    } else if (peek()?.kind === 'op') op = (tokens[pos++] as { text: string }).text;
    else throw new Unreadable('a count is not compared');
    const n = tokens[pos++];
    if (n?.kind !== 'number' || n.value !== 1) throw new Unreadable('a repetition count is compared with another number than 1');
    const second = `${path}[2]`;
    switch (op) {
      case '=': return () => `(${path}[1] != null and ${second} = null)`;
      case '>': return () => `${second} != null`;
      case '<=': return () => `${second} = null`;
      default: throw new Unreadable('a repetition count is compared in a way this reader does not know');
    }
  };

  /** The test after a path (or after nothing: the row's own element), or undefined when the path stands alone. */
  const testOf = (path: string): ((p: string) => string) | undefined => {
    const t = peek();
    if (t === undefined || isWord(t, 'AND', 'OR') || (t.kind === 'punct' && t.text === ')')) return undefined;
    if (isWord(t, 'LST.COUNT', 'COUNT')) {
      pos++;
      return count(path);
    }
    if (take('LENGTH')) {
      if (!take('GREATER') || !take('THAN')) throw new Unreadable('LENGTH is not followed by GREATER THAN');
      const n = tokens[pos++];
      if (n?.kind !== 'number') throw new Unreadable('LENGTH GREATER THAN is not followed by a number');
      return (p) => `string.length(${p}) > ${n.value}`;
    }
    if (take('DOES')) {
      if (!take('NOT') || !take('EXIST')) throw new Unreadable('DOES is not followed by NOT EXIST');
      return (p) => `${p} = null`;
    }
    take('IS');
    if (take('EMPTY')) return (p) => `${p} = null`;
    const negated = take('NOT');
    if (take('VALUED', 'VALUE')) {
      const valued: (p: string) => string = (p) => `${p} ${negated ? '=' : '!='} null`;
      // `PID-11.9 IS VALUED NOT EQUAL PID-12`: valued, and different from another element.
      if (isWord(peek(), 'NOT') && isWord(tokens[pos + 1], 'EQUAL', 'EQUALS')) {
        pos += 2;
        take('TO');
        const other = literal();
        return (p) => `${valued(p)} and ${p} != ${other}`;
      }
      return valued;
    }
    if (take('IN')) {
      const values = list();
      const any = (p: string): string => `(${values.map((v) => `${p} = ${v}`).join(' or ')})`;
      return negated ? (p) => `not ${any(p)}` : any;
    }
    let op: string | undefined;
    if (take('EQUALS', 'EQUAL')) {
      take('TO');
      op = negated ? '!=' : '=';
    } else if (peek()?.kind === 'op') {
      const symbol = (tokens[pos++] as { text: string }).text;
      op = negated ? (symbol === '=' ? '!=' : undefined) : symbol;
    } else if (peek()?.kind === 'string') op = negated ? '!=' : '='; // `IS "X"`, `NOT "U"`
    if (op === undefined) throw new Unreadable(`"${describe(peek())}" does not start a test the reader knows`);
    const value = literal();
    return (p) => `${p} ${op} ${value}`;
  };

  const describe = (t: Token | undefined): string => {
    if (t === undefined) return 'the end';
    if (t.kind === 'number') return String(t.value);
    return t.text;
  };

  const operand = (): Node => {
    take('IF');
    if (take('NOT') ) {
      // `NOT VALUED`, `NOT IN (…)`, `NOT EQUAL TO "="` speak of the row's own element.
      pos--;
      if (isWord(tokens[pos + 1], 'VALUED', 'VALUE', 'IN', 'EQUAL', 'EQUALS') || tokens[pos + 1]?.kind === 'string') {
        return { kind: 'test', path: normalize(context.self), test: testOf(normalize(context.self)) };
      }
      pos++;
      return { kind: 'not', part: operand() };
    }
    const t = peek();
    if (t?.kind === 'punct' && t.text === '(') {
      pos++;
      const inner = disjunction();
      const close = peek();
      if (close?.kind === 'punct' && close.text === ')') pos++;
      else if (close !== undefined) throw new Unreadable('a parenthesis is not closed');
      return inner;
    }
    if (isWord(t, 'VALUED', 'VALUE', 'IN', 'EQUALS', 'IS')) {
      return { kind: 'test', path: normalize(context.self), test: testOf(normalize(context.self)) };
    }
    if (t?.kind !== 'path') throw new Unreadable(`"${describe(t)}" is not an element such as PID-8`);
    pos++;
    const path = normalize(t.text);
    return { kind: 'test', path, test: testOf(path) };
  };

  const joined = (kind: 'and' | 'or', next: () => Node): Node => {
    const parts = [next()];
    while (isWord(peek(), kind.toUpperCase())) {
      pos++;
      parts.push(next());
    }
    return parts.length === 1 ? parts[0] : { kind, parts };
  };
  const conjunction = (): Node => joined('and', operand);
  const disjunction = (): Node => joined('or', conjunction);

  /** Fills each bare path with the test of the next test in its list (`A AND B VALUED`). */
  const spread = (node: Node): void => {
    if (node.kind === 'not') return spread(node.part);
    if (node.kind === 'test') return;
    let pending: Array<{ kind: 'test'; path: string; test: ((p: string) => string) | undefined }> = [];
    for (const part of node.parts) {
      spread(part);
      if (part.kind === 'test' && part.test === undefined) pending.push(part);
      else if (part.kind === 'test') {
        for (const bare of pending) bare.test = part.test;
        pending = [];
      }
    }
  };
  const write = (node: Node, top = false): string => {
    if (node.kind === 'not') return `not (${write(node.part, true)})`;
    if (node.kind === 'test') {
      if (node.test === undefined) throw new Unreadable(`${node.path} is not tested for anything`);
      return node.test(node.path);
    }
    const text = node.parts.map((p) => write(p)).join(` ${node.kind} `);
    return top ? text : `(${text})`;
  };

  try {
    const tree = disjunction();
    if (pos < tokens.length) throw new Unreadable(`it goes on after the condition with "${describe(peek())}"`);
    spread(tree);
    const expression = write(tree, true);
    parseExpression(expression);
    return { expression };
  } catch (error) {
    if (error instanceof Unreadable) return { reason: `the condition cannot be read: ${error.message}` };
    return { reason: 'the condition does not translate to an expression the engine can run' };
  }
}
