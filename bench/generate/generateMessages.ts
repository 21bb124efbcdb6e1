import { Random } from './Random';
import { ALLERGENS, CITIES, CWE_RESULTS, FAMILY_NAMES, GIVEN_NAMES, MIDDLE, NM_TESTS, ST_NOTES, STREETS, TIMEZONES } from './vocabulary';

/**
 * Realistic ADT^A01 and ORU^R01 messages for benchmarks: varied names with characters that need
 * escaping (O'Brien, `&` as `\T\`, `|` as `\F\`), several PID-3 repetitions with assigning
 * authorities in subcomponents, PV1, AL1, NK1, OBX of types NM/ST/CWE/SN/DT, timezones, and
 * `\.br\` formatting escapes. Seeded: the same seed gives the same messages.
 */

/** Escape a value for the default delimiters, and keep `\.br\` (written here as markup on purpose). */
function esc(value: string): string {
  return value
    .replace(/\\(?!\.br\\)/g, '\\E\\')
    .replace(/\|/g, '\\F\\')
    .replace(/\^/g, '\\S\\')
    .replace(/&/g, '\\T\\')
    .replace(/~/g, '\\R\\');
}

function timestamp(rng: Random, withZone = true): string {
  const y = rng.int(2019, 2025);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${y}${p(rng.int(1, 12))}${p(rng.int(1, 28))}${p(rng.int(0, 23))}${p(rng.int(0, 59))}${p(rng.int(0, 59))}${withZone ? rng.pick(TIMEZONES) : ''}`;
}

function birthDate(rng: Random): string {
  return `${rng.int(1930, 2023)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
}

function msh(rng: Random, type: string, id: number): string {
  return `MSH|^~\\&|${rng.pick(['EPIC', 'CERNER', 'MEDITECH'])}|${rng.pick(['GHH', 'UMHS', 'MGH'])}^2.16.840.1.113883.19.${rng.int(1, 99)}^ISO|CROSSWALK|RECV|${timestamp(rng)}||${type}|MSG${String(id).padStart(8, '0')}|P|2.5.1|||AL|NE|USA|UNICODE UTF-8`;
}

function pid(rng: Random): string {
  const ids = [`${rng.digits(7)}^^^GHH&2.16.840.1.113883.19.5&ISO^MR`];
  const extra = rng.int(1, 3);
  for (let i = 0; i < extra; i++) {
    ids.push(rng.pick([`${rng.digits(3)}-${rng.digits(2)}-${rng.digits(4)}^^^USSSA&2.16.840.1.113883.4.1&ISO^SS`, `${rng.digits(9)}^^^MEDICAID&2.16.840.1.113883.4.3&ISO^MA`, `A${rng.digits(8)}^^^HIE&1.2.3.4.5&ISO^PI`]));
  }
  const family = rng.pick(FAMILY_NAMES);
  const given = rng.pick(GIVEN_NAMES);
  const names = [`${esc(family)}^${esc(given)}^${rng.pick(MIDDLE)}^^${rng.pick(['Mr', 'Ms', 'Dr', ''])}^^L`];
  if (rng.chance(0.3)) names.push(`${esc(rng.pick(FAMILY_NAMES))}^${esc(given)}^^^^^M`);
  const [city, state, zip] = rng.pick(CITIES);
  const address = `${esc(rng.pick(STREETS))}^^${city}^${state}^${zip}^USA^H`;
  const phones = `^PRN^PH^^1^${rng.digits(3)}^${rng.digits(7)}~^NET^Internet^${esc(given.toLowerCase())}@example.org`;
  const sex = rng.pick(['M', 'F', 'U', 'O']);
  const race = rng.pick(['2106-3^White^CDCREC', '2054-5^Black or African American^CDCREC', '2028-9^Asian^CDCREC']);
  return `PID|1||${ids.join('~')}||${names.join('~')}|${esc(rng.pick(FAMILY_NAMES))}^${esc(rng.pick(GIVEN_NAMES))}|${birthDate(rng)}|${sex}||${race}|${address}||${phones}|||${rng.pick(['M^Married^HL70002', 'S^Single^HL70002', ''])}||${rng.digits(10)}^^^GHH^AN|||N^Not Hispanic or Latino^HL70189`;
}

function pv1(rng: Random): string {
  const doctor = `${rng.digits(6)}^${esc(rng.pick(FAMILY_NAMES))}^${esc(rng.pick(GIVEN_NAMES))}^^^Dr^MD^^NPI&2.16.840.1.113883.4.6&ISO^L^^^NPI`;
  return `PV1|1|${rng.pick(['I', 'E', 'O'])}|${rng.pick(['4EAST', 'ICU', 'ER'])}^${rng.int(100, 499)}^${rng.pick(['A', 'B'])}^GHH^^^^^${esc('North Wing & Annex')}|${rng.pick(['E', 'U', 'R'])}|||${doctor}|${doctor}||MED||||${rng.pick(['1', '7'])}|||${doctor}|IN||||||||||||||||||||||||||${timestamp(rng)}`;
}

export function generateAdtA01(rng: Random, id: number): string {
  const segments = [msh(rng, 'ADT^A01^ADT_A01', id), `EVN|A01|${timestamp(rng)}|||${rng.digits(5)}^${esc(rng.pick(FAMILY_NAMES))}^${esc(rng.pick(GIVEN_NAMES))}`, pid(rng)];
  segments.push(`NK1|1|${esc(rng.pick(FAMILY_NAMES))}^${esc(rng.pick(GIVEN_NAMES))}|${rng.pick(['SPO^Spouse^HL70063', 'MTH^Mother^HL70063', 'FTH^Father^HL70063'])}|${esc(rng.pick(STREETS))}^^Boston^MA^02115|^PRN^PH^^1^617^${rng.digits(7)}`);
  segments.push(pv1(rng));
  const allergies = rng.int(0, 3);
  for (let i = 1; i <= allergies; i++) {
    const [code, text, system] = rng.pick(ALLERGENS);
    segments.push(`AL1|${i}|DA^Drug allergy^HL70127|${code}^${text}^${system}|${rng.pick(['SV^Severe', 'MO^Moderate', 'MI^Mild'])}|${esc(rng.pick(['Hives', 'Rash & itching', 'Anaphylaxis']))}|${birthDate(rng)}`);
  }
  segments.push(`DG1|1||I10^Essential (primary) hypertension^I10|||A|||||||||1`);
  return segments.join('\r') + '\r';
}

/**
 * A generated ADT^A01 whose PID-3 holds `count` identifiers, `ID1` … `ID<count>` (MR, assigned by
 * GHH with its OID), for timing a field with very many repetitions.
 */
export function generateAdtA01WithIdentifiers(rng: Random, id: number, count: number): string {
  const ids = new Array<string>(count);
  for (let i = 0; i < count; i++) ids[i] = `ID${i + 1}^^^GHH&2.16.840.1.113883.19.5&ISO^MR`;
  const segments = generateAdtA01(rng, id).split('\r');
  const at = segments.findIndex((segment) => segment.startsWith('PID|'));
  const fields = segments[at].split('|');
  fields[3] = ids.join('~');
  segments[at] = fields.join('|');
  return segments.join('\r');
}

/** One result; OBX-4 (sub-ID) is its set id, as senders tell apart two results of one code in an order. */
function obx(rng: Random, setId: number): string {
  const status = rng.pick(['F', 'P', 'C']);
  const observed = timestamp(rng);
  switch (rng.pick(['NM', 'NM', 'NM', 'ST', 'CWE', 'SN', 'DT'])) {
    case 'NM': {
      const [code, text, unit, low, high] = rng.pick(NM_TESTS);
      const value = (low + rng.next() * (high - low) * 1.3).toFixed(1);
      const flag = Number(value) > high ? 'H' : Number(value) < low ? 'L' : 'N';
      return `OBX|${setId}|NM|${code}^${text}^LN|${setId}|${value}|${unit}^${unit}^UCUM|${low}-${high}|${flag}|||${status}|||${observed}`;
    }
    case 'ST':
      return `OBX|${setId}|ST|8251-1^Service comment^LN|${setId}|${esc(rng.pick(ST_NOTES))}||||||${status}|||${observed}`;
    case 'CWE': {
      const [code, text, system] = rng.pick(CWE_RESULTS);
      return `OBX|${setId}|CWE|600-7^Bacteria identified in Blood by Culture^LN|${setId}|${code}^${text}^${system}^^^^20230301||||||${status}|||${observed}`;
    }
    case 'SN':
      return `OBX|${setId}|SN|5902-2^Prothrombin time (PT)^LN|${setId}|${rng.pick(['>', '<', '', '<='])}^${rng.int(1, 200)}${rng.chance(0.3) ? `^:^${rng.int(1, 9)}` : ''}|s^second^UCUM|11-13.5|${rng.pick(['H', 'N'])}|||${status}|||${observed}`;
    default:
      return `OBX|${setId}|DT|29769-7^Date vaccine information statement presented^LN|${setId}|${birthDate(rng)}||||||${status}|||${observed}`;
  }
}

export function generateOruR01(rng: Random, id: number): string {
  const order = rng.digits(8);
  const segments = [msh(rng, 'ORU^R01^ORU_R01', id), pid(rng), pv1(rng)];
  segments.push(`ORC|RE|${order}^GHH|F${order}^LAB||CM||||${timestamp(rng)}`);
  segments.push(`OBR|1|${order}^GHH|F${order}^LAB|${rng.pick(['58410-2^CBC panel - Blood by Automated count^LN', '24323-8^Comprehensive metabolic panel^LN'])}|||${timestamp(rng)}|||||||||${rng.digits(6)}^${esc(rng.pick(FAMILY_NAMES))}^${esc(rng.pick(GIVEN_NAMES))}||||||${timestamp(rng)}|||F`);
  const results = rng.int(3, 12);
  for (let i = 1; i <= results; i++) {
    segments.push(obx(rng, i));
    if (rng.chance(0.15)) segments.push(`NTE|${i}|L|${esc(rng.pick(ST_NOTES))}`);
  }
  segments.push(`SPM|1|${order}&GHH||119297000^Blood specimen^SCT|||||||||||||${timestamp(rng)}`);
  return segments.join('\r') + '\r';
}

/** count messages, alternating ADT^A01 and ORU^R01. */
export function generateMessages(count: number, seed = 20240601): string[] {
  const rng = new Random(seed);
  const out: string[] = new Array(count);
  for (let i = 0; i < count; i++) out[i] = i % 2 === 0 ? generateAdtA01(rng, i + 1) : generateOruR01(rng, i + 1);
  return out;
}
