import { beforeAll, describe, expect, it } from 'vitest';
import { parseHl7 } from '../../../shared/common/hl7v2';
import type { IgTables } from '../../../shared/common/ig/IgTables';
import { importIgMessage } from '../../../shared/common/ig/importIgMessage';
import { compileWithCatalog } from '../../../shared/common/mapping/compile/compileWithCatalog';
import { mapMessage } from '../../../shared/common/mapping/execute/mapMessage';
import type { SchemaCatalog } from '../../../shared/common/schema/SchemaCatalog';
import { fhirCatalog, readSample } from '../../../shared/node/fixtures/referenceFixtures';
import { nodeIgTables } from '../../../shared/node/ig/nodeIgTables';

/**
 * Each IG message map that has reference samples, imported at each sample's version (2.8 samples
 * read as 2.7.1, the latest Crosswalk has) and run with FHIR validation: what a newcomer gets from
 * "Start from the HL7 v2-to-FHIR IG" before editing anything. The outcome of every sample is pinned
 * so that a change to the importer or the engine that breaks one shows here.
 */
const RUNS: ReadonlyArray<{ message: string; version: string; sample: string; outcome: string }> = [
  { message: 'ADT_A01', version: '2.7.1', sample: 'fhirconverter_ADT-A01-01.hl7', outcome: 'valid' },
  { message: 'ADT_A01', version: '2.3', sample: 'fhirconverter_ADT01-23.hl7', outcome: 'valid' },
  { message: 'ORU_R01', version: '2.5.1', sample: 'fhirconverter_ORU-R01-01.hl7', outcome: 'valid' },
  { message: 'ORU_R01', version: '2.5.1', sample: 'fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7', outcome: 'valid' },
  { message: 'ORU_R01', version: '2.4', sample: 'fhirconverter_ORU-R01-RMGEAD.hl7', outcome: 'valid' },
  { message: 'ORU_R01', version: '2.5', sample: 'fhirconverter_LAB-ORU-1.hl7', outcome: 'valid' },
  { message: 'ORU_R01', version: '2.6', sample: 'lfh_ORU-multiline-short-mixed.hl7', outcome: 'valid' },
  { message: 'VXU_V04', version: '2.5.1', sample: 'fhirconverter_IZ_1_1.1_Admin_Child_Max_Message.hl7', outcome: 'valid' },
  { message: 'VXU_V04', version: '2.5.1', sample: 'izgateway_VXU_V04.hl7', outcome: 'valid' },
  { message: 'VXU_V04', version: '2.5.1', sample: 'lfh_VXU_PID29_partial_YYYYMM.hl7', outcome: 'valid' },
  { message: 'VXU_V04', version: '2.7.1', sample: 'fhirconverter_VXU-V04-01.hl7', outcome: 'valid' },
  // The sample's TQ1-4 is sent as 11:30:05, which is no HL7 TM: an error of the data, refused.
  { message: 'MDM_T02', version: '2.7.1', sample: 'fhirconverter_MDM-T02-01.hl7', outcome: 'DATE_INVALID TQ1[ServiceRequest] TQ1-4' },
  // The sample's ED result holds the placeholder "<Base64 encoded>" where its data should be: refused.
  { message: 'MDM_T02', version: '2.5.1', sample: 'hl7ig_MDM_T02.hl7', outcome: 'BINARY_INVALID ED[Attachment] OBX-5.5' },
  // The IG's SCH row references the Patient as Appointment.participant.actor and fills no
  // participant.status, which FHIR R4 requires: a note on the canvas says so, and the run fails.
  { message: 'SIU_S12', version: '2.7.1', sample: 'fhirconverter_SIU-S12-01.hl7', outcome: 'OUTPUT_INVALID Bundle.entry[1].resource.participant[0].status; cardinality Bundle.entry[1].resource.participant[0].status' },
];

/**
 * The samples of another version read as v2.5.1, `crosswalk new`'s default. Three v2.8 samples then
 * get no MessageHeader endpoints: they send MSH-24 and MSH-25, which v2.5.1 does not define, so the
 * IG's rows that read them are notes, while its MSH-3 and MSH-5 rows apply only when those are not
 * sent. Imported at the sample's version (`--version`), they are valid.
 */
const ENDPOINTS = 'OUTPUT_INVALID Bundle.entry[0].resource.source.endpoint; cardinality Bundle.entry[0].resource.source.endpoint; cardinality Bundle.entry[0].resource.destination[0].endpoint';
const AT_DEFAULT: ReadonlyArray<{ message: string; sample: string; outcome: string }> = [
  { message: 'ADT_A01', sample: 'fhirconverter_ADT-A01-01.hl7', outcome: ENDPOINTS },
  { message: 'ADT_A01', sample: 'fhirconverter_ADT01-23.hl7', outcome: 'valid' },
  { message: 'ORU_R01', sample: 'fhirconverter_ORU-R01-RMGEAD.hl7', outcome: 'valid' },
  { message: 'ORU_R01', sample: 'fhirconverter_LAB-ORU-1.hl7', outcome: 'valid' },
  { message: 'ORU_R01', sample: 'lfh_ORU-multiline-short-mixed.hl7', outcome: 'valid' },
  { message: 'VXU_V04', sample: 'fhirconverter_VXU-V04-01.hl7', outcome: ENDPOINTS },
  { message: 'MDM_T02', sample: 'fhirconverter_MDM-T02-01.hl7', outcome: 'DATE_INVALID TQ1[ServiceRequest] TQ1-4' },
  { message: 'SIU_S12', sample: 'fhirconverter_SIU-S12-01.hl7', outcome: `${ENDPOINTS}; cardinality Bundle.entry[1].resource.participant[0].status` },
];

let tables: IgTables;
let catalog: SchemaCatalog;
beforeAll(async () => {
  tables = await nodeIgTables();
  catalog = await fhirCatalog();
});

/** "valid", or the error's code and, for an invalid output, each issue's code and path. */
async function outcomeOf(message: string, version: string, sample: string): Promise<string> {
  const result = await importIgMessage(message, tables, catalog, { version, defaultTimezone: 'Z' });
  const compiled = await compileWithCatalog(result.spec, catalog, { validate: true });
  const outcome = mapMessage(compiled, parseHl7(readSample(sample).replace(/^\uFEFF/, '')), { validate: true });
  if (outcome.ok) return 'valid';
  const issues = (outcome.issues ?? []).map((issue) => `${issue.code} ${issue.path ?? ''}`);
  return [[outcome.error.code, outcome.error.where?.map, outcome.error.where?.path].filter((w) => w !== undefined).join(' '), ...issues].join('; ');
}

describe('IG message maps on the reference samples, validated', () => {
  it.each(RUNS)('$message v$version on $sample: $outcome', async ({ message, version, sample, outcome }) => {
    expect(await outcomeOf(message, version, sample)).toBe(outcome);
  });

  it.each(AT_DEFAULT)('$message v2.5.1 on $sample: $outcome', async ({ message, sample, outcome }) => {
    expect(await outcomeOf(message, '2.5.1', sample)).toBe(outcome);
  });

  it('counts 11 valid of 14, per message type', () => {
    const tally: Record<string, string> = {};
    for (const message of new Set(RUNS.map((r) => r.message))) {
      const runs = RUNS.filter((r) => r.message === message);
      tally[message] = `${runs.filter((r) => r.outcome === 'valid').length}/${runs.length}`;
    }
    expect(tally).toEqual({ ADT_A01: '2/2', ORU_R01: '5/5', VXU_V04: '4/4', MDM_T02: '0/2', SIU_S12: '0/1' });
  });

  it('keeps the note that says why SIU_S12 fails, on the message map\'s canvas', async () => {
    const result = await importIgMessage('SIU_S12', tables, catalog, { version: '2.7.1' });
    const notes = result.notes.filter((n) => n.reason === 'ig-invalid');
    expect(notes.map((n) => [n.map, n.text.split('\n')[0]])).toEqual([[
      'SIU_S12',
      'SIU_S12 2 SIU_S12.SCH → Appointment[1] (SCH[Appointment]) references: the IG writes Appointment.participant.actor without the status FHIR R4 requires in Appointment.participant, and fills it nowhere: the run fails with OUTPUT_INVALID where it applies, until it is linked.',
    ]]);
    expect(result.spec.maps[0].nodes.find((n) => n.id === notes[0].node)).toMatchObject({ kind: 'note', label: 'To do' });
  });
});
