import { beforeEach, describe, expect, it } from 'vitest';
import { selectDirty, useDocumentStore } from './documentStore';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';

const spec: MappingSpec = {
  format: 'crosswalk.mapping/1',
  sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: '2.5.1', structure: 'ADT_A01' } }],
  targets: [{ id: 'patient', schema: { standard: 'fhir-r4', resource: 'Patient' } }],
  nodes: [],
  links: [{ id: 'l-birth', from: { source: 'msg', path: 'PID-7' }, to: { target: 'patient', path: 'Patient.birthDate' } }],
  valueMaps: [],
  settings: {},
};
const bundle = { format: 'crosswalk.bundle/1', metadata: { name: 'x', version: '1' }, engine: { mappingFormat: 'crosswalk.mapping/1' }, mapping: spec, tests: [], hash: 'sha256:0' };

describe('document store', () => {
  beforeEach(() => useDocumentStore.getState().open(bundle, 'x', undefined, [{ name: 's', text: 'MSH|^~\\&|A' }]));

  it('undoes and redoes an edit, and tracks dirty against the saved version', () => {
    const store = useDocumentStore.getState();
    expect(selectDirty(useDocumentStore.getState())).toBe(false);
    store.edit('Delete link', (s) => ({ ...s, links: [] }));
    expect(useDocumentStore.getState().spec?.links).toEqual([]);
    expect(selectDirty(useDocumentStore.getState())).toBe(true);
    useDocumentStore.getState().undo();
    expect(useDocumentStore.getState().spec?.links.map((l) => l.id)).toEqual(['l-birth']);
    expect(selectDirty(useDocumentStore.getState())).toBe(false);
    useDocumentStore.getState().redo();
    expect(useDocumentStore.getState().spec?.links).toEqual([]);
    expect(selectDirty(useDocumentStore.getState())).toBe(true);
  });

  it('records nothing for an edit that changes nothing', () => {
    useDocumentStore.getState().edit('No-op', (s) => s);
    expect(useDocumentStore.getState().past).toHaveLength(0);
  });

  it('writes the edited spec and test cases back into the bundle', () => {
    useDocumentStore.getState().edit('Delete link', (s) => ({ ...s, links: [] }));
    useDocumentStore.getState().editTests('Save expected', () => [{ name: 's', input: 'MSH|x', expected: { resourceType: 'Bundle' } }]);
    const out = useDocumentStore.getState().currentBundle()!;
    expect((out.mapping as MappingSpec).links).toEqual([]);
    expect(out.tests).toEqual([{ name: 's', input: 'MSH|x', expected: { resourceType: 'Bundle' } }]);
    expect(out.metadata).toEqual({ name: 'x', version: '1' });
  });

  it('refuses a bundle whose mapping is invalid, naming the place', () => {
    expect(() => useDocumentStore.getState().open({ ...bundle, mapping: { ...spec, links: [{ id: 'l', from: { source: 'nope', path: 'PID-8' }, to: { target: 'patient', path: 'Patient.gender' } }] } }, 'bad', undefined, []))
      .toThrow('Link "l" points at the source "nope", which does not exist.');
  });
});
