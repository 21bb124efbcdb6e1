import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSchemaCatalog } from '../../../shared/node/schema';
import type { SchemaTreeNode } from '../../../shared/common/studio/studioSchemas';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import { checkConnection, type ConnectionContext } from './checkConnection';
import { nodePorts } from './nodePorts';

const spec: MappingSpec = {
  format: 'crosswalk.mapping/1',
  sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: '2.5.1', structure: 'ADT_A01' } }],
  targets: [
    { id: 'patient', schema: { standard: 'fhir-r4', resource: 'Patient' } },
    { id: 'obs', schema: { standard: 'fhir-r4', resource: 'Observation' } },
  ],
  nodes: [
    { id: 'gender', kind: 'valueMap', valueMapId: 'sex' },
    { id: 'gender2', kind: 'valueMap', valueMapId: 'sex' },
  ],
  links: [{ id: 'l-taken', from: { source: 'msg', path: 'PID-8' }, to: { node: 'gender2', port: 'in' } }],
  valueMaps: [{ id: 'sex', name: 'sex', entries: [{ source: 'F', target: 'female' }], unmapped: { kind: 'empty' } }],
  settings: {},
};

let context: ConnectionContext;

beforeAll(async () => {
  const catalog = nodeSchemaCatalog();
  const trees: Record<string, SchemaTreeNode> = {
    msg: (await catalog.tree({ standard: 'hl7v2', version: '2.5.1', structure: 'ADT_A01' })) as unknown as SchemaTreeNode,
    patient: (await catalog.tree({ standard: 'fhir-r4', version: '4.0.1', structure: 'Patient' }, { depth: 2 })) as unknown as SchemaTreeNode,
    obs: (await catalog.tree({ standard: 'fhir-r4', version: '4.0.1', structure: 'Observation' }, { depth: 2 })) as unknown as SchemaTreeNode,
  };
  const find = (n: SchemaTreeNode, path: string): SchemaTreeNode | undefined =>
    n.path === path ? n : (n.children ?? []).map((c) => find(c, path)).find((x) => x !== undefined);
  context = {
    field: (nodeId, path) => (trees[nodeId] ? find(trees[nodeId], path) : undefined),
    ports: (nodeId) => {
      const node = spec.nodes.find((n) => n.id === nodeId);
      return node ? nodePorts(node, new Map()) : undefined;
    },
  };
});

describe('checkConnection', () => {
  it('links a v2 field into a value map input', () => {
    const verdict = checkConnection(spec, { source: 'msg', sourceHandle: 'PID-8', target: 'gender', targetHandle: 'in' }, context);
    expect(verdict).toEqual({ ok: true, link: { id: 'l-pid-8-1', from: { source: 'msg', path: 'PID-8' }, to: { node: 'gender', port: 'in' } } });
  });

  it('links a value map code output to Patient.gender', () => {
    const verdict = checkConnection(spec, { source: 'gender', sourceHandle: 'code', target: 'patient', targetHandle: 'Patient.gender' }, context);
    expect(verdict).toEqual({ ok: true, link: { id: 'l-gender-1', from: { node: 'gender', port: 'code' }, to: { target: 'patient', path: 'Patient.gender' } } });
  });

  it('makes OBX → Observation a context link', () => {
    const verdict = checkConnection(spec, { source: 'msg', sourceHandle: 'OBX', target: 'obs', targetHandle: 'Observation' }, context);
    expect(verdict.ok && verdict.link.kind).toBe('context');
  });

  it('refuses a single text field onto a complex element, saying why', () => {
    const verdict = checkConnection(spec, { source: 'msg', sourceHandle: 'PID-8', target: 'patient', targetHandle: 'Patient.name' }, context);
    expect(verdict).toEqual({ ok: false, reason: 'PID-8 is a single IS; Patient.name is a HumanName: link it to one of its elements, or through a function that builds a HumanName.' });
  });

  it('refuses a second link into a taken input', () => {
    const verdict = checkConnection(spec, { source: 'msg', sourceHandle: 'PID-7', target: 'gender2', targetHandle: 'in' }, context);
    expect(verdict).toEqual({ ok: false, reason: 'Input "in" of "gender2" is already linked (l-taken); delete that link first.' });
  });

  it('refuses a whole segment into a value map', () => {
    const verdict = checkConnection(spec, { source: 'msg', sourceHandle: 'PID', target: 'gender', targetHandle: 'in' }, context);
    expect(verdict).toEqual({ ok: false, reason: 'PID is a whole segment; link one of its fields into "in".' });
  });

  it('refuses a cycle between nodes', () => {
    const looped: MappingSpec = { ...spec, links: [...spec.links, { id: 'l-a', from: { node: 'gender', port: 'code' }, to: { node: 'gender2', port: 'in' } }] };
    const verdict = checkConnection({ ...looped, links: looped.links.filter((l) => l.id !== 'l-taken') }, { source: 'gender2', sourceHandle: 'code', target: 'gender', targetHandle: 'in' }, context);
    expect(verdict).toEqual({ ok: false, reason: 'That link would make a cycle between nodes.' });
  });
});
