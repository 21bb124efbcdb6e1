import { component } from '../util/components';
import { compact } from '../util/values';
import { codingSystemUri } from './codingSystems';

export interface Coding { system?: string; version?: string; code?: string; display?: string }
export interface CodeableConcept { coding?: Coding[]; text?: string }

/**
 * The coding of one CWE triplet (code, text, system name) plus its version component, per the
 * IG's CWE[CodeableConcept] map: triplet 1 = CWE.1-.3 (+.7), 2 = .4-.6 (+.8), 3 = .10-.12 (+.13).
 * A system name with no known URI is left out rather than written as a non-URI.
 */
export function cweTriplet(cwe: unknown, triplet: 1 | 2 | 3): Coding | undefined {
  const [c, d, s, v] = triplet === 1 ? [1, 2, 3, 7] : triplet === 2 ? [4, 5, 6, 8] : [10, 11, 12, 13];
  const code = component(cwe, c)?.trim();
  const display = component(cwe, d);
  if (code === undefined && display === undefined) return undefined;
  const system = codingSystemUri(component(cwe, s));
  return compact<Coding>({ system, version: component(cwe, v), code: code === '' ? undefined : code, display });
}

/** CWE/CE → CodeableConcept: up to three codings, CWE.9 original text → text. */
export function cweToCodeableConcept(cwe: unknown): CodeableConcept | undefined {
  const coding = ([1, 2, 3] as const).map((t) => cweTriplet(cwe, t)).filter((c): c is Coding => c !== undefined && c.code !== undefined);
  const text = component(cwe, 9);
  if (coding.length === 0 && text === undefined) {
    // A CWE with only a display (no code) still says something: keep it as text.
    const display = component(cwe, 2);
    return display === undefined ? undefined : { text: display };
  }
  return compact<CodeableConcept>({ coding, text });
}
