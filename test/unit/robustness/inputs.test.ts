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
import { expandInputs, hl7ReadOptions, readInputBytes } from '../../../runtime/io/index';
import { iterateHl7Bytes } from '../../../shared/common/hl7v2/index';
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
    await expect(readInputBytes('/dev/zero')).rejects.toMatchObject({ code: 'IO_NOT_REGULAR_FILE', where: { file: '/dev/zero' } });
    await expect(readInputBytes('/dev/urandom')).rejects.toMatchObject({ code: 'IO_NOT_REGULAR_FILE', where: { file: '/dev/urandom' } });
    const feed = fifo('feed.hl7');
    await expect(readInputBytes(feed)).rejects.toMatchObject({ code: 'IO_NOT_REGULAR_FILE', where: { file: feed } });
    const endless = new Readable({ read() { this.push(Buffer.alloc(1 << 16, 0)); } });
    await expect(readInputBytes('-', endless, { maxBytes: 4 << 20, setting: '--max-input-bytes' })).rejects.toMatchObject({ code: 'IO_TOO_LARGE', where: { file: 'stdin' } });
    if (process.platform === 'linux') {
      await expect(readInputBytes('/proc/self/maps', undefined, { maxBytes: 100, setting: '--max-input-bytes' })).rejects.toMatchObject({ code: 'IO_TOO_LARGE' });
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
    let recent: (path: string) => void;
    beforeAll(async () => {
      // The studio host's limit comes from the environment when the studio opens.
      process.env.CROSSWALK_MAX_BUNDLE_BYTES = '4K';
      const studio = openDefaultNodeStudio({ host: 'web', version: '0.1.0', appRoot: process.cwd(), dataDir: dir, workspaceFile: ':memory:' });
      close = studio.close;
      // The studio opens by path only chosen or recent files: these are recent (an earlier session opened them).
      recent = (path) => studio.workspace.touchRecentFile(path, path.split('/').pop() ?? path);
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
      recent('/dev/zero');
      const zero = await openBundle('/dev/zero');
      expect(zero.body.error).toEqual({ code: 'IO_NOT_REGULAR_FILE', message: 'This is a character device, not a regular file, so it is not read.', where: { file: '/dev/zero' } });
      const pipe = fifo('open-me.crosswalk.json');
      recent(pipe);
      const writer = spawn('sh', ['-c', `sleep 30 > '${pipe}'`], { stdio: 'ignore' });
      try {
        const piped = await openBundle(pipe);
        expect(piped.body.error).toEqual({ code: 'IO_NOT_REGULAR_FILE', message: 'This is a named pipe (FIFO), not a regular file, so it is not read.', where: { file: pipe } });
      } finally {
        writer.kill();
      }
      const big = join(dir, 'big.crosswalk.json');
      writeFileSync(big, `{"format":"crosswalk.mapping/1","pad":"${'x'.repeat(5000)}"}`);
      recent(big);
      const tooBig = await openBundle(big);
      expect(tooBig.body.error).toEqual({
        code: 'IO_TOO_LARGE',
        message: 'The input holds more than 4 KiB, the most that is read; raise the limit with CROSSWALK_MAX_BUNDLE_BYTES if this is meant.',
        where: { file: big },
      });
      recent(join(dir, 'missing.json'));
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

describe('one bad byte garbles no other message (item 3)', () => {
  const header = (id: number, charset = '') => `MSH|^~\\&|A|B|C|D|20240101||ADT^A01|${id}|P|2.5||||||${charset}\r`;
  const msg = (id: number, family: number[], charset = ''): Buffer => Buffer.concat([Buffer.from(`${header(id, charset)}PID|1||x||`, 'latin1'), Buffer.from(family), Buffer.from('\r')]);
  const read = (input: Uint8Array) => [...iterateHl7Bytes(input, { file: 'hostile.hl7', ...hl7ReadOptions })];
  const mueller = [...Buffer.from('MÜLLER', 'utf8')];

  it.each([
    ['a stray 0xFF', [0xff]],
    ['an overlong encoding', [0xc0, 0x80]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a sequence cut short by the segment end', [0xe2, 0x82]],
    ['a lone continuation byte', [0x80]],
  ])('%s fails its message alone; the UTF-8 messages around it keep MÜLLER', (_what, bad) => {
    const before = msg(1, mueller);
    const broken = msg(2, [0x4d, ...bad]);
    const items = read(Buffer.concat([before, broken, msg(3, mueller)]));
    expect(items.map((i) => i.message?.get('PID-5') ?? i.error?.code)).toEqual(['MÜLLER', 'HL7_ENCODING', 'MÜLLER']);
    expect(items[1].error?.where.offset).toBe(before.length + broken.indexOf(Buffer.from(bad)));
  });

  it('an ISO 2022 escape to a set the decoder does not have (JIS X 0212) is HL7_ENCODING, not mojibake', () => {
    const items = read(Buffer.concat([msg(1, [0x1b, 0x24, 0x28, 0x44, 0x30, 0x21, 0x1b, 0x28, 0x42], '~ISO IR87'), msg(2, mueller)]));
    expect(items.map((i) => i.message?.get('PID-5') ?? i.error?.code)).toEqual(['HL7_ENCODING', 'MÜLLER']);
  });

  it('a long or strange MSH-18 is quoted short in the error; the message after it is read', () => {
    const items = read(Buffer.concat([msg(1, [0x41], 'X'.repeat(5000)), msg(2, mueller)]));
    expect(items[0].error?.message).toBe(`MSH-18 declares the character set "${'X'.repeat(40)}…", which is not a value of HL7 table 0211.`);
    expect(items[1].message?.get('PID-5')).toBe('MÜLLER');
  });

  it('UTF-16 without a byte-order mark, and UTF-16 cut in half, are coded errors', () => {
    const text = `${header(1)}PID|1||x||Müller\r`;
    expect(read(Buffer.from(text, 'utf16le')).map((i) => i.error?.code)).toEqual(['HL7_BINARY']);
    const odd = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le').subarray(0, 51)]);
    expect(read(odd).map((i) => [i.error?.code, i.error?.where.offset])).toEqual([['HL7_ENCODING', 52]]);
  });

  it('many messages, every other one broken: each fails alone, in order, and nothing is re-decoded', () => {
    const parts: Buffer[] = [];
    for (let i = 1; i <= 2000; i++) parts.push(msg(i, i % 2 === 0 ? [0x4d, 0xff] : mueller));
    const items = read(Buffer.concat(parts));
    expect(items).toHaveLength(2000);
    expect(items.every((item, i) => (i % 2 === 0 ? item.message?.get('PID-5') === 'MÜLLER' : item.error?.code === 'HL7_ENCODING'))).toBe(true);
  });
});
