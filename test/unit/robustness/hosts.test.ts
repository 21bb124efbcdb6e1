import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchStudioCall, launchExample, studioLaunchUrl, takeLaunchToken } from '../../../shared/common/studio';
import { BundlePathAllowList } from '../../../shared/node/studio/BundlePathAllowList';
import { openDefaultNodeStudio } from '../../../shared/node/studio/openDefaultNodeStudio';
import { genderMapping } from '../../../shared/node/studio/testing/genderMapping';
import type { WebHost } from '../../../webhost/createWebHost';
import { startTestWebHost, type TestWebHost } from '../../../webhost/testing/startTestWebHost';

// Hostile inputs against the studio's hosts, kept here so they stay refused: ways to present the
// web host's launch token other than its one header, and other spellings of a file the user chose.
const token = 'robust-token-0123456789abcdef';
let running: TestWebHost;
let host: WebHost;

beforeAll(async () => {
  running = await startTestWebHost(token, { 'index.html': '<!doctype html><title>Crosswalk studio</title>' });
  host = running.host;
});

afterAll(() => running.close());

/** One raw request; headers as [name, value] pairs so a header may repeat. */
function post(path: string, headers: [string, string][]): Promise<{ status: number; setCookie: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: host.port, method: 'POST', path,
      headers: [['host', `127.0.0.1:${host.port}`], ['content-type', 'application/json'], ...headers].flat(),
    }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe('web host: the token counts only in its header', () => {
  it.each<[string, string, [string, string][]]>([
    ['a cookie named after the port', '/api/listRecentFiles', [['cookie', `crosswalk_token_PORT=${token}`]]],
    ['a plain cookie', '/api/listRecentFiles', [['cookie', `token=${token}; x-crosswalk-token=${token}`]]],
    ['the query string', `/api/listRecentFiles?token=${token}`, []],
    ['the query string, header name as key', `/api/listRecentFiles?x-crosswalk-token=${token}`, []],
    ['a fragment in the request target', `/api/listRecentFiles#token=${token}`, []],
    ['an Authorization bearer', '/api/listRecentFiles', [['authorization', `Bearer ${token}`]]],
    ['the header twice (joined by ", ")', '/api/listRecentFiles', [['x-crosswalk-token', token], ['x-crosswalk-token', token]]],
    ['the header with a trailing character', '/api/listRecentFiles', [['x-crosswalk-token', `${token}=`]]],
    ['the header percent-encoded', '/api/listRecentFiles', [['x-crosswalk-token', encodeURIComponent(token).replace(/-/g, '%2D')]]],
    ['the header empty', '/api/listRecentFiles', [['x-crosswalk-token', '']]],
    ['the header as the token\'s prefix', '/api/listRecentFiles', [['x-crosswalk-token', token.slice(0, 16)]]],
  ])('refuses %s with 401 and sets no cookie', async (_name, path, headers) => {
    const reply = await post(path, headers.map(([k, v]) => [k, v.replace('PORT', String(host.port))]));
    expect(reply).toEqual({ status: 401, setCookie: undefined });
  });

  it('answers the one right form', async () => {
    expect(await post('/api/listRecentFiles', [['X-Crosswalk-Token', token]])).toEqual({ status: 200, setCookie: undefined });
  });
});

describe('launch address fragment', () => {
  it('round-trips the host\'s launch address', () => {
    const url = studioLaunchUrl('http://127.0.0.1:5', token);
    expect(url).toBe(`http://127.0.0.1:5/#token=${token}`);
    expect(takeLaunchToken(url.slice(url.indexOf('#')))).toEqual({ token, rest: '' });
  });

  it('may name an example to open, which stays in the address when the token leaves it', () => {
    const url = studioLaunchUrl('http://127.0.0.1:5', token, 'adt-a01-to-fhir');
    expect(url).toBe(`http://127.0.0.1:5/#token=${token}&example=adt-a01-to-fhir`);
    const { rest } = takeLaunchToken(url.slice(url.indexOf('#')));
    expect(rest).toBe('#example=adt-a01-to-fhir');
    expect(launchExample(rest)).toBe('adt-a01-to-fhir');
    expect(launchExample(url.slice(url.indexOf('#')))).toBe('adt-a01-to-fhir');
  });

  it.each<[string, string | undefined]>([['', undefined], ['#example=', undefined], ['#example=%E0%A4%A', undefined], ['#a=1&example=oru%20r01', 'oru r01'], ['#examples=x', undefined]])('reads the example of %j as %j', (fragment, id) => {
    expect(launchExample(fragment)).toBe(id);
  });

  it.each<[string, string | undefined, string]>([
    ['', undefined, ''],
    ['#', undefined, ''],
    ['#token=', undefined, ''],
    ['#token', undefined, ''],
    ['#token&token=late', 'late', ''],
    ['#TOKEN=abc', undefined, '#TOKEN=abc'],
    ['#tokenx=abc', undefined, '#tokenx=abc'],
    ['#token=first&token=second', 'first', ''],
    ['#token=%E0%A4%A&token=good', 'good', ''],
    ['#token=%E0%A4%A', undefined, ''],
    ['#a=1&&token=t&b=2', 't', '#a=1&b=2'],
    ['#token=a=b', 'a=b', ''],
    ['token=bare', 'bare', ''],
  ])('takes %j as token %j, leaving %j', (fragment, expected, rest) => {
    expect(takeLaunchToken(fragment)).toEqual({ token: expected, rest });
  });
});

describe('file allow-list: only the exact path the user chose', () => {
  const bundle = { metadata: { name: 'ADT gender', version: '1.0.0' }, mapping: genderMapping(), tests: [] };
  let folder: string;
  let chosen: string;
  let studio: ReturnType<typeof openDefaultNodeStudio>;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'crosswalk-robust-chosen-'));
    chosen = join(folder, 'café.crosswalk.json');
    studio = openDefaultNodeStudio({
      host: 'electron', version: '0.1.0', appRoot: process.cwd(), dataDir: folder, workspaceFile: ':memory:',
      hooks: { chooseOpenPath: async () => chosen, chooseSavePath: async () => chosen },
    });
    writeFileSync(chosen, (await studio.api.serializeBundle({ bundle })).text);
    await studio.api.chooseOpenPath({});
    await studio.api.chooseSavePath({});
    await studio.api.openBundle({ path: chosen });
  });
  afterAll(() => {
    studio.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const spellings: [string, (path: string) => string][] = [
    ['a trailing slash', (p) => `${p}/`],
    ['a "." step', (p) => `${dirname(p)}/./${basename(p)}`],
    ['a doubled slash', (p) => p.replace(/\/([^/]*)$/, '//$1')],
    ['a ".." detour', (p) => `${dirname(p)}/../${basename(dirname(p))}/${basename(p)}`],
    ['another case', (p) => p.toUpperCase()],
    ['a trailing NUL', (p) => `${p}\0`],
    ['a trailing space', (p) => `${p} `],
    ['the other Unicode normal form', (p) => p.normalize('NFD')],
    ['backslashes', (p) => p.replace(/\//g, '\\')],
    ['a file: URL', (p) => `file://${p}`],
    ['its bare name', (p) => basename(p)],
    ['a sibling', (p) => join(dirname(p), 'other.json')],
    ['a system file', () => '/etc/passwd'],
  ];

  it.each(spellings)('refuses opening and saving %s', async (_name, spell) => {
    const path = spell(chosen);
    expect(path).not.toBe(chosen);
    const before = readFileSync(chosen, 'utf8');
    for (const [method, args] of [['openBundle', { path }], ['saveBundle', { path, bundle }]] as const) {
      const envelope = await dispatchStudioCall(studio.api, method, args);
      expect(envelope.ok ? 'allowed' : envelope.error.code).toBe('CW_FILE_NOT_CHOSEN');
    }
    expect(readFileSync(chosen, 'utf8')).toBe(before);
  });

  it('still allows the exact path', async () => {
    expect((await studio.api.saveBundle({ path: chosen, bundle })).path).toBe(chosen);
  });

  it.each<[string, string]>([
    ['a prefix of a recent path', '/m/adt'],
    ['a recent path with more after it', '/m/adt.crosswalk.json.bak'],
    ['a recent path inside a folder named like it', '/m/adt.crosswalk.json/x'],
    ['an empty path', ''],
  ])('refuses %s in the recent files check', (_name, path) => {
    const list = new BundlePathAllowList(() => ['/m/adt.crosswalk.json']);
    expect(() => list.checkOpen(path)).toThrow(expect.objectContaining({ code: 'CW_FILE_NOT_CHOSEN' }));
    expect(() => list.checkSave('/m/adt.crosswalk.json')).toThrow(expect.objectContaining({ code: 'CW_FILE_NOT_CHOSEN' }));
  });
});
