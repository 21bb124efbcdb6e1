import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../bundle/canonicalJson';
import { parseHl7 } from '../hl7v2';
import { libraryMap } from '../library/libraryMaps';
import { compileWithCatalog, type CompiledMapping } from '../mapping/compile/compileWithCatalog';
import { mapMessage } from '../mapping/execute/mapMessage';
import type { SchemaCatalog } from '../schema/SchemaCatalog';
import { nodeIgTables } from '../../node/ig/nodeIgTables';
import { fhirCatalog, readSample } from '../../node/fixtures/referenceFixtures';
import { describeIgImport, type IgImportResult } from './IgImportResult';
import type { IgTables } from './IgTables';
import { importIgMessage } from './importIgMessage';

const MESSAGES = ['ADT_A01', 'ADT_A02', 'ADT_A05', 'ADT_A06', 'ADT_A09', 'ADT_A11', 'ADT_A17', 'MDM_T02', 'OML_O21', 'ORM_O01', 'ORU_R01', 'SIU_S12', 'VXU_V04'];

let tables: IgTables;
let catalog: SchemaCatalog;
const imports = new Map<string, Promise<{ result: IgImportResult; compiled: CompiledMapping }>>();
beforeAll(async () => {
  tables = await nodeIgTables();
  catalog = await fhirCatalog();
});

/** Each message imported and compiled once for the whole file. */
function imported(message: string): Promise<{ result: IgImportResult; compiled: CompiledMapping }> {
  let found = imports.get(message);
  if (!found) {
    found = importIgMessage(message, tables, catalog).then(async (result) => ({ result, compiled: await compileWithCatalog(result.spec, catalog, { validate: true }) }));
    imports.set(message, found);
  }
  return found;
}

type Resource = Record<string, unknown> & { resourceType: string };
type Entry = { fullUrl: string; resource: Resource };

/** A reference sample mapped by the imported mapping: its entries, or the error. */
async function mapSample(message: string, sample: string, validate = false): Promise<Entry[]> {
  const { compiled } = await imported(message);
  const outcome = mapMessage(compiled, parseHl7(readSample(sample).replace(/^\uFEFF/, '')), { validate });
  if (!outcome.ok) throw new Error(`${sample}: ${outcome.error.code} ${outcome.error.message}`);
  return (outcome.output as { entry: Entry[] }).entry;
}

function countByType(entries: readonly Entry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { resource } of entries) counts[resource.resourceType] = (counts[resource.resourceType] ?? 0) + 1;
  return counts;
}

describe('importIgMessage: every IG message map', () => {
  it.each(MESSAGES)('%s imports into a spec that compiles, with every row counted once', async (message) => {
    const { result, compiled } = await imported(message);
    expect(compiled.spec.maps[0].id).toBe(message);
    expect(compiled.spec.maps[0].accepts).toEqual({ messages: [{ type: message.slice(0, 3), events: [message.slice(4)] }] });
    const { counts } = result;
    expect(counts.links + counts.conditions + counts.notes + counts.unmapped).toBe(counts.rows);
    expect(Object.values(counts.byReason).reduce((a, b) => a + b, 0)).toBe(counts.notes + counts.references.notes);
    expect(result.notes).toHaveLength(counts.notes + counts.references.notes);
    // Every note is a node on its map's canvas, carrying its text.
    for (const note of result.notes) {
      const node = compiled.spec.maps.find((m) => m.id === note.map)?.nodes.find((n) => n.id === note.node);
      expect(node, `${note.map}/${note.node}`).toEqual({ id: note.node, kind: 'note', label: 'To do', text: note.text });
    }
  });

  it('is deterministic: the same import twice is the same spec, byte for byte', async () => {
    const again = await importIgMessage('ORU_R01', tables, catalog);
    expect(canonicalJson(again.spec)).toBe(canonicalJson((await imported('ORU_R01')).result.spec));
  });

  it('takes the library\'s data type maps as they are, with what they call', async () => {
    const { result } = await imported('VXU_V04');
    for (const id of ['CX[Identifier]', 'XPN[HumanName]', 'CWE[CodeableConcept]', 'DTM[dateTime]']) {
      expect(result.maps.library).toContain(id);
      expect(result.spec.maps.find((m) => m.id === id)).toEqual(libraryMap(id)?.map);
    }
    expect(result.maps.library).toContain('HD[uri]');
    expect(result.maps.generated).toContain('RXA[Immunization]');
    expect(result.maps.generated).not.toContain('CX[Identifier]');
  });
});

describe('importIgMessage: VXU_V04', () => {
  it('counts the IG rows exactly: links, conditions, notes by reason, rows the IG leaves unmapped', async () => {
    const { result } = await imported('VXU_V04');
    expect(result.counts).toEqual({
      rows: 993,
      links: 162,
      conditions: 66,
      notes: 242,
      unmapped: 523,
      byReason: {
        'not-in-version': 70,
        'creates-resource': 43,
        'unreadable-attribute': 29,
        'no-attribute': 23,
        'narrative-condition': 20,
        'second-item': 15,
        'incomplete-item': 12,
        'unknown-element': 13,
        'computed-value': 4,
        'empty-map': 4,
        'type-mismatch': 5,
        bundle: 1,
        'no-resource': 1,
        'required-unfilled': 2,
        reference: 1,
      },
      references: { links: 5, notes: 1 },
      remarks: 3,
    });
    expect([result.maps.generated.length, result.maps.library.length, result.valueMaps.generated.length, result.valueMaps.library.length]).toEqual([33, 27, 17, 11]);
    expect(describeIgImport(result).slice(0, 3)).toEqual([
      'VXU_V04 (HL7 v2.5.1) from the HL7 v2-to-FHIR IG: 60 maps (33 generated from IG tables, 27 from the map library), 28 value maps.',
      '993 IG rows: 162 links, 66 conditions, 242 notes, 523 the IG leaves unmapped; references: 5 links, 1 notes; 3 remarks kept as notes.',
      '  70 notes: the chosen v2 version has no such element',
    ]);
  });

  it('says where it reads the IG otherwise than written', async () => {
    const { result } = await imported('VXU_V04');
    expect(result.corrections).toEqual([
      {
        table: 'VXU_V04', row: '12.6.1 VXU_V04.ORDER.OBSERVATION.OBX',
        ig: 'IF OBX-5 LST.count LESS THAN OR EQUALS 1 AND OBX-2 IS "NA"', read: 'IF OBX-5 LST.count LESS THAN OR EQUALS 1 OR OBX-2 IS "NA"',
        reason: 'every other message map writes OR for this row, and with AND only NA results would become Observations',
      },
      {
        table: 'VXU_V04', row: '12.1 VXU_V04.ORDER.ORC → Immunization[1] (ORC[Immunization])',
        ig: 'Immunzation.patient.reference', read: 'Immunization.patient.reference', reason: 'the References column misspells Immunization',
      },
    ]);
  });

  it('turns a row with a narrative condition into a note with the IG\'s words, and links nothing for it', async () => {
    const { result } = await imported('VXU_V04');
    const notes = result.notes.filter((n) => n.table === 'PID[Patient]' && n.row.startsWith('PID-19 → identifier[4].type.coding.code'));
    expect(notes).toEqual([
      {
        map: 'PID[Patient]', node: 'todo-PID-19', table: 'PID[Patient]', row: 'PID-19 → identifier[4].type.coding.code = "SS"', reason: 'narrative-condition',
        text: 'PID[Patient] PID-19 → identifier[4].type.coding.code = "SS": its condition is narrative only: decide, then link it.\nIG: "If in the US and various other jurisdictions"',
      },
      {
        map: 'PID[Patient]', node: 'todo-PID-19-2', table: 'PID[Patient]', row: 'PID-19 → identifier[4].type.coding.code = "SB"', reason: 'narrative-condition',
        text: 'PID[Patient] PID-19 → identifier[4].type.coding.code = "SB": its condition is narrative only: decide, then link it.\nIG: "If outside the US for certain jurisdictions"',
      },
    ]);
    const pid = result.spec.maps.find((m) => m.id === 'PID[Patient]');
    expect(pid?.links.filter((l) => 'target' in l.to && l.to.path === 'Patient.identifier.type.coding.code')).toEqual([]);
    expect(pid?.nodes.filter((n) => n.kind === 'constant' && (n.value === 'SS' || n.value === 'SB'))).toEqual([]);
  });

  it('turns computable conditions into condition nodes (RXA-20/21 → Immunization.status)', async () => {
    const { result } = await imported('VXU_V04');
    const rxa = result.spec.maps.find((m) => m.id === 'RXA[Immunization]');
    const status = rxa?.links.filter((l) => 'target' in l.to && l.to.path === 'Immunization.status').map((l) => rxa.nodes.find((n) => 'node' in l.from && n.id === l.from.node));
    expect(status?.map((n) => (n?.kind === 'condition' ? n.expression : n?.kind))).toEqual([
      "RXA-21 != 'D'",
      "RXA-20 = null and RXA-21 != 'D'",
      "RXA-21 = 'D'",
    ]);
  });

  it.each([
    ['fhirconverter_VXU-V04-01.hl7', [{ code: '49281021588', display: 'TENIVAC', system: 'http://hl7.org/fhir/sid/ndc', date: '2021-08-18' }]],
    ['fhirconverter_IZ_1_1.1_Admin_Child_Max_Message.hl7', [{ code: '140', display: 'Influenza, seasonal, injectable, preservative free', system: 'http://hl7.org/fhir/sid/cvx', date: '2012-08-14' }]],
    ['izgateway_VXU_V04.hl7', [
      { code: '85', display: 'hep B, unspec', system: 'http://hl7.org/fhir/sid/cvx', date: '2011-04-15' },
      { code: '110', display: 'DTaP HIB IPV', system: 'http://hl7.org/fhir/sid/cvx', date: '2012-01-13' },
      { code: '48', display: 'HIB PRP-T', system: 'http://hl7.org/fhir/sid/cvx', date: '2012-01-13' },
    ]],
  ])('runs %s: one Immunization per order with its vaccine code, date and patient', async (sample, expected) => {
    const entries = await mapSample('VXU_V04', sample);
    const patient = entries.find((e) => e.resource.resourceType === 'Patient') as Entry;
    const immunizations = entries.filter((e) => e.resource.resourceType === 'Immunization').map((e) => e.resource);
    expect(immunizations.map((r) => ({ vaccineCode: r.vaccineCode, occurrenceDateTime: r.occurrenceDateTime, patient: r.patient, status: r.status }))).toEqual(expected.map((e) => ({
      vaccineCode: { coding: [{ code: e.code, display: e.display, system: e.system }] },
      occurrenceDateTime: e.date,
      patient: { reference: patient.fullUrl },
      status: 'completed',
    })));
  });

  it('gives valid FHIR R4 for the v2.5.1 VXU samples', async () => {
    for (const sample of ['fhirconverter_IZ_1_1.1_Admin_Child_Max_Message.hl7', 'izgateway_VXU_V04.hl7', 'lfh_VXU_PID29_partial_YYYYMM.hl7']) {
      await expect(mapSample('VXU_V04', sample, true)).resolves.toBeDefined();
    }
  });
});

describe('importIgMessage: ORU_R01 and ADT_A01 on their reference samples', () => {
  it.each([
    // An OBX without OBX-3 or OBX-11, an OBR without OBR-25, would make a resource without its required code or status: none is made.
    ['ORU_R01', 'fhirconverter_ORU-R01-01.hl7', { MessageHeader: 1, Patient: 1, Encounter: 1, Basic: 1, DiagnosticReport: 1, Specimen: 2, Observation: 1 }],
    ['ORU_R01', 'fhirconverter_ORU-R01-RMGEAD.hl7', { MessageHeader: 1, Patient: 1, DiagnosticReport: 1, Specimen: 1, Observation: 1 }],
    ['ORU_R01', 'fhirconverter_LAB-ORU-1.hl7', { MessageHeader: 1, Patient: 1, DiagnosticReport: 1, Specimen: 2, Observation: 10 }],
    ['ORU_R01', 'fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7', { MessageHeader: 1, Patient: 1, DiagnosticReport: 1, Specimen: 2, Observation: 28 }],
    ['ORU_R01', 'lfh_ORU-multiline-short-mixed.hl7', { MessageHeader: 1, Patient: 1, Encounter: 1, DiagnosticReport: 1, Specimen: 1, Observation: 1 }],
    // The IG fills no Provenance.agent, Account.status, Procedure.status, Coverage.status or payor: those resources are notes.
    ['ADT_A01', 'fhirconverter_ADT-A01-01.hl7', { MessageHeader: 1, Patient: 1, RelatedPerson: 1, Encounter: 1, Basic: 1, Observation: 1, AllergyIntolerance: 1 }],
    ['ADT_A01', 'fhirconverter_ADT01-23.hl7', { MessageHeader: 1, Patient: 1, RelatedPerson: 1, Encounter: 1 }],
  ])('%s runs %s', async (message, sample, expected) => {
    expect(countByType(await mapSample(message, sample))).toEqual(expected);
  });

  it('ORU_R01: each DiagnosticReport lists exactly the Observations of its own order', async () => {
    // LAB-ORU-1: two orders (OBR), of 5 results each; the second has no OBR-25, so no report (FHIR requires its status).
    const entries = await mapSample('ORU_R01', 'fhirconverter_LAB-ORU-1.hl7');
    const observations = entries.filter((e) => e.resource.resourceType === 'Observation').map((e) => e.fullUrl);
    const reports = entries.filter((e) => e.resource.resourceType === 'DiagnosticReport').map((e) => (e.resource.result as Array<{ reference: string }>).map((r) => r.reference));
    expect([observations.length, reports]).toEqual([10, [observations.slice(0, 5)]]);
  });
});

describe('importIgMessage: resources FHIR R4 would refuse', () => {
  it('makes a resource only where its segments give what FHIR requires, and notes one the IG can never complete', async () => {
    const oru = (await imported('ORU_R01')).result.spec.maps[0];
    const when = (id: string) => (oru.nodes.find((n) => n.id === id) as { expression?: string } | undefined)?.expression;
    expect(when('observation-2-when')?.endsWith(') and OBX-11 != null and OBX-3 != null')).toBe(true);
    expect(when('diagnosticreport-1-when')).toBe('(OBR-25 != null) and OBR-4 != null');
    expect(when('specimen-1-when')).toBe('(OBR-7 != null or OBR-8 != null or OBR-9 != null or OBR-14 != null)');
    const adt = (await imported('ADT_A01')).result;
    expect(adt.spec.maps[0].targets.map((t) => t.id)).not.toContain('account');
    expect(adt.notes.filter((n) => n.reason === 'required-unfilled').map((n) => n.text.split('\n')[0])).toContain(
      'ADT_A01 6 ADT_A01.PID → Account (PID[Account]): Account is not created: FHIR R4 requires Account.status, which no row of the IG fills; link it (or a constant) and the resource is made.',
    );
  });
});

describe('importIgMessage: row 0, of the whole segment', () => {
  it('writes its constants (TXA[DocumentReference] status "current" IF TXA-19 NOT VALUED; the living will Observation\'s status and code)', async () => {
    const { result } = await imported('MDM_T02');
    const txa = result.spec.maps.find((m) => m.id === 'TXA[DocumentReference]');
    const status = txa?.links.filter((l) => 'target' in l.to && l.to.path === 'DocumentReference.status').map((l) => txa.nodes.find((n) => 'node' in l.from && n.id === l.from.node));
    expect(status?.map((n) => (n?.kind === 'condition' ? n.expression : n?.kind))).toEqual(['TXA-19 = null', "TXA-19 = 'AV'"]);
    const pd1 = (await imported('VXU_V04')).result.spec.maps.find((m) => m.id === 'PD1[Observation-LivingWill]');
    const constants = pd1?.links.filter((l) => 'target' in l.to && /^Observation\.(status|code)/.test(l.to.path))
      .map((l) => [(l.to as { path: string }).path, (pd1.nodes.find((n) => 'node' in l.from && n.id === l.from.node) as { value?: string } | undefined)?.value]);
    expect(constants).toEqual([['Observation.status', 'final'], ['Observation.code.coding.system', 'http://loinc.org'], ['Observation.code.coding.code', '75320-2']]);
  });
});

describe('importIgMessage: elements FHIR R4 would refuse', () => {
  it('notes a field written as sent into a required-bound code, and text into XHTML, instead of linking them', async () => {
    const { result } = await imported('ADT_A01');
    const said = (map: string, node: string) => result.notes.find((n) => n.map === map && n.node === node);
    expect(said('PV1[Encounter]', 'todo-PV1-42-2')).toMatchObject({
      reason: 'unbound-code',
      text: 'PV1[Encounter] PV1-42 → location[4].status: FHIR R4 takes only codes of http://hl7.org/fhir/ValueSet/encounter-location-status in Encounter.location.status, and the IG names no vocabulary map to turn PV1-42 into one: add a value map.\nIG: ""reserved""',
    });
    expect(said('PV2[Encounter]', 'todo-PV2-12')).toMatchObject({
      reason: 'type-mismatch',
      text: 'PV2[Encounter] PV2-12 → text.div: Encounter.text.div is XHTML (a <div>, with its narrative\'s status), and PV2-12 is text.',
    });
    const pv1 = result.spec.maps.find((m) => m.id === 'PV1[Encounter]');
    expect(pv1?.links.filter((l) => 'target' in l.to && l.to.path.startsWith('Encounter.location'))).toEqual([]);
  });
});

describe('importIgMessage: refusals', () => {
  it('names the IG message maps when asked for another', async () => {
    await expect(importIgMessage('ORU_R30', tables, catalog)).rejects.toMatchObject({
      code: 'IG_UNKNOWN_MESSAGE',
      message: `The HL7 v2-to-FHIR IG has no message map ORU_R30; it has ${MESSAGES.join(', ')}.`,
    });
  });

  it('refuses a version the catalog does not have, and a version without the message structure', async () => {
    await expect(importIgMessage('VXU_V04', tables, catalog, { version: '2.9' })).rejects.toMatchObject({ code: 'IG_UNKNOWN_VERSION', message: 'Crosswalk reads HL7 v2 versions 2.3, 2.3.1, 2.4, 2.5, 2.5.1, 2.6, 2.7, 2.7.1, not 2.9.' });
    await expect(importIgMessage('OML_O21', tables, catalog, { version: '2.3' })).rejects.toMatchObject({ code: 'IG_NO_STRUCTURE', message: 'HL7 v2.3 has no message structure OML_O21; choose a later version.' });
  });
});
