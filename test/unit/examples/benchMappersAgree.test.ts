import { beforeAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadBundle } from '../../../shared/common/bundle/index';
import { parseHl7 } from '../../../shared/common/hl7v2/index';
import { compileWithCatalog, executeMapping, type MappingPlan } from '../../../shared/common/mapping/index';
import { nodeSchemaCatalog } from '../../../shared/node/schema/index';
import { Random, generateAdtA01, generateOruR01 } from '../../../bench/generate/index';
import { adtA01ToFhir } from '../../../bench/handwritten/adtA01ToFhir';
import { engineIds } from '../../../bench/handwritten/engineIds';
import { compileJsonataMapper } from '../../../bench/jsonata/adtA01ToFhirJsonata';
import { readSample } from './exampleFixture';

// The mapping benchmark compares three implementations of one mapping; this keeps them one
// mapping: the compiled example bundle, the hand-written TypeScript and the JSONata expression
// give equal Bundles on generated messages (ADT^A01, and ORU^R01 content under an ADT header so
// that every OBX value type and the SN variants are exercised too).
let plan: MappingPlan;
const jsonata = compileJsonataMapper('Z');

beforeAll(async () => {
  const { spec } = loadBundle(readFileSync(path.resolve(process.cwd(), 'examples/adt-a01-to-fhir.crosswalk.json'), 'utf8'));
  ({ plan } = await compileWithCatalog(spec, nodeSchemaCatalog()));
});

/**
 * The generator sends a birth date without a time and one attending doctor; every other message
 * here gets a time of birth in PID-7 (the birthTime extension, with and without an offset) and a
 * second PV1-7 repetition, and some the first doctor a second time.
 */
function withBirthTimeAndSecondDoctor(text: string, n: number): string {
  return text.split('\r').map((segment) => {
    const fields = segment.split('|');
    if (fields[0] === 'PID' && fields[7] !== undefined) fields[7] += n % 4 === 0 ? '1426' : '142655+0130';
    // Some with an empty repetition between the two, which gives no Practitioner.
    // And some name the first doctor again: the same identifier, one Practitioner.
    if (fields[0] === 'PV1' && fields[7] !== undefined) fields[7] += `${n % 3 === 0 ? '~' : ''}~${String(100000 + n)}^Second^Doctor^^^Dr${n % 5 === 1 ? `~${fields[7]}` : ''}`;
    return fields.join('|');
  }).join('\r');
}

const rng = new Random(7);
const messages = [
  ...Array.from({ length: 40 }, (_, i) => generateAdtA01(rng, i + 1)).map((m, i) => (i % 2 === 0 ? m : withBirthTimeAndSecondDoctor(m, i))),
  ...Array.from({ length: 40 }, (_, i) => generateOruR01(rng, i + 1).replace('ORU^R01^ORU_R01', 'ADT^A01^ADT_A01')),
];

test('half of the ADT messages carry a time of birth and two attending doctors', () => {
  const adt = messages.slice(0, 40).map((m) => parseHl7(m));
  expect(adt.filter((m) => (m.get('PID-7') ?? '').length > 8).length).toBe(20);
  expect(adt.filter((m) => m.segment('PV1')?.fieldRaw(7)?.includes('~') === true).length).toBe(20);
});

test('four of the ADT messages name their first doctor twice, and map to one Practitioner for both', () => {
  const twice = messages.slice(0, 40).filter((m) => {
    const doctors = (parseHl7(m).segment('PV1')?.fieldRaw(7) ?? '').split('~');
    return doctors.length > 2 && doctors[doctors.length - 1] === doctors[0];
  });
  expect(twice).toHaveLength(4);
  for (const text of twice) {
    const bundle = executeMapping(plan, parseHl7(text)).bundle;
    const practitioners = bundle.entry.filter((e) => e.resource.resourceType === 'Practitioner').map((e) => e.fullUrl);
    const participants = (bundle.entry[1].resource.participant as Array<{ individual: { reference: string } }>).map((p) => p.individual.reference);
    expect(practitioners).toHaveLength(2);
    // PV1-7 (three repetitions), then the same first doctor as referring (PV1-8) and admitting (PV1-17) doctor.
    expect(participants).toEqual([practitioners[0], practitioners[1], practitioners[0], practitioners[0], practitioners[0]]);
  }
});

test('the generated messages use every OBX value type the mapping handles', () => {
  const types = new Set(messages.flatMap((m) => parseHl7(m).segmentsById('OBX').map((s) => s.value(2))));
  expect([...types].sort()).toEqual(['CWE', 'DT', 'NM', 'SN', 'ST']);
});

test.each(messages.map((m, i) => [i + 1, m] as const))('message %i: compiled = hand-written = JSONata', async (_n, text) => {
  const message = parseHl7(text);
  const ids = engineIds(message);
  const compiled = JSON.parse(JSON.stringify(executeMapping(plan, message).bundle)) as unknown;
  expect(adtA01ToFhir(message, { ids, defaultTimezone: 'Z' })).toEqual(compiled);
  expect(JSON.parse(JSON.stringify(await jsonata.map(message, ids)))).toEqual(compiled);
});

test('every generated ADT message has an NK1 and a DG1, which all three map', () => {
  const adt = messages.slice(0, 40).map((m) => parseHl7(m));
  expect(adt.map((m) => [m.segmentsById('NK1').length, m.segmentsById('DG1').length])).toEqual(adt.map(() => [1, 1]));
});

test('the JSONata mapper refuses a message with what it leaves to the hand-written mapper (PR1, IN1, PD1, DG1-16) rather than map part of it', async () => {
  const message = parseHl7(readSample('fhirconverter_ADT-A01-01.hl7'));
  await expect(jsonata.map(message, engineIds(message))).rejects.toMatchObject({ message: 'The JSONata mapper does not map PR1, IN1, PD1 or DG1-16.' });
});
