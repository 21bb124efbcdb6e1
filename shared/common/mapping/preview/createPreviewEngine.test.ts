import { describe, expect, it } from 'vitest';
import { nodeSchemaCatalog } from '../../../node/schema';
import { buildSpec, MapBuilder } from '../build/MapBuilder';
import { createPreviewEngine } from './createPreviewEngine';

// The one preview pipeline on a CSV source: the sample is a file, its first row is what the analyst sees.
const csv = 'patientId,systolic\nK-1,128\nK-2,131\n';
function csvSpec(sample: string) {
  const m = new MapBuilder('Rows', 'message', { standard: 'csv', sample });
  m.target('obs', 'Observation');
  m.set('Observation.value[x]:valueQuantity.value', m.src('$.systolic'));
  m.set('Observation.subject.identifier.value', m.src('$.patientId'));
  return buildSpec([m.build()], [], {});
}

describe('createPreviewEngine on CSV', () => {
  const preview = createPreviewEngine({ catalog: nodeSchemaCatalog() });

  it('maps the first row of the sample, traced to its row and column', async () => {
    const outcome = await preview(csvSpec(csv), csv, { trace: true });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.output.entry.map((e) => e.resource)).toEqual([{ resourceType: 'Observation', valueQuantity: { value: 128 }, subject: { identifier: { value: 'K-1' } } }]);
    expect(outcome.trace?.map((t) => t.sources)).toEqual([[{ path: '$.patientId', value: 'K-1', row: 2, column: 1 }], [{ path: '$.systolic', value: 128, row: 2, column: 2 }]]);
  });

  it('a row that does not read is the parse stage\'s error with its line and column; a broken sample in the spec is the spec\'s', async () => {
    expect(await preview(csvSpec(csv), 'patientId,systolic\nK-1,"12"8\n')).toEqual({
      ok: false, stage: 'parse', error: { code: 'CSV_INVALID', message: 'A quoted field on line 2 has text after its closing quote.', where: { line: 2, column: 9 } },
    });
    expect(await preview(csvSpec('patientId,systolic\n"K-1'), csv)).toMatchObject({ ok: false, stage: 'spec', error: { code: 'SPEC_BAD_SAMPLE', where: { line: 2, column: 1 } } });
  });
});
