import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSchemaCatalog } from '../../../shared/node/schema';
import { docsExampleSpec } from '../../../shared/node/fixtures/referenceFixtures';
import { mapTypes } from '../../../shared/common/mapping/compile/compileMapping';
import { nodePortsOf } from '../../../shared/common/mapping/nodes/nodeKinds';
import { findMap, hl7InputOf, type MapDefinition, type MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import { parseSpec } from '../../../shared/common/mapping/spec/parseSpec';
import type { SchemaTreeNode } from '../../../shared/common/studio/studioSchemas';
import { copyLibraryMap } from '../../../shared/common/library/libraryMaps';
import { checkConnection, type ConnectionContext } from './checkConnection';
import { portEnvOf } from './portEnv';

const docs = parseSpec(docsExampleSpec());
// The message map of the worked example, with two spare value-map nodes to connect.
const adt: MapDefinition = {
  ...findMap(docs, 'ADT_A01')!,
  nodes: [...findMap(docs, 'ADT_A01')!.nodes, { id: 'gender', kind: 'valueMap', valueMapId: 'administrative-gender' }, { id: 'gender2', kind: 'valueMap', valueMapId: 'administrative-gender' }],
  links: [...findMap(docs, 'ADT_A01')!.links, { id: 'l-taken', from: { source: 'msg', path: 'PID-8' }, to: { node: 'gender2', port: 'in' } }],
};
const spec: MappingSpec = { ...docs, maps: docs.maps.map((m) => (m.id === 'ADT_A01' ? adt : m)) };
const pidMap = findMap(spec, 'PID[Patient]')!;

const trees: Record<string, SchemaTreeNode> = {};
const find = (n: SchemaTreeNode, path: string): SchemaTreeNode | undefined =>
  n.path === path ? n : (n.children ?? []).map((c) => find(c, path)).find((x) => x !== undefined);

function contextFor(map: MapDefinition, within: MappingSpec = spec): ConnectionContext {
  const env = portEnvOf(new Map(), within);
  return {
    field: (nodeId, path) => {
      const end = [...map.sources, ...map.targets].find((e) => e.id === nodeId);
      const tree = end ? trees[JSON.stringify(end.schema)] : undefined;
      return tree ? find(tree, path) : undefined;
    },
    ports: (nodeId) => {
      const node = map.nodes.find((n) => n.id === nodeId);
      return node ? nodePortsOf(node, env) : undefined;
    },
    callee: (nodeId) => {
      const node = map.nodes.find((n) => n.id === nodeId);
      const callee = node?.kind === 'call' ? findMap(within, node.map) : undefined;
      const input = callee ? hl7InputOf(callee.sources[0].schema) : undefined;
      return callee && input ? { map: callee.id, level: input.level, input: input.name, output: mapTypes(callee).output } : undefined;
    },
  };
}

beforeAll(async () => {
  const catalog = nodeSchemaCatalog();
  for (const map of spec.maps) {
    for (const end of [...map.sources, ...map.targets]) {
      const s = end.schema as { standard: 'hl7v2' | 'fhir-r4'; version?: string; structure?: string; segment?: string; datatype?: string; resource?: string; type?: string };
      const ref = s.standard === 'hl7v2'
        ? { standard: 'hl7v2' as const, version: s.version!, structure: (s.structure ?? s.segment ?? s.datatype)! }
        : { standard: 'fhir-r4' as const, version: '4.0.1', structure: (s.resource ?? s.type)! };
      trees[JSON.stringify(end.schema)] = (await catalog.tree(ref, ref.standard === 'fhir-r4' ? { depth: 2 } : {})) as unknown as SchemaTreeNode;
    }
  }
});

describe('checkConnection', () => {
  it('links a v2 field into a value map input', () => {
    const verdict = checkConnection(adt, { source: 'msg', sourceHandle: 'PID-8', target: 'gender', targetHandle: 'in' }, contextFor(adt));
    expect(verdict).toEqual({ ok: true, link: { id: 'l-pid-8-1', from: { source: 'msg', path: 'PID-8' }, to: { node: 'gender', port: 'in' } } });
  });

  it('links a value map code output to Patient.gender', () => {
    const verdict = checkConnection(adt, { source: 'gender', sourceHandle: 'code', target: 'patient', targetHandle: 'Patient.gender' }, contextFor(adt));
    expect(verdict).toEqual({ ok: true, link: { id: 'l-gender-1', from: { node: 'gender', port: 'code' }, to: { target: 'patient', path: 'Patient.gender' } } });
  });

  it('makes OBX → Observation a context link', () => {
    const fresh: MapDefinition = { ...adt, links: adt.links.filter((l) => l.id !== 'l-each-obx') };
    const verdict = checkConnection(fresh, { source: 'msg', sourceHandle: 'OBX', target: 'obs', targetHandle: 'Observation' }, contextFor(fresh));
    expect(verdict).toEqual({ ok: true, link: { id: 'l-obx-1', kind: 'context', from: { source: 'msg', path: 'OBX' }, to: { target: 'obs', path: 'Observation' } } });
  });

  it('refuses a single text field onto a complex element, saying why', () => {
    const verdict = checkConnection(adt, { source: 'msg', sourceHandle: 'PID-8', target: 'patient', targetHandle: 'Patient.name' }, contextFor(adt));
    expect(verdict).toEqual({ ok: false, reason: 'PID-8 is a single IS; Patient.name is a HumanName: link it to one of its elements, or through a function that builds a HumanName.' });
  });

  it('refuses a second link into a taken input', () => {
    const verdict = checkConnection(adt, { source: 'msg', sourceHandle: 'PID-7', target: 'gender2', targetHandle: 'in' }, contextFor(adt));
    expect(verdict).toEqual({ ok: false, reason: 'Input "in" of "gender2" is already linked (l-taken); delete that link first.' });
  });

  it('refuses a whole segment into a value map', () => {
    const verdict = checkConnection(adt, { source: 'msg', sourceHandle: 'PID', target: 'gender', targetHandle: 'in' }, contextFor(adt));
    expect(verdict).toEqual({ ok: false, reason: 'PID is a whole segment; link one of its fields into "in".' });
  });

  it('refuses a cycle between nodes', () => {
    const looped: MapDefinition = { ...adt, links: [...adt.links.filter((l) => l.id !== 'l-taken'), { id: 'l-a', from: { node: 'gender', port: 'code' }, to: { node: 'gender2', port: 'in' } }] };
    const verdict = checkConnection(looped, { source: 'gender2', sourceHandle: 'code', target: 'gender', targetHandle: 'in' }, contextFor(looped));
    expect(verdict).toEqual({ ok: false, reason: 'That link would make a cycle between nodes.' });
  });
});

describe('checkConnection into and out of a map call', () => {
  const unlinked: MapDefinition = { ...adt, links: adt.links.filter((l) => l.id !== 'l-pid-in') };
  const pidUnlinked: MapDefinition = { ...pidMap, links: pidMap.links.filter((l) => l.id !== 'l-ids-in' && l.id !== 'l-ids-out') };

  it('takes the segment a segment map reads', () => {
    const verdict = checkConnection(unlinked, { source: 'msg', sourceHandle: 'PID', target: 'pid', targetHandle: 'in' }, contextFor(unlinked));
    expect(verdict).toEqual({ ok: true, link: { id: 'l-pid-1', from: { source: 'msg', path: 'PID' }, to: { node: 'pid', port: 'in' } } });
  });

  it('refuses a field or another segment into a segment map, saying what it reads', () => {
    expect(checkConnection(unlinked, { source: 'msg', sourceHandle: 'PID-3', target: 'pid', targetHandle: 'in' }, contextFor(unlinked)))
      .toEqual({ ok: false, reason: 'PID[Patient] reads one PID segment; this is PID-3, a field (CX). Link the PID segment row.' });
    expect(checkConnection(unlinked, { source: 'msg', sourceHandle: 'PV1', target: 'pid', targetHandle: 'in' }, contextFor(unlinked)))
      .toEqual({ ok: false, reason: 'PID[Patient] reads one PID segment; this is a PV1 segment. Link the PID segment row.' });
  });

  it('takes a field of the data type a data type map reads, and refuses another type or a segment', () => {
    const context = contextFor(pidUnlinked);
    expect(checkConnection(pidUnlinked, { source: 'in', sourceHandle: 'PID-3', target: 'ids', targetHandle: 'in' }, context).ok).toBe(true);
    expect(checkConnection(pidUnlinked, { source: 'in', sourceHandle: 'PID-5', target: 'ids', targetHandle: 'in' }, context))
      .toEqual({ ok: false, reason: 'CX[Identifier] reads a CX; PID-5 is an XPN.' });
    expect(checkConnection(pidUnlinked, { source: 'in', sourceHandle: 'PID', target: 'ids', targetHandle: 'in' }, context))
      .toEqual({ ok: false, reason: 'CX[Identifier] reads one CX value; PID is a whole segment: link a CX field or component.' });
  });

  it('puts what a map writes onto an element of its type only', () => {
    const context = contextFor(pidUnlinked);
    expect(checkConnection(pidUnlinked, { source: 'ids', sourceHandle: 'out', target: 'out', targetHandle: 'Patient.identifier' }, context).ok).toBe(true);
    expect(checkConnection(pidUnlinked, { source: 'ids', sourceHandle: 'out', target: 'out', targetHandle: 'Patient.name' }, context))
      .toEqual({ ok: false, reason: 'CX[Identifier] writes an Identifier; Patient.name is a HumanName.' });
  });
});

describe('checkConnection into a library map of a successor data type', () => {
  // v2.5.1's OBX-3 is a CE and OBX-14 a TS; the library's maps read CWE and DTM, which replaced them.
  const withLibrary = copyLibraryMap(copyLibraryMap(spec, 'CWE[CodeableConcept]'), 'DTM[dateTime]');
  const calls: MapDefinition = { ...adt, nodes: [...adt.nodes, { id: 'code', kind: 'call', map: 'CWE[CodeableConcept]' }, { id: 'when', kind: 'call', map: 'DTM[dateTime]' }] };

  it('takes a CE into a CWE map and a TS into a DTM map', () => {
    const context = contextFor(calls, withLibrary);
    expect(checkConnection(calls, { source: 'msg', sourceHandle: 'OBX-3', target: 'code', targetHandle: 'in' }, context))
      .toEqual({ ok: true, link: { id: 'l-obx-3-1', from: { source: 'msg', path: 'OBX-3' }, to: { node: 'code', port: 'in' } } });
    expect(checkConnection(calls, { source: 'msg', sourceHandle: 'OBX-14', target: 'when', targetHandle: 'in' }, context).ok).toBe(true);
  });

  it('still refuses a type that is not read as the map\'s', () => {
    const context = contextFor(calls, withLibrary);
    expect(checkConnection(calls, { source: 'msg', sourceHandle: 'PID-5', target: 'code', targetHandle: 'in' }, context))
      .toEqual({ ok: false, reason: 'CWE[CodeableConcept] reads a CWE; PID-5 is an XPN.' });
    expect(checkConnection(calls, { source: 'msg', sourceHandle: 'OBX-3', target: 'when', targetHandle: 'in' }, context))
      .toEqual({ ok: false, reason: 'DTM[dateTime] reads a DTM; OBX-3 is a CE.' });
  });
});
