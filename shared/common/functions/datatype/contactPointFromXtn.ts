import type { FunctionDefinition } from '../FunctionDefinition';
import { parseHl7Number } from '../number/parseHl7Number';
import { component } from '../util/components';
import { nonEmpty } from '../util/values';
import { period } from './period';
import { TELECOM_EQUIPMENT_TO_SYSTEM, TELECOM_USE } from './v2Vocabulary';

/** XTN.5-.8 written as one number: +1 (555) 123-4567 X89, as the IG composes value when XTN.1/.12 are empty. */
function composedNumber(xtn: unknown): string | undefined {
  const country = component(xtn, 5);
  const area = component(xtn, 6);
  const local = component(xtn, 7);
  const ext = component(xtn, 8);
  if (local === undefined) return undefined;
  let out = '';
  if (country !== undefined) out += `+${country} `;
  if (area !== undefined) out += `(${area}) `;
  out += local;
  if (ext !== undefined) out += ` X${ext}`;
  return out;
}

/**
 * Without XTN.3 the IG leaves system absent (with a data-absent-reason), but FHIR's cpt-2 says a
 * value needs a system. Pre-2.3 senders put the number in XTN.1 of a phone field with no type, so
 * a number read from XTN.1/.12/.5-.8 is a phone and an XTN.4 address alone is an email.
 */
function defaultSystem(xtn: unknown): string {
  return component(xtn, 1) === undefined && component(xtn, 12) === undefined && component(xtn, 7) === undefined && component(xtn, 4) !== undefined ? 'email' : 'phone';
}

export const contactPointFromXtn: FunctionDefinition = {
  id: 'datatype.contactPointFromXtn',
  replacedBy: 'XTN[ContactPoint]',
  category: 'datatype',
  label: 'XTN → ContactPoint',
  description: 'Builds a ContactPoint from an XTN field per the IG: XTN.3 system (PH phone, FX fax, CP phone with use mobile, BP pager, Internet/X.400 email), XTN.2 use (PRN home, WPN work, PRS mobile), value from XTN.4 for email, else XTN.12, XTN.1, or XTN.5-.8 composed (no XTN.3: phone, or email for an XTN.4 address alone, since FHIR needs a system with a value); XTN.18 rank; XTN.13/.14 period.',
  inputs: [{ name: 'xtn', type: 'v2composite', description: 'One XTN repetition (e.g. PID-13[n]).' }],
  output: { type: 'ContactPoint', description: 'The ContactPoint; no value without a number or address.' },
  examples: [
    { inputs: { xtn: ['(555)555-1234', 'PRN', 'PH'] }, output: { system: 'phone', value: '(555)555-1234', use: 'home' } },
    { inputs: { xtn: [undefined, 'NET', 'Internet', 'jo@example.org'] }, output: { system: 'email', value: 'jo@example.org' } },
    { inputs: { xtn: [undefined, 'PRN', 'CP', undefined, '1', '555', '5551234', '89', undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, '1'] }, output: { system: 'phone', value: '+1 (555) 5551234 X89', use: 'home', rank: 1 } },
    { inputs: { xtn: [undefined, undefined, 'CP', undefined, undefined, '555', '5551234'] }, output: { system: 'phone', value: '(555) 5551234', use: 'mobile' } },
    { inputs: { xtn: [undefined, 'PRN', 'PH'] }, output: undefined },
    { inputs: { xtn: '(206)3345232' }, output: { system: 'phone', value: '(206)3345232' } },
    { inputs: { xtn: ['(103)144-1441', 'P', 'H'] }, output: { system: 'other', value: '(103)144-1441' } },
  ],
  apply(inputs, _params, context) {
    const xtn = inputs.xtn;
    const equipment = component(xtn, 3);
    const isEmail = equipment === 'Internet' || equipment === 'X.400';
    const value = isEmail ? component(xtn, 4) : (component(xtn, 12) ?? component(xtn, 1) ?? composedNumber(xtn));
    if (value === undefined || value.trim() === '') return undefined;
    const useCode = component(xtn, 2);
    const rank = parseHl7Number(component(xtn, 18));
    return nonEmpty({
      // A code outside table 0202 still names some device: `other` keeps cpt-2 (a value needs a system).
      system: equipment === undefined ? defaultSystem(xtn) : (TELECOM_EQUIPMENT_TO_SYSTEM.get(equipment) ?? 'other'),
      value: value.trim(),
      use: (useCode === undefined ? undefined : TELECOM_USE.get(useCode)) ?? (equipment === 'CP' ? 'mobile' : undefined),
      rank: rank !== undefined && Number.isInteger(rank) && rank >= 1 ? rank : undefined,
      period: period(component(xtn, 13), component(xtn, 14), context),
    });
  },
};
