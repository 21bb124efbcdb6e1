import { CrosswalkError } from '../errors/CrosswalkError';

/**
 * A parsed HL7 v2 path: `SEG[occurrence]-field[repetition].component.subcomponent`, every index
 * 1-based as in the standard. An index left out is undefined: reading takes the first, getAll takes
 * every occurrence and repetition, and set replaces the whole element the path stops at.
 */
export interface Hl7Path {
  segment: string;
  occurrence?: number;
  field: number;
  repetition?: number;
  component?: number;
  subcomponent?: number;
}

function isSegmentIdChar(code: number, first: boolean): boolean {
  return (code >= 65 && code <= 90) || (!first && code >= 48 && code <= 57);
}

/** Parse `PID-5.1`, `PID-3[2].1`, `PID-3.4.2`, `OBX[2]-5[1]`, `MSH-9.2`. Throws HL7_BAD_PATH with the offending position. */
export function parsePath(text: string): Hl7Path {
  let i = 0;
  const fail = (why: string): never => {
    throw new CrosswalkError('HL7_BAD_PATH', `The path "${text}" is not a valid HL7 v2 path: ${why}.`, { path: text, offset: i });
  };
  const number = (what: string): number => {
    const start = i;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === start) fail(`expected a ${what} number at character ${start + 1}`);
    if (text.charCodeAt(start) === 48) fail(`the ${what} number at character ${start + 1} must start from 1 (indexes are 1-based)`);
    if (i - start > 6) fail(`the ${what} number at character ${start + 1} is too large`);
    return Number(text.slice(start, i));
  };
  const bracket = (what: string): number | undefined => {
    if (text[i] !== '[') return undefined;
    i++;
    const n = number(what);
    if (text[i] !== ']') fail(`expected "]" at character ${i + 1}`);
    i++;
    return n;
  };
  if (text.length < 3 || !isSegmentIdChar(text.charCodeAt(0), true) || !isSegmentIdChar(text.charCodeAt(1), false) || !isSegmentIdChar(text.charCodeAt(2), false)) {
    fail('it must start with a three-character segment id in capitals such as PID');
  }
  const path: Hl7Path = { segment: text.slice(0, 3), field: 0 };
  i = 3;
  const occurrence = bracket('segment occurrence');
  if (occurrence !== undefined) path.occurrence = occurrence;
  if (text[i] !== '-') fail(`expected "-" and a field number at character ${i + 1}`);
  i++;
  path.field = number('field');
  const repetition = bracket('repetition');
  if (repetition !== undefined) path.repetition = repetition;
  if (text[i] === '.') {
    i++;
    path.component = number('component');
    if (text[i] === '.') {
      i++;
      path.subcomponent = number('subcomponent');
    }
  }
  if (i !== text.length) fail(`unexpected "${text[i]}" at character ${i + 1}`);
  return path;
}

/** The text of a path, the inverse of parsePath. */
export function formatPath(path: Hl7Path): string {
  let out = path.segment;
  if (path.occurrence !== undefined) out += `[${path.occurrence}]`;
  out += `-${path.field}`;
  if (path.repetition !== undefined) out += `[${path.repetition}]`;
  if (path.component !== undefined) {
    out += `.${path.component}`;
    if (path.subcomponent !== undefined) out += `.${path.subcomponent}`;
  }
  return out;
}
