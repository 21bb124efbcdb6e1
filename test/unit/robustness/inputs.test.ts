// Hostile inputs to the runtime and the studio host: files that are not files, files that do not
// end, and the like. Each one must end in a coded error naming the input, quickly and in bounded
// memory, while everything else still works.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundle } from '../../../runtime/index';
import { expandInputs, readInputText } from '../../../runtime/io/index';
import { openDefaultNodeStudio } from '../../../shared/node/studio/openDefaultNodeStudio';
import { createWebHost, type WebHost } from '../../../webhost/createWebHost';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'crosswalk-robust-inputs-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fifo = (name: string): string => {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
};

describe('unbounded and blocking reads (item 4)', () => {
  it('message inputs: /dev/zero, a FIFO, an endless stdin and a lying /proc size are refused with their code', async () => {
    await expect(readInputText('/dev/zero')).rejects.toMatchObject({ code: 'IO_NOT_REGULAR_FILE', where: { file: '/dev/zero' } });
    await expect(readInputText('/dev/urandom')).rejects.toMatchObject({ code: 'IO_NOT_REGULAR_FILE', where: { file: '/dev/urandom' } });
    const feed = fifo('feed.hl7');
    await expect(readInputText(feed)).rejects.toMatchObject({ code: 'IO_NOT_REGULAR_FILE', where: { file: feed } });
    const endless = new Readable({ read() { this.push(Buffer.alloc(1 << 16, 0)); } });
    await expect(readInputText('-', endless, { maxBytes: 4 << 20, setting: '--max-input-bytes' })).rejects.toMatchObject({ code: 'IO_TOO_LARGE', where: { file: 'stdin' } });
    if (process.platform === 'linux') {
      await expect(readInputText('/proc/self/maps', undefined, { maxBytes: 100, setting: '--max-input-bytes' })).rejects.toMatchObject({ code: 'IO_TOO_LARGE' });
    }
  });

  it('bundles in the runtime: a device or a FIFO is refused, not read', async () => {
    await expect(loadBundle('/dev/zero')).rejects.toMatchObject({ code: 'IO_NOT_REGULAR_FILE', where: { file: '/dev/zero' } });
    const pipe = fifo('bundle.crosswalk.json');
    await expect(loadBundle(pipe)).rejects.toMatchObject({ code: 'IO_NOT_REGULAR_FILE', where: { file: pipe } });
  });

  describe('the web host', () => {
    let host: WebHost;
    let close: () => void;
    const token = 'robustness-token-0123456789';
    const before = process.env.CROSSWALK_MAX_BUNDLE_BYTES;
    beforeAll(async () => {
      // The studio host's limit comes from the environment when the studio opens.
      process.env.CROSSWALK_MAX_BUNDLE_BYTES = '4K';
      const studio = openDefaultNodeStudio({ host: 'web', version: '0.1.0', appRoot: process.cwd(), dataDir: dir, workspaceFile: ':memory:' });
      close = studio.close;
      host = await createWebHost({ api: studio.api, rendererDir: join(dir, 'renderer'), token, port: 0 });
    });
    afterAll(async () => {
      if (before === undefined) delete process.env.CROSSWALK_MAX_BUNDLE_BYTES;
      else process.env.CROSSWALK_MAX_BUNDLE_BYTES = before;
      await host.close();
      close();
    });

    const openBundle = (path: string): Promise<{ status: number; body: { ok: boolean; error?: { code: string; message: string; where: object } } }> =>
      new Promise((resolve, reject) => {
        const req = request({
          host: '127.0.0.1', port: host.port, method: 'POST', path: '/api/openBundle',
          headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json', 'x-crosswalk-token': token },
        }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
        });
        req.on('error', reject);
        req.end(JSON.stringify({ path }));
      });

    it('openBundle on /dev/zero, a FIFO with a writer that never writes, and an oversized file: coded errors, and the host keeps answering', async () => {
      const zero = await openBundle('/dev/zero');
      expect(zero.body.error).toEqual({ code: 'IO_NOT_REGULAR_FILE', message: 'This is a character device, not a regular file, so it is not read.', where: { file: '/dev/zero' } });
      const pipe = fifo('open-me.crosswalk.json');
      const writer = spawn('sh', ['-c', `sleep 30 > '${pipe}'`], { stdio: 'ignore' });
      try {
        const piped = await openBundle(pipe);
        expect(piped.body.error).toEqual({ code: 'IO_NOT_REGULAR_FILE', message: 'This is a named pipe (FIFO), not a regular file, so it is not read.', where: { file: pipe } });
      } finally {
        writer.kill();
      }
      const big = join(dir, 'big.crosswalk.json');
      writeFileSync(big, `{"format":"crosswalk.mapping/1","pad":"${'x'.repeat(5000)}"}`);
      const tooBig = await openBundle(big);
      expect(tooBig.body.error).toEqual({
        code: 'IO_TOO_LARGE',
        message: 'The input holds more than 4 KiB, the most that is read; raise the limit with CROSSWALK_MAX_BUNDLE_BYTES if this is meant.',
        where: { file: big },
      });
      expect((await openBundle(join(dir, 'missing.json'))).body.error?.code).toBe('CW_FILE_NOT_FOUND');
    });
  });
});

describe('silent skips in input folders (item 6)', () => {
  it('a web of links that would make the walk exponential reads each folder once and reports the other ways in', async () => {
    // d0 … d24, each holding two links (a, b) to the next: 2^24 paths if links were followed blindly.
    const web = join(dir, 'web');
    const levels = 24;
    for (let i = 0; i <= levels; i++) mkdirSync(join(web, `d${i}`), { recursive: true });
    for (let i = 0; i < levels; i++) {
      symlinkSync(join(web, `d${i + 1}`), join(web, `d${i}`, 'a'));
      symlinkSync(join(web, `d${i + 1}`), join(web, `d${i}`, 'b'));
    }
    writeFileSync(join(web, `d${levels}`, 'm.hl7'), 'MSH|^~\\&|\r');
    symlinkSync(join(web, 'd0'), join(web, `d${levels}`, 'back'));
    const inputs = await expandInputs([join(web, 'd0')]);
    const deepest = join(web, 'd0', ...Array.from({ length: levels }, () => 'a'));
    expect(inputs.filter((i) => !i.error).map((i) => i.path)).toEqual([join(deepest, 'm.hl7')]);
    expect(inputs.filter((i) => i.error).map((i) => [i.path, i.error?.code])).toEqual([
      [join(deepest, 'back'), 'IO_LINK_LOOP'],
      ...Array.from({ length: levels }, (_, k) => [join(web, 'd0', ...Array.from({ length: levels - 1 - k }, () => 'a'), 'b'), 'IO_DUPLICATE_FOLDER']),
    ]);
  });

  it('links that lead nowhere or round in circles are named, never followed forever', async () => {
    const circle = join(dir, 'circle');
    mkdirSync(circle);
    symlinkSync('x.hl7', join(circle, 'y.hl7'));
    symlinkSync('y.hl7', join(circle, 'x.hl7'));
    symlinkSync(circle, join(circle, 'self'));
    symlinkSync('/nonexistent/feed', join(circle, 'feed'));
    expect((await expandInputs([circle])).map((i) => [i.path, i.error?.code])).toEqual([
      [join(circle, 'feed'), 'IO_BROKEN_LINK'],
      [join(circle, 'self'), 'IO_LINK_LOOP'],
      [join(circle, 'x.hl7'), 'IO_LINK_LOOP'],
      [join(circle, 'y.hl7'), 'IO_LINK_LOOP'],
    ]);
  });
});
