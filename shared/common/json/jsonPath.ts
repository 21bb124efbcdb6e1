import { CrosswalkError } from '../errors/CrosswalkError';

/**
 * Paths into JSON, as the inferred schema trees write them (JSONPath's dot and bracket forms):
 * `$` the whole value, `$.readings.systolic`, `$["first name"]`, `$.readings[0]` (indexes 0-based,
 * as JSONPath counts). A key step into an array steps into each of its items, so
 * `$.readings.systolic` names every reading's systolic, as the schema tree shows it.
 */
export type JsonStep = { key: string; index?: undefined } | { index: number; key?: undefined };

const NAME = /^[A-Za-z_$][\w$-]*$/;

/** `parent.key`, or `parent["key"]` when the key is not a plain name. */
export function childPath(parent: string, key: string): string {
  return NAME.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

export function formatJsonPath(steps: readonly JsonStep[]): string {
  let out = '$';
  for (const step of steps) out = step.key !== undefined ? childPath(out, step.key) : `${out}[${step.index}]`;
  return out;
}

/** Whether a source path is a JSON path (it starts at `$`), not an HL7 v2 one. */
export function isJsonPath(text: string): boolean {
  return text.charCodeAt(0) === 36;
}

/** The steps of a JSON path; JSON_PATH_INVALID names the column where it breaks. */
export function parseJsonPath(text: string): JsonStep[] {
  const fail = (at: number, why: string): never => {
    throw new CrosswalkError('JSON_PATH_INVALID', `The JSON path "${text.length > 80 ? `${text.slice(0, 77)}...` : text}" is not valid at column ${at + 1}: ${why}.`, { path: text, column: at + 1 });
  };
  if (text[0] !== '$') fail(0, 'a JSON path starts with $');
  const steps: JsonStep[] = [];
  let i = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      const m = /^[A-Za-z_$][\w$-]*/.exec(text.slice(i + 1));
      if (!m) fail(i + 1, 'a name follows "." (letters, digits, _, $ and -, not starting with a digit; write other keys as ["key"])');
      steps.push({ key: (m as RegExpExecArray)[0] });
      i += 1 + (m as RegExpExecArray)[0].length;
    } else if (c === '[') {
      if (text[i + 1] === '"') {
        let j = i + 2;
        while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
        if (j >= text.length) fail(i + 1, 'the quoted key has no closing quote');
        let key: string;
        try {
          key = JSON.parse(text.slice(i + 1, j + 1)) as string;
        } catch {
          return fail(i + 1, 'the quoted key is not a JSON string');
        }
        if (text[j + 1] !== ']') fail(j + 1, 'a quoted key is closed with "]"');
        steps.push({ key });
        i = j + 2;
      } else {
        const m = /^(0|[1-9]\d{0,8})\]/.exec(text.slice(i + 1));
        if (!m) fail(i + 1, 'brackets hold an index from 0 or a quoted key');
        steps.push({ index: Number((m as RegExpExecArray)[1]) });
        i += 1 + (m as RegExpExecArray)[0].length;
      }
    } else {
      fail(i, 'a step starts with "." or "["');
    }
  }
  return steps;
}
