import { beforeAll, describe, expect, it } from 'vitest';
import { showBundle } from '../../bundle/showBundle';
import { parseHl7 } from '../../hl7v2';
import type { SchemaCatalog } from '../../schema/SchemaCatalog';
import { docsExampleSpec, fhirCatalog, readSample } from '../../../node/fixtures/referenceFixtures';
import { compileWithCatalog } from '../compile/compileWithCatalog';
import { mapMessage } from '../execute/mapMessage';
import { parseSpec } from '../spec/parseSpec';
import type { MappingSpec } from '../spec/MappingSpec';
import { nodePortsOf } from './nodeKinds';

let catalog: SchemaCatalog;
beforeAll(async () => {
  catalog = await fhirCatalog(['Patient', 'Observation', 'Identifier']);
});

const NOTE = { id: 'todo-race', kind: 'note', label: 'To do', text: 'PID-10 may map differently based on local requirements\nand should use the local extension.' };

/** The documentation's worked example with a note added to its PID[Patient] map. */
function withNote(): MappingSpec {
  const json = docsExampleSpec() as { maps: Array<{ id: string; nodes: unknown[] }> };
  json.maps.find((m) => m.id === 'PID[Patient]')?.nodes.push(NOTE);
  return parseSpec(json);
}

describe('note node', () => {
  it('is kept by the spec schema, with no ports', () => {
    const spec = withNote();
    const note = spec.maps.find((m) => m.id === 'PID[Patient]')?.nodes.find((n) => n.id === 'todo-race');
    expect(note).toEqual(NOTE);
    expect(nodePortsOf(note as never, { functionPorts: () => undefined, mapTypes: () => undefined })).toEqual({ inputs: [], outputs: [] });
  });

  it('refuses a note without text, naming the field', () => {
    const json = docsExampleSpec() as { maps: Array<{ nodes: unknown[] }> };
    json.maps[0].nodes.push({ id: 'empty', kind: 'note', text: '' });
    expect(() => parseSpec(json)).toThrow(/A note needs some text/);
  });

  it('compiles to nothing: the output is the same with and without it', async () => {
    const message = parseHl7(readSample('fhirconverter_ADT-A01-01.hl7'));
    const plain = mapMessage(await compileWithCatalog(parseSpec(docsExampleSpec()), catalog), message);
    const noted = mapMessage(await compileWithCatalog(withNote(), catalog), message);
    expect(plain.ok).toBe(true);
    expect(noted).toEqual(plain);
  });

  it('carries no value: a link from it is refused', async () => {
    const json = docsExampleSpec() as { maps: Array<{ id: string; nodes: unknown[]; links: unknown[] }> };
    const pid = json.maps.find((m) => m.id === 'PID[Patient]') as { nodes: unknown[]; links: unknown[] };
    pid.nodes.push(NOTE);
    pid.links.push({ id: 'l-note', from: { node: 'todo-race', port: 'out' }, to: { target: 'out', path: 'Patient.gender' } });
    await expect(compileWithCatalog(parseSpec(json), catalog)).rejects.toMatchObject({
      code: 'MAP_UNKNOWN_PORT',
      message: 'Link "l-note" starts at the port "out" of node "todo-race", which has no outputs.',
      where: { map: 'PID[Patient]', link: 'l-note', node: 'todo-race' },
    });
  });

  it('is printed by crosswalk show under its map, on one line', () => {
    const text = showBundle({ metadata: { name: 'docs', version: '1' }, mapping: withNote(), tests: [] });
    const lines = text.split('\n');
    const at = lines.indexOf('  note (To do): PID-10 may map differently based on local requirements and should use the local extension.');
    expect(at).toBeGreaterThan(lines.findIndex((l) => l.startsWith('segment map PID[Patient]')));
    expect(at).toBeLessThan(lines.findIndex((l) => l.startsWith('data type map CX[Identifier]')));
  });
});
