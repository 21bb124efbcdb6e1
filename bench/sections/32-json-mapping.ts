/**
 * The engine on JSON and CSV inputs, with the home blood-pressure example
 * (examples/home-blood-pressure-to-fhir.crosswalk.json) and its CSV variant: read (the input
 * reader: JSON.parse or the CSV reader) → map (trace off) → JSON text, as the runtime does per
 * message. Beside it the floor of the same bytes: JSON.parse of each input and JSON.stringify of
 * its output alone. Generated, seeded readings (a week of two readings a day per export).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchSection, BenchTable } from '../BenchSection';
import { measureInterleaved } from '../measure';
import { Random } from '../generate/index';
import { loadBundle } from '../../shared/common/bundle/index';
import { compileWithCatalog, executeMapping, readInputs, type InputItem } from '../../shared/common/mapping/index';
import { nodeSchemaCatalog } from '../../shared/node/schema/index';
import { buildHomeBloodPressureCsv } from '../../examples/src/homeBloodPressure';

const COUNT = Number(process.env.BENCH_JSON_MESSAGES ?? 2000);
const BUNDLE = fileURLToPath(new URL('../../examples/home-blood-pressure-to-fhir.crosswalk.json', import.meta.url));
const CSV_SAMPLE = fileURLToPath(new URL('../../examples/samples/home-blood-pressure/week-mmhg.csv', import.meta.url));

interface Reading { measuredAt: string; systolic: number; diastolic: number; pulse?: number; unit: string; arm: string; irregularHeartbeat: boolean }

function readings(rng: Random, day0: number): Reading[] {
  const out: Reading[] = [];
  for (let d = 0; d < 7; d++) {
    for (const hour of [7, 21]) {
      const day = String(1 + ((day0 + d) % 28)).padStart(2, '0');
      const reading: Reading = {
        measuredAt: `2026-03-${day}T${String(hour).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00+01:00`,
        systolic: rng.int(105, 165), diastolic: rng.int(62, 102), unit: 'mmHg', arm: rng.chance(0.9) ? 'left' : 'right', irregularHeartbeat: rng.chance(0.05),
      };
      if (rng.chance(0.9)) reading.pulse = rng.int(52, 96);
      out.push(reading);
    }
  }
  return out;
}

const section: BenchSection = {
  name: 'Mapping engine on JSON and CSV inputs (home blood pressure)',
  async run(): Promise<BenchTable[]> {
    const catalog = nodeSchemaCatalog();
    const json = await compileWithCatalog(loadBundle(readFileSync(BUNDLE, 'utf8')).spec, catalog);
    const csv = await compileWithCatalog(buildHomeBloodPressureCsv(readFileSync(CSV_SAMPLE, 'utf8')), catalog);
    const rng = new Random(20261207);
    const exports = Array.from({ length: COUNT }, (_, i) => ({
      exportedAt: '2026-03-08T20:15:03+01:00', patientId: `K-${String(1000000 + i).padStart(7, '0')}`,
      device: { manufacturer: 'OMRON HEALTHCARE', model: 'HEM-7361T', serialNumber: String(20231100000 + i) }, readings: readings(rng, i),
    }));
    const ndjson = exports.map((e) => JSON.stringify(e)).join('\n');
    const header = 'patientId,manufacturer,model,serialNumber,measuredAt,systolic,diastolic,pulse,unit,arm,irregularHeartbeat';
    const csvText = [header, ...exports.flatMap((e) => e.readings.map((r) => [e.patientId, e.device.manufacturer, e.device.model, e.device.serialNumber, r.measuredAt, r.systolic, r.diastolic, r.pulse ?? '', r.unit, r.arm, r.irregularHeartbeat].join(',')))].join('\n');
    const rows = exports.reduce((n, e) => n + e.readings.length, 0);

    const mapAll = (compiled: typeof json, items: Iterable<InputItem>): number => {
      let chars = 0;
      for (const item of items) {
        if (item.error !== undefined) throw item.error;
        chars += JSON.stringify(executeMapping(compiled.plan, item.input).bundle).length;
      }
      return chars;
    };
    const lines = ndjson.split('\n');
    const outputs = lines.map((line) => executeMapping(json.plan, [...readInputs(json.input, line)][0].input as never).bundle);
    const runs = measureInterleaved([
      () => mapAll(json, readInputs(json.input, ndjson, { ndjson: true })),
      () => mapAll(csv, readInputs(csv.input, csvText)),
      () => lines.reduce((n, line, i) => n + Object.keys(JSON.parse(line) as object).length + JSON.stringify(outputs[i]).length, 0),
    ], { warmup: 2, repeats: 5 });
    const perSecond = (count: number, ms: number): string => Math.round((count * 1000) / ms).toLocaleString('en-US');
    return [{
      title: `${COUNT.toLocaleString('en-US')} exports of 14 readings (${rows.toLocaleString('en-US')} readings), read → map → JSON text (median of 5, interleaved)`,
      columns: ['input', 'ms', 'messages/s', 'readings/s', 'output'],
      rows: [
        ['NDJSON, one export per line', runs[0].medianMs.toFixed(0), perSecond(COUNT, runs[0].medianMs), perSecond(rows, runs[0].medianMs), `${((runs[0].result as number) / 1e6).toFixed(1)}M chars`],
        ['CSV, one reading per row', runs[1].medianMs.toFixed(0), perSecond(rows, runs[1].medianMs), perSecond(rows, runs[1].medianMs), `${((runs[1].result as number) / 1e6).toFixed(1)}M chars`],
        ['floor: JSON.parse input + JSON.stringify output only', runs[2].medianMs.toFixed(0), perSecond(COUNT, runs[2].medianMs), perSecond(rows, runs[2].medianMs), ''],
      ],
      notes: [`NDJSON mapping / floor = ${(runs[0].medianMs / runs[2].medianMs).toFixed(2)}×`],
    }];
  },
};

export default section;
