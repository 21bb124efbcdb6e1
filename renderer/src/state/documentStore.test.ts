import { beforeEach, describe, expect, it } from 'vitest';
import { docsExampleSpec } from '../../../shared/node/fixtures/referenceFixtures';
import { findMap, type MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import { updateMap } from '../../../shared/common/mapping/edit/mapEdits';
import { selectDirty, selectMap, useDocumentStore } from './documentStore';

// The docs' worked example: ADT_A01 calls PID[Patient] (which calls CX[Identifier]) and OBX[Observation].
const content = { metadata: { name: 'x', version: '1' }, mapping: docsExampleSpec(), tests: [] };
const doc = () => useDocumentStore.getState();
const dropLink = (mapId: string, linkId: string) => (spec: MappingSpec) => updateMap(spec, mapId, (m) => ({ ...m, links: m.links.filter((l) => l.id !== linkId) }));

describe('document store', () => {
  beforeEach(() => doc().open(content, 'x', undefined, [{ name: 's', text: 'MSH|^~\\&|A' }]));

  it('opens on the first message map, with it alone on the breadcrumbs', () => {
    expect(doc().mapId).toBe('ADT_A01');
    expect(doc().trail).toEqual(['ADT_A01']);
    expect(selectMap(doc())?.kind).toBe('message');
  });

  it('opens called maps onto the breadcrumbs and goes back along them', () => {
    doc().openMap('PID[Patient]');
    doc().openMap('CX[Identifier]');
    expect(doc().trail).toEqual(['ADT_A01', 'PID[Patient]', 'CX[Identifier]']);
    expect(doc().back()).toBe(true);
    expect(doc().mapId).toBe('PID[Patient]');
    doc().openMap('ADT_A01');
    expect(doc().trail).toEqual(['ADT_A01']);
    expect(doc().back()).toBe(false);
  });

  it('shows a map from anywhere with the chain of calls that leads to it', () => {
    doc().showMap('CX[Identifier]');
    expect(doc().trail).toEqual(['ADT_A01', 'PID[Patient]', 'CX[Identifier]']);
    doc().showMap('OBX[Observation]');
    expect(doc().trail).toEqual(['ADT_A01', 'OBX[Observation]']);
  });

  it('undoes an edit made in another map by showing that map again, and redoes it there', () => {
    doc().openMap('PID[Patient]');
    doc().openMap('CX[Identifier]');
    doc().editMap('Delete link', (m) => ({ ...m, links: m.links.filter((l) => l.id !== 'l-type') }));
    expect(selectDirty(doc())).toBe(true);
    doc().showMap('ADT_A01');
    doc().undo();
    expect(doc().mapId).toBe('CX[Identifier]');
    expect(doc().trail).toEqual(['ADT_A01', 'PID[Patient]', 'CX[Identifier]']);
    expect(findMap(doc().spec!, 'CX[Identifier]')?.links.map((l) => l.id)).toContain('l-type');
    expect(selectDirty(doc())).toBe(false);
    doc().showMap('ADT_A01');
    doc().redo();
    expect(doc().mapId).toBe('CX[Identifier]');
    expect(findMap(doc().spec!, 'CX[Identifier]')?.links.map((l) => l.id)).not.toContain('l-type');
  });

  it('records the map an edit was made in when told, and falls back to the entry map when the shown one goes away', () => {
    doc().edit('Delete link', dropLink('OBX[Observation]', 'l-code'), 'OBX[Observation]');
    expect(doc().past[0].mapId).toBe('OBX[Observation]');
    doc().showMap('OBX[Observation]');
    doc().edit('Remove the map', (s) => ({ ...s, maps: s.maps.filter((m) => m.id !== 'OBX[Observation]') }));
    expect(doc().mapId).toBe('ADT_A01');
  });

  it('records nothing for an edit that changes nothing', () => {
    doc().edit('No-op', (s) => s);
    expect(doc().past).toHaveLength(0);
  });

  it('lays a map out without an undo step or unsaved changes, and only once', () => {
    doc().placeLayout('PID[Patient]', { nodes: [{ id: 'in', x: 0, y: 0 }] });
    expect(doc().spec?.layout?.maps['PID[Patient]']).toEqual({ nodes: [{ id: 'in', x: 0, y: 0 }] });
    expect(doc().past).toHaveLength(0);
    expect(selectDirty(doc())).toBe(false);
    doc().placeLayout('PID[Patient]', { nodes: [] });
    expect(doc().spec?.layout?.maps['PID[Patient]'].nodes).toHaveLength(1);
  });

  it('writes the edited mapping and test cases back as bundle content', () => {
    doc().edit('Delete link', dropLink('CX[Identifier]', 'l-type'));
    doc().editTests('Save expected', () => [{ name: 's', input: 'MSH|x', expected: { resourceType: 'Bundle' } }]);
    const out = doc().currentBundle()!;
    expect(findMap(out.mapping as MappingSpec, 'CX[Identifier]')?.links.map((l) => l.id)).not.toContain('l-type');
    expect(out.tests).toEqual([{ name: 's', input: 'MSH|x', expected: { resourceType: 'Bundle' } }]);
    expect(out.metadata).toEqual({ name: 'x', version: '1' });
  });

  it('opens a format-1 mapping as one message map', () => {
    const flat = { format: 'crosswalk.mapping/1', sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: '2.5.1', structure: 'ADT_A01' } }], targets: [{ id: 'patient', schema: { standard: 'fhir-r4', resource: 'Patient' } }], nodes: [], links: [], valueMaps: [], settings: {} };
    doc().open({ ...content, mapping: flat }, 'flat', undefined, []);
    expect(doc().spec?.maps.map((m) => [m.id, m.kind])).toEqual([['ADT_A01', 'message']]);
  });

  it('refuses a bundle whose mapping is invalid, naming the place', () => {
    const broken = docsExampleSpec() as { maps: { links: unknown[] }[] };
    broken.maps[0].links.push({ id: 'l', from: { source: 'nope', path: 'PID-8' }, to: { target: 'patient', path: 'Patient.gender' } });
    expect(() => doc().open({ ...content, mapping: broken }, 'bad', undefined, [])).toThrow('points at the source "nope", which does not exist');
  });
});
