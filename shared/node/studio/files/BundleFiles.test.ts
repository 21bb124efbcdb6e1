import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBundle, loadBundle, serializeBundle } from '../../../common/bundle';
import type { MappingSpec } from '../../../common/mapping/spec/MappingSpec';
import { genderMapping } from '../testing/genderMapping';
import { BundleFiles } from './BundleFiles';
import { engineBundleCodec } from './engineBundleCodec';

const files = new BundleFiles(engineBundleCodec);
const metadata = { name: 'ADT gender', version: '1.0.0', author: 'Studio test' };
let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'crosswalk-files-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('BundleFiles with the engine codec', () => {
  it('saves a sealed canonical bundle that the runtime loader accepts, and opens it back', async () => {
    const path = join(dir, 'gender.crosswalk.json');
    const saved = files.save(path, { metadata, mapping: genderMapping(), tests: [] });
    const text = readFileSync(path, 'utf8');
    const expected = createBundle({ metadata, mapping: genderMapping() as unknown as MappingSpec, tests: [] });
    expect(text).toBe(serializeBundle(expected));
    expect(saved).toEqual({ path, bytes: Buffer.byteLength(text), hash: expected.hash });
    expect(loadBundle(text).bundle.hash).toBe(expected.hash);

    const opened = await files.open(path);
    expect(opened.name).toBe('gender.crosswalk.json');
    expect(opened.bundle.metadata).toEqual(metadata);
    // The studio edits the content: the mapping (format 2, with its layout) and the test cases.
    expect((opened.bundle.mapping as MappingSpec).format).toBe('crosswalk.mapping/2');
    expect(Object.keys(opened.bundle).sort()).toEqual(['mapping', 'metadata', 'tests']);
    // Saving what was opened gives the same bytes: no drift between open and save.
    files.save(path, opened.bundle);
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['gender.crosswalk.json']);
  });

  it('opens a bare mapping spec and saves it as a bundle', () => {
    const opened = files.openText('spec.json', JSON.stringify(genderMapping()));
    expect((opened.bundle.mapping as MappingSpec).maps[0].id).toBe('ADT_A01');
    const path = join(dir, 'spec.crosswalk.json');
    files.save(path, opened.bundle);
    expect(loadBundle(readFileSync(path, 'utf8')).bundle.metadata).toEqual({ name: 'Untitled mapping', version: '0.1.0' });
  });

  it('refuses a bundle edited after export', async () => {
    const path = join(dir, 'tampered.crosswalk.json');
    files.save(path, { metadata, mapping: genderMapping(), tests: [] });
    writeFileSync(path, readFileSync(path, 'utf8').replace('"female"', '"male"'));
    await expect(files.open(path)).rejects.toMatchObject({ code: 'BUNDLE_HASH_MISMATCH', where: { file: 'tampered.crosswalk.json', path: 'hash' } });
  });

  it.each([
    ['not JSON', '{\n  "format": "crosswalk.bundle/2",\n  oops\n}', 'CW_BUNDLE_JSON', { file: 'x.json', offset: 38, line: 3 }],
    ['an array', '[1, 2]', 'CW_BUNDLE_NOT_OBJECT', { file: 'x.json' }],
    ['a forbidden key', '{"format":"crosswalk.mapping/1","__proto__":{"polluted":true}}', 'CW_BUNDLE_FORBIDDEN_KEY', { file: 'x.json', path: '__proto__' }],
    ['another format', '{"format":"other/9"}', 'BUNDLE_UNKNOWN_FORMAT', { file: 'x.json', path: 'format' }],
  ])('refuses %s with a CrosswalkError naming where', (_what, text, code, where) => {
    expect(() => files.openText('x.json', text)).toThrow(expect.objectContaining({ code, where }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never writes an invalid bundle and leaves the previous file intact', () => {
    const path = join(dir, 'keep.crosswalk.json');
    files.save(path, { metadata, mapping: genderMapping(), tests: [] });
    const before = readFileSync(path, 'utf8');
    const broken = { ...genderMapping(), links: [{ id: 'l1', from: { source: 'nowhere', path: 'PID-8' }, to: { target: 'patient', path: 'Patient.gender' } }] } as Record<string, unknown>;
    expect(() => files.save(path, { metadata, mapping: broken, tests: [] })).toThrow(expect.objectContaining({ code: expect.stringMatching(/^SPEC_/) }));
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['keep.crosswalk.json']);
  });

  it('reports file system failures with the file and leaves no temporary file', async () => {
    expect(() => files.save(join(dir, 'missing', 'x.crosswalk.json'), { metadata, mapping: genderMapping() })).toThrow(expect.objectContaining({
      code: 'CW_FILE_NOT_FOUND', message: 'The folder to save into does not exist.',
    }));
    expect(() => files.save(dir, { metadata, mapping: genderMapping() })).toThrow(expect.objectContaining({ code: 'CW_FILE_IS_DIRECTORY' }));
    await expect(files.open(dir)).rejects.toMatchObject({ code: 'CW_FILE_IS_DIRECTORY', where: { file: dir } });
    await expect(files.open('relative.json')).rejects.toMatchObject({ code: 'CW_FILE_PATH_RELATIVE' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('opens only regular files: a FIFO is refused at once, without waiting for a writer', async () => {
    const fifo = join(dir, 'pipe.crosswalk.json');
    execFileSync('mkfifo', [fifo]);
    // A writer that holds the FIFO open for a while: reading it (the old behaviour) would wait for
    // that writer and then parse nothing; opening it must be refused without reading at all.
    const writer = spawn('sh', ['-c', `sleep 5 > '${fifo}'`], { stdio: 'ignore' });
    try {
      await expect(files.open(fifo)).rejects.toMatchObject({
        code: 'IO_NOT_REGULAR_FILE', message: 'This is a named pipe (FIFO), not a regular file, so it is not read.', where: { file: fifo },
      });
    } finally {
      writer.kill();
    }
    await expect(files.open('/dev/zero')).rejects.toMatchObject({ code: 'IO_NOT_REGULAR_FILE', message: 'This is a character device, not a regular file, so it is not read.' });
  });

  it.runIf(process.platform === 'linux')('counts the size while reading: a file whose stat says 0 bytes is still held to the limit', async () => {
    const small = new BundleFiles(engineBundleCodec, { maxBytes: 64, setting: 'CROSSWALK_MAX_BUNDLE_BYTES' });
    await expect(small.open('/proc/self/status')).rejects.toMatchObject({
      code: 'IO_TOO_LARGE', message: 'The input holds more than 64 bytes, the most that is read; raise the limit with CROSSWALK_MAX_BUNDLE_BYTES if this is meant.', where: { file: '/proc/self/status' },
    });
    const path = join(dir, 'big.crosswalk.json');
    writeFileSync(path, ' '.repeat(65));
    await expect(small.open(path)).rejects.toMatchObject({ code: 'IO_TOO_LARGE' });
  });

  it('serializes for a download with a file name from the metadata', () => {
    const result = files.serialize({ metadata: { name: 'ADT^A01 → FHIR (v2.5.1)', version: '1' }, mapping: genderMapping() });
    expect(result.fileName).toBe('adt-a01-fhir-v2.5.1.crosswalk.json');
    expect(loadBundle(result.text).bundle.hash).toBe(result.hash);
  });
});
