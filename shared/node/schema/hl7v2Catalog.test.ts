import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { rejectionOf } from '../../common/errors/errorOf';
import type { SchemaNode, SchemaRef } from '../../common/schema/index';
import { nodeSchemaCatalog } from './nodeSchemaCatalog';

// The generated indexes (npm run build, run by npm install) against the package they came from.
const catalog = nodeSchemaCatalog(resolve(process.cwd(), 'generated/schemas'));
const dictionary = createRequire(import.meta.url)('hl7-dictionary') as {
  definitions: Record<string, {
    segments: Record<string, { desc: string; fields: { datatype: string; desc: string; opt: number; rep: number }[] }>;
    messages: Record<string, { segments: { segments: { name: string }[] } }>;
  }>;
};

const adt = (version = '2.5.1'): SchemaRef => ({ standard: 'hl7v2', version, structure: 'ADT_A01' });

function find(root: SchemaNode, id: string): SchemaNode {
  const walk = (node: SchemaNode): SchemaNode | undefined =>
    node.id === id ? node : (node.children ?? []).map(walk).find((hit) => hit !== undefined);
  const hit = walk(root);
  if (!hit) throw new Error(`no node ${id}`);
  return hit;
}

describe('HL7 v2 ADT_A01 v2.5.1', () => {
  test('top level segments and groups in order', async () => {
    const root = await catalog.tree(adt());
    expect(root).toMatchObject({ id: 'ADT_A01', kind: 'message', label: 'Admit/visit notification' });
    expect(root.children?.map((n) => `${n.id}:${n.kind}:${n.min}..${n.max}`)).toEqual([
      'MSH:segment:1..1', 'SFT:segment:0..*', 'EVN:segment:1..1', 'PID:segment:1..1', 'PD1:segment:0..1', 'ROL:segment:0..*',
      'NK1:segment:0..*', 'PV1:segment:1..1', 'PV2:segment:0..1', 'ROL#2:segment:0..*', 'DB1:segment:0..*', 'OBX:segment:0..*',
      'AL1:segment:0..*', 'DG1:segment:0..*', 'DRG:segment:0..1', 'PROCEDURE:group:0..*', 'GT1:segment:0..*', 'INSURANCE:group:0..*',
      'ACC:segment:0..1', 'UB1:segment:0..1', 'UB2:segment:0..1', 'PDA:segment:0..1',
    ]);
  });

  test('PID is required and not repeating; PID-3 required repeating CX; PID-8 uses table 0001', async () => {
    const root = await catalog.tree(adt());
    expect(find(root, 'PID')).toMatchObject({ min: 1, max: 1, repeating: false, label: 'Patient Identification', hasChildren: true });
    expect(find(root, 'PID').children).toHaveLength(39);
    const { children: _c3, ...pid3 } = find(root, 'PID-3');
    expect(pid3).toEqual({
      id: 'PID-3', path: 'PID-3', name: 'PID-3', label: 'Patient Identifier List', kind: 'field', dataType: 'CX',
      min: 1, max: '*', repeating: true, usage: 'R', length: 250, hasChildren: true,
    });
    expect(find(root, 'PID-8')).toEqual({
      id: 'PID-8', path: 'PID-8', name: 'PID-8', label: 'Administrative Sex', description: 'Table 0001 Administrative Sex', kind: 'field', dataType: 'IS',
      min: 0, max: 1, repeating: false, usage: 'O', length: 1, table: '0001', hasChildren: false, children: [],
    });
  });

  test('components down to subcomponents: PID-5.1 is FN and PID-5.1.1 is Surname', async () => {
    const root = await catalog.tree(adt());
    expect(find(root, 'PID-5').children?.map((n) => n.label)).toEqual([
      'Family Name', 'Given Name', 'Second and Further Given Names or Initials Thereof', 'Suffix', 'Prefix', 'Degree', 'Name Type Code',
      'Name Representation Code', 'Name Context', 'Name Validity Range', 'Name Assembly Order', 'Effective Date', 'Expiration Date',
      'Professional Suffix',
    ]);
    expect(find(root, 'PID-5.1')).toMatchObject({ kind: 'component', dataType: 'FN', hasChildren: true });
    expect(find(root, 'PID-5.1.1')).toEqual({
      id: 'PID-5.1.1', path: 'PID-5.1.1', name: 'PID-5.1.1', label: 'Surname', kind: 'subcomponent', dataType: 'ST',
      min: 1, max: 1, repeating: false, usage: 'R', length: 50, hasChildren: false, children: [],
    });
    // CX-4 Assigning Authority is HD: its parts are subcomponents.
    expect(find(root, 'PID-3.4.2')).toMatchObject({ label: 'Universal ID', kind: 'subcomponent', dataType: 'ST', usage: 'C' });
  });

  test('PROCEDURE and INSURANCE groups with group-qualified ids and standard paths', async () => {
    const root = await catalog.tree(adt());
    const procedure = find(root, 'PROCEDURE');
    expect(procedure).toMatchObject({ kind: 'group', label: 'Procedure', min: 0, max: '*', repeating: true });
    expect(procedure.children?.map((n) => `${n.id}|${n.path}|${n.min}..${n.max}`)).toEqual(['PROCEDURE/PR1|PR1|1..1', 'PROCEDURE/ROL|ROL|0..*']);
    expect(find(root, 'PROCEDURE/PR1-3')).toMatchObject({ path: 'PR1-3', label: 'Procedure Code', dataType: 'CE', usage: 'R' });
    expect(find(root, 'INSURANCE').children?.map((n) => n.id)).toEqual(['INSURANCE/IN1', 'INSURANCE/IN2', 'INSURANCE/IN3', 'INSURANCE/ROL']);
    expect(find(root, 'ROL#2-4')).toMatchObject({ path: 'ROL-4', label: 'Role Person' });
  });

  test('depth and lazy expansion by id', async () => {
    const shallow = await catalog.tree(adt(), { depth: 1 });
    const pid = shallow.children?.find((n) => n.id === 'PID');
    expect(pid).toMatchObject({ hasChildren: true });
    expect(pid?.children).toBeUndefined();
    const fields = await catalog.children(adt(), 'PID');
    expect(fields.map((n) => n.path).slice(0, 3)).toEqual(['PID-1', 'PID-2', 'PID-3']);
    expect(fields[2].children).toBeUndefined();
    const components = await catalog.children(adt(), 'PR1-3');
    expect(await catalog.children(adt(), 'PROCEDURE/PR1-3')).toEqual(components);
    expect(components.map((n) => `${n.path} ${n.label}`).slice(0, 3)).toEqual(['PR1-3.1 Identifier', 'PR1-3.2 Text', 'PR1-3.3 Name of Coding System']);
  });

  test('search finds a subcomponent with the ids that reveal it', async () => {
    const hits = await catalog.search(adt(), 'family NAME');
    expect(hits[0]).toMatchObject({ id: 'EVN-5.2', label: 'Family Name', ancestors: ['ADT_A01', 'EVN', 'EVN-5'] });
    expect(hits).toContainEqual({ id: 'PID-5.1', path: 'PID-5.1', name: 'PID-5.1', label: 'Family Name', dataType: 'FN', ancestors: ['ADT_A01', 'PID', 'PID-5'] });
    const surnames = await catalog.search(adt(), 'surname');
    expect(surnames.map((h) => h.id)).toContain('PID-5.1.1');
  });
});

describe.each(['2.3', '2.3.1', '2.4', '2.5', '2.5.1', '2.6', '2.7', '2.7.1'])('HL7 v%s', (version) => {
  test('ADT_A01 matches hl7-dictionary segment by segment and field by field', async () => {
    const source = dictionary.definitions[version];
    const root = await catalog.tree(adt(version));
    expect(root.children?.map((n) => n.name)).toEqual(source.messages.ADT_A01.segments.segments.map((s) => s.name));
    const pid = root.children?.find((n) => n.id === 'PID');
    expect(pid?.children?.map((n) => [n.label, n.dataType, n.min, n.max])).toEqual(
      source.segments.PID.fields.map((f) => [f.desc.trim(), f.datatype, f.opt === 2 ? 1 : 0, f.rep === 0 ? '*' : f.rep]),
    );
    expect(find(root, 'MSH-9')).toMatchObject({ label: 'Message Type', usage: 'R' });
  });
});

describe('segments, data types and tables', () => {
  test('a structure may be named as MSH-9 writes it', async () => {
    for (const structure of ['ADT^A01', 'ADT^A01^ADT_A01']) {
      expect((await catalog.tree({ standard: 'hl7v2', version: '2.5.1', structure }, { depth: 0 })).id).toBe('ADT_A01');
    }
    // A04 is sent with the ADT_A01 structure.
    expect((await catalog.tree({ standard: 'hl7v2', version: '2.5.1', structure: 'ADT^A04^ADT_A01' }, { depth: 0 })).id).toBe('ADT_A01');
  });

  test('a segment and a data type on their own', async () => {
    const pid = await catalog.tree({ standard: 'hl7v2', version: '2.5.1', structure: 'PID' }, { depth: 1 });
    expect(pid).toMatchObject({ id: 'PID', kind: 'segment' });
    expect(pid.children?.[4]).toMatchObject({ id: 'PID-5', dataType: 'XPN', hasChildren: true });
    const xpn = await catalog.tree({ standard: 'hl7v2', version: '2.5.1', structure: 'XPN' });
    expect(xpn).toMatchObject({ kind: 'datatype', label: 'Extended Person Name' });
    expect(find(xpn, 'XPN.1.1')).toMatchObject({ label: 'Surname', kind: 'subcomponent' });
  });

  test('table 0001 Administrative Sex with its codes', async () => {
    expect(await catalog.hl7v2Table(1)).toEqual({
      id: '0001', description: 'Administrative Sex', system: 'http://terminology.hl7.org/CodeSystem/v2-0001',
      codes: [
        { code: 'A', display: 'Ambiguous' }, { code: 'F', display: 'Female' }, { code: 'M', display: 'Male' },
        { code: 'N', display: 'Not applicable' }, { code: 'O', display: 'Other' }, { code: 'U', display: 'Unknown' },
      ],
    });
  });

  test('structures are listed per version', async () => {
    const list = await catalog.listStructures('hl7v2', '2.5.1');
    expect(list.filter((s) => s.kind === 'message')).toHaveLength(248);
    expect(list).toContainEqual({ name: 'ORU_R01', kind: 'message', description: 'Unsolicited transmission of an observation message', events: ['R01'] });
    expect(list.find((s) => s.name === 'ADT_A01')?.events).toEqual(['A01', 'A04', 'A08', 'A13']);
    expect(list.find((s) => s.name === 'SIU_S12')?.events).toEqual(['S12', 'S13', 'S14', 'S15', 'S16', 'S17', 'S18', 'S19', 'S20', 'S21', 'S22', 'S23', 'S24', 'S26']);
    // Table 0354 lists ACK as "Varies": no events rather than a made-up one.
    expect(list.find((s) => s.name === 'ACK')).toEqual({ name: 'ACK', kind: 'message', description: 'General acknowledgment message' });
    expect(list).toContainEqual({ name: 'PID', kind: 'segment', description: 'Patient Identification' });
  });
});

test('every 2.5.1 message structure builds, with every segment defined', async () => {
  const messages = (await catalog.listStructures('hl7v2', '2.5.1')).filter((s) => s.kind === 'message');
  const undefinedSegments: string[] = [];
  for (const { name } of messages) {
    const root = await catalog.tree({ standard: 'hl7v2', version: '2.5.1', structure: name });
    const walk = (node: SchemaNode): void => {
      if (node.kind === 'segment' && node.description !== undefined) undefinedSegments.push(`${name}/${node.id}`);
      node.children?.forEach(walk);
    };
    walk(root);
  }
  expect(messages).toHaveLength(248);
  expect(undefinedSegments).toEqual([]);
});

describe('unknown names give one clear sentence', () => {
  test('version', async () => {
    const error = await rejectionOf(catalog.tree({ standard: 'hl7v2', version: '2.9', structure: 'ADT_A01' }));
    expect(error.code).toBe('SCHEMA_UNKNOWN_VERSION');
    expect(error.message).toBe('HL7 v2 version 2.9 is not available; the versions are 2.3, 2.3.1, 2.4, 2.5, 2.5.1, 2.6, 2.7, 2.7.1.');
  });

  test('structure, including names that are Object.prototype keys', async () => {
    for (const structure of ['ADT_A99', '__proto__', 'constructor', 'toString']) {
      const error = await rejectionOf(catalog.tree({ standard: 'hl7v2', version: '2.5.1', structure }));
      expect(error.code).toBe('SCHEMA_UNKNOWN_STRUCTURE');
      expect(error.message).toMatch(new RegExp(`^HL7 v2\\.5\\.1 has no message structure, segment or data type named ${structure}; message structures include ACK, ADR_A19, ADT_A01`));
      expect(error.where).toEqual({ path: structure });
    }
  });

  test('a name in the wrong case gets a suggestion', async () => {
    expect((await rejectionOf(catalog.tree({ standard: 'hl7v2', version: '2.5.1', structure: 'adt_a01' }))).message)
      .toBe('HL7 v2.5.1 has no message structure, segment or data type named adt_a01; did you mean ADT_A01?');
    expect((await rejectionOf(catalog.tree({ standard: 'hl7v2', version: '2.5.1', structure: 'pid' }))).message)
      .toBe('HL7 v2.5.1 has no message structure, segment or data type named pid; did you mean PID?');
  });

  test('node id and table', async () => {
    expect((await rejectionOf(catalog.children(adt(), 'PID-99'))).message).toBe('ADT_A01 has no node PID-99.');
    const ambiguous = await rejectionOf(catalog.children({ standard: 'hl7v2', version: '2.5.1', structure: 'ORU_R01' }, 'OBX-5'));
    expect(ambiguous.code).toBe('SCHEMA_AMBIGUOUS_PATH');
    expect(ambiguous.message).toBe('OBX-5 occurs 2 times in ORU_R01; use one of the ids PATIENT_RESULT/ORDER_OBSERVATION/OBSERVATION/OBX-5, PATIENT_RESULT/ORDER_OBSERVATION/SPECIMEN/OBX-5.');
    expect((await rejectionOf(catalog.hl7v2Table('9999'))).code).toBe('SCHEMA_UNKNOWN_TABLE');
    expect((await rejectionOf(catalog.hl7v2Table('__proto__'))).code).toBe('SCHEMA_UNKNOWN_TABLE');
  });

  test('a missing index folder says how to build it', async () => {
    const empty = nodeSchemaCatalog(resolve(process.cwd(), 'generated/no-such-folder'));
    const error = await rejectionOf(empty.tree(adt()));
    expect(error.code).toBe('SCHEMA_DATA_MISSING');
    expect(error.message).toMatch(/^The schema index hl7v2\/index.json is missing from .*no-such-folder; run npm run build to generate it\.$/);
  });
});
