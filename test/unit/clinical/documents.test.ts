import { beforeAll, describe, expect, test } from 'vitest';
import type { CompiledBundle, TransactionBundle } from '../../../runtime/index';
import { writeJson } from '../../../shared/common/json/writeJson';
import { compiledExample, mapOne, outputOf, readSample, resources, withFields } from './clinicalFixture';

// Clinical documents (issue 10, item 7): the shipped MDM^T02 example on the two reference samples
// and on variants of them. The document a clinician opens is the attachments' content, so the
// tests read it back from the Base64 the Bundle carries.

const MDM = 'examples/mdm-t02-to-documentreference.crosswalk.json';
let mdm: CompiledBundle;
beforeAll(async () => {
  mdm = await compiledExample(MDM);
});

type Resource = Record<string, unknown>;
interface Attachment { contentType?: string; data?: string; url?: string; extension?: unknown[] }
const plain = <T>(value: T): T => JSON.parse(writeJson(value)) as T;
const map = (text: string): TransactionBundle => plain(outputOf(mapOne(mdm, text)));
const document = (text: string): Resource => resources(map(text), 'DocumentReference')[0];
const attachments = (doc: Resource): Attachment[] => (doc.content as { attachment: Attachment }[]).map((c) => c.attachment);
const decoded = (attachment: Attachment): string => Buffer.from(attachment.data ?? '', 'base64').toString('utf8');

const IG = readSample('hl7ig_MDM_T02.hl7');
const ECHO = readSample('fhirconverter_MDM-T02-01.hl7');
const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

describe('the document\'s content', () => {
  test('the IG\'s discharge summary: TX, FT and ST OBX joined in order into one UTF-8 text, FT formatting decoded', () => {
    const [text] = attachments(document(IG));
    expect(text.contentType).toBe('text/plain; charset=utf-8');
    expect(decoded(text)).toBe([
      'Transcription Authentication Interface Message Text',
      'Critical Values Entered On:  08/22/2023 2:11 EDT',
      ' Performed On:  08/22/2023 2:11 EDT by BOYLE, KRISTEN C',
      '', '', '', '',
      'Called Critical Value Reported',
      'Critical Value Reported Lab :   Yes',
      'BOYLE, KRISTEN C - 08/22/2023 2:11 EDT',
      'Critical Lab Values',
      'Red List Hematology Grid',
      '  Heparin Test (AntiXa)',
      'Lab Values :    1.27',
      '  BOYLE, KRISTEN C - 08/22/2023 2:11 EDT',
      '',
      'Result Received :   08/22/2023 02:11 EDT',
      'Received From :   K Gresco (Lab)',
      'Red List Result Read Back :   K Boyle (ED)',
      'Provider Notified :   No',
      'Reason not notified :   Protocol utilized',
      'BOYLE, KRISTEN C - 08/22/2023 2:11 EDT',
      'Table formatting from the original result was not included.',
    ].join('\n'));
  });

  test('its PDF, whose data is the IG\'s placeholder and not Base64, is left out with the reason and one warning; the text still arrives', () => {
    const bundle = map(IG);
    const [, pdf] = attachments(resources(bundle, 'DocumentReference')[0]);
    expect(pdf).toEqual({ extension: [{ url: DATA_ABSENT_REASON, valueCode: 'error' }] });
    expect(resources(bundle, 'OperationOutcome')).toEqual([{
      resourceType: 'OperationOutcome',
      issue: [{
        severity: 'warning', code: 'value',
        details: { text: 'The data is not valid Base64, which its encoding says it is.' },
        diagnostics: 'BINARY_INVALID (OBX[4], map ED[Attachment], node data)',
        expression: ['Bundle.entry[3].resource.content[1].attachment'],
      }],
    }]);
  });

  test('a PDF sent as Base64 is an attachment of its own, with its MIME type', () => {
    const withPdf = withFields(IG, 'OBX', 4, { 5: 'CareCoordination^AP^PDF^Base64^JVBERi0xLjQK' });
    expect(attachments(document(withPdf))[1]).toEqual({ contentType: 'application/pdf', data: 'JVBERi0xLjQK' });
    expect(resources(map(withPdf), 'OperationOutcome')).toEqual([]);
  });

  test('an ED announced without its data says its content is unknown; a DICOM study UID (HD) is the study the report is about', () => {
    const echo = document(ECHO);
    expect(attachments(echo)).toEqual([{ extension: [{ url: DATA_ABSENT_REASON, valueCode: 'unknown' }] }]);
    expect(echo.context).toEqual({ related: [{ type: 'ImagingStudy', identifier: { system: 'urn:dicom:uid', value: 'urn:oid:1.2.840.317.5947431.51' } }] });
  });

  test('a value type that is no part of a document (NM) never vanishes: the document says a part is missing, and the Bundle why', () => {
    const bundle = map(withFields(IG, 'OBX', 3, { 2: 'NM', 5: '42' }));
    const parts = attachments(resources(bundle, 'DocumentReference')[0]);
    expect(parts.slice(1)).toEqual([{ extension: [{ url: DATA_ABSENT_REASON, valueCode: 'error' }] }, { extension: [{ url: DATA_ABSENT_REASON, valueCode: 'error' }] }]);
    expect(decoded(parts[0])).not.toContain('Table formatting');
    const issues = resources(bundle, 'OperationOutcome')[0].issue as { diagnostics: string; expression: string[] }[];
    expect(issues.map((i) => [i.diagnostics, i.expression])).toEqual([
      ['VALUEMAP_UNMAPPED (OBX[3], map OBX[DocumentReference], node value-type)', ['Bundle.entry[3].resource.content[1].attachment']],
      ['BINARY_INVALID (OBX[4], map ED[Attachment], node data)', ['Bundle.entry[3].resource.content[2].attachment']],
    ]);
  });
});

describe('the document notification (TXA)', () => {
  test('the IG\'s sample: status, completion, type, date, numbers, confidentiality, title, author and authenticator', () => {
    const bundle = map(IG);
    const [radon, mitchell] = bundle.entry.filter((e) => e.resource.resourceType === 'Practitioner').map((e) => ({ reference: e.fullUrl }));
    const { content: _content, ...doc } = resources(bundle, 'DocumentReference')[0];
    expect(doc).toEqual({
      resourceType: 'DocumentReference',
      masterIdentifier: { value: '3738931392', assigner: { display: 'REDDING HOSPITAL' } },
      identifier: [{ value: 'PN_Radon_20230820174913.RTF' }],
      status: 'current',
      docStatus: 'final',
      type: { coding: [{ code: 'PN' }] },
      subject: { reference: bundle.entry[0].fullUrl },
      date: '2023-08-20T17:49:13Z',
      author: [radon],
      authenticator: mitchell,
      description: 'Discharge Summary',
      securityLabel: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0272', code: 'R', display: 'Restricted' }] }],
    });
  });

  test.each([
    ['AV', 'current', undefined],
    ['', 'current', undefined],
    ['OB', 'superseded', 'OB'],
    ['CA', 'entered-in-error', 'CA'],
    ['UN', 'current', 'UN'],
  ])('TXA-19 %j: status %s, the v2 code %s kept beside it', (availability, status, kept) => {
    const doc = document(withFields(IG, 'TXA', 1, { 19: availability }));
    expect(doc.status).toBe(status);
    expect(doc._status).toEqual(kept === undefined ? undefined : { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/alternate-codes', valueCodeableConcept: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0275', code: kept }] } }] });
  });

  test.each([['DI', 'preliminary'], ['IP', 'preliminary'], ['LA', 'final']])('TXA-17 %s: docStatus %s', (completion, docStatus) => {
    expect(document(withFields(IG, 'TXA', 1, { 17: completion })).docStatus).toBe(docStatus);
  });

  test('a confidentiality code outside table 0272 is labelled very restricted, never none, and keeps the code sent', () => {
    expect(document(withFields(IG, 'TXA', 1, { 18: 'PSY' })).securityLabel).toEqual([{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0272', code: 'V', display: 'Very restricted' }], text: 'PSY' }]);
  });

  test('replayed, the document is written over itself, found by its unique number and file name; the Patient created only if new', () => {
    const requests = map(IG).entry.map((e) => e.request);
    expect(requests).toEqual([
      { method: 'POST', url: 'Patient', ifNoneExist: 'identifier=|000322330' },
      { method: 'POST', url: 'Practitioner', ifNoneExist: 'identifier=|5742200012' },
      { method: 'POST', url: 'Practitioner', ifNoneExist: 'identifier=|1123456771' },
      { method: 'PUT', url: 'DocumentReference?identifier=|3738931392,|PN_Radon_20230820174913.RTF' },
      { method: 'POST', url: 'OperationOutcome' },
    ]);
    expect(map(withFields(IG, 'MSH', 1, { 10: '10819307' })).entry.map((e) => e.request)).toEqual(requests);
  });
});
