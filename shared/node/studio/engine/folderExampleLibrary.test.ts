import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../../../common/bundle';
import { BundleFiles } from '../files/BundleFiles';
import { engineBundleCodec } from '../files/engineBundleCodec';
import { defaultExampleId, folderExampleLibrary } from './folderExampleLibrary';

const examplesDir = resolve(process.cwd(), 'examples');
const library = folderExampleLibrary(examplesDir, engineBundleCodec);
const adtFile = join(examplesDir, `${defaultExampleId}.crosswalk.json`);

describe('the shipped examples', () => {
  it('lists the ADT^A01 example first and opens it by default', async () => {
    const list = await library.list();
    expect(list[0].id).toBe('adt-a01-to-fhir');
    const { bundle, content } = loadBundle(readFileSync(adtFile, 'utf8'));
    expect(list[0].title).toBe(bundle.metadata.name);
    const example = await library.get(undefined);
    expect(example.id).toBe('adt-a01-to-fhir');
    expect(example.bundle.mapping).toEqual(content.mapping);
  });

  it('offers the bundle\'s test inputs as its samples, in order', async () => {
    const example = await library.get('adt-a01-to-fhir');
    const { content } = loadBundle(readFileSync(adtFile, 'utf8'));
    expect(example.samples).toEqual(content.tests.map((t) => ({ name: t.name, text: t.input })));
    expect(example.samples.length).toBeGreaterThan(0);
    expect(example.samples[0].text.startsWith('MSH|') || example.samples[0].text.startsWith('\uFEFFMSH|')).toBe(true);
  });

  it('saves an opened example back byte for byte (canonical form, same hash)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosswalk-example-'));
    try {
      // One read, so a regeneration of the example running alongside cannot race the comparison.
      const text = readFileSync(adtFile, 'utf8');
      const files = new BundleFiles(engineBundleCodec);
      const out = join(dir, 'copy.crosswalk.json');
      files.save(out, files.openText('adt-a01-to-fhir.crosswalk.json', text).bundle);
      expect(readFileSync(out, 'utf8')).toBe(text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the examples when asked for an unknown one', async () => {
    await expect(library.get('oru-to-nowhere')).rejects.toMatchObject({
      code: 'CW_STUDIO_NO_EXAMPLE', message: expect.stringMatching(/^There is no example named "oru-to-nowhere"; the examples are adt-a01-to-fhir/),
    });
  });

  it('says so when no examples are installed', async () => {
    const empty = folderExampleLibrary(join(tmpdir(), 'crosswalk-no-such-folder'), engineBundleCodec);
    expect(await empty.list()).toEqual([]);
    await expect(empty.get(undefined)).rejects.toMatchObject({ code: 'CW_STUDIO_NO_EXAMPLE', message: 'No example mappings are installed (examples/*.crosswalk.json).' });
  });
});
