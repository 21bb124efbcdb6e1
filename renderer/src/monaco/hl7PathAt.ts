/**
 * The HL7 v2 path (`PID-5[1].1`, `MSH-9.2`) of the character at a 0-based line and column of an
 * ER7 text, counting delimiters the way the standard does (MSH-1 is the field separator itself).
 * Used for the editor hover and to jump from a sample position to a schema field.
 */
export interface Hl7Position {
  path: string;
  segment: string;
  /** 1-based occurrence of the segment id among the lines so far. */
  occurrence: number;
  field: number;
  repetition: number;
  component: number;
  subcomponent: number;
}

export function hl7PathAt(lines: readonly string[], line: number, column: number): Hl7Position | undefined {
  const text = lines[line];
  if (text === undefined || text.length < 3) return undefined;
  const segment = text.slice(0, 3);
  if (!/^[A-Z][A-Z0-9]{2}$/.test(segment)) return undefined;
  const msh = lines.find((l) => l.startsWith('MSH'));
  const fieldSep = msh?.[3] ?? '|';
  const enc = msh ? msh.slice(4, msh.indexOf(fieldSep, 4) === -1 ? 8 : msh.indexOf(fieldSep, 4)) : '^~\\&';
  const comp = enc[0] ?? '^';
  const rep = enc[1] ?? '~';
  const esc = enc[2] ?? '\\';
  const sub = enc[3] ?? '&';
  let occurrence = 0;
  for (let i = 0; i <= line; i++) if (lines[i]?.startsWith(segment)) occurrence++;
  if (column < 3) return make(segment, occurrence, 0, 1, 1, 1);
  const isHeader = segment === 'MSH' || segment === 'FHS' || segment === 'BHS';
  let from = 3;
  let field = 0;
  if (isHeader) {
    // MSH-1 is the field separator itself and MSH-2 the encoding characters: no delimiters inside.
    if (column === 3) return make(segment, occurrence, 1, 1, 1, 1);
    if (column < 4 + enc.length) return make(segment, occurrence, 2, 1, 1, 1);
    from = 4 + enc.length;
    field = 2;
  }
  let repetition = 1;
  let component = 1;
  let subcomponent = 1;
  let escaped = false;
  for (let i = from; i < column && i < text.length; i++) {
    const ch = text[i];
    if (ch === esc) { escaped = !escaped; continue; }
    if (escaped) continue;
    if (ch === fieldSep) { field++; repetition = component = subcomponent = 1; }
    else if (ch === rep) { repetition++; component = subcomponent = 1; }
    else if (ch === comp) { component++; subcomponent = 1; }
    else if (ch === sub) subcomponent++;
  }
  if (field === 0) field = 1;
  return make(segment, occurrence, field, repetition, component, subcomponent);
}

function make(segment: string, occurrence: number, field: number, repetition: number, component: number, subcomponent: number): Hl7Position {
  const seg = occurrence > 1 ? `${segment}[${occurrence}]` : segment;
  let path = field === 0 ? seg : `${seg}-${field}`;
  if (field > 0) {
    if (repetition > 1) path += `[${repetition}]`;
    if (component > 1 || subcomponent > 1) path += `.${component}`;
    if (subcomponent > 1) path += `.${subcomponent}`;
  }
  return { path, segment, occurrence, field, repetition, component, subcomponent };
}
