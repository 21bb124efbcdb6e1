import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundle } from '../shared/common/bundle';
import { contentSecurityPolicy } from '../shared/common/studio';
import { genderMapping } from '../shared/node/studio/testing/genderMapping';
import type { WebHost } from './createWebHost';
import { startTestWebHost, type TestWebHost } from './testing/startTestWebHost';

const token = 'test-token-0123456789abcdef';
let running: TestWebHost;
let host: WebHost;
let dir: string;

beforeAll(async () => {
  running = await startTestWebHost(token, { 'index.html': '<!doctype html><title>Crosswalk studio</title>', 'assets/app.js': 'console.log(1);' });
  ({ host, dir } = running);
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
});

afterAll(() => running.close());

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** A raw HTTP request, so the test controls the Host header exactly (fetch would not let it). */
function call(method: string, path: string, options: { host?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: host.port, method, path,
      headers: { host: options.host ?? `127.0.0.1:${host.port}`, ...options.headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (method: string, args: unknown, headers: Record<string, string> = { 'x-crosswalk-token': token }) =>
  call('POST', `/api/${method}`, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(args) });

describe('web host security', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(host.server.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4', port: host.port });
    // The token travels in the fragment, which a browser never sends to any server.
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${token}`);
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: external.address, port: host.port }, () => { socket.destroy(); resolve(true); });
        socket.on('error', () => resolve(false));
      });
      expect(reached).toBe(false);
    }
  });

  it('refuses every API call without the token in its header with 401', async () => {
    const noToken = await api('listRecentFiles', {}, {});
    expect(noToken.status).toBe(401);
    expect(JSON.parse(noToken.body)).toEqual({ ok: false, error: { code: 'CW_STUDIO_TOKEN', message: 'Open the address the Crosswalk studio printed when it started; it carries the launch token.', where: {} } });
    expect((await api('listRecentFiles', {}, { 'x-crosswalk-token': `${token.slice(0, -1)}x` })).status).toBe(401);
    expect((await api('listRecentFiles', {}, { 'x-crosswalk-token': 'short' })).status).toBe(401);
    // Browsers send a 127.0.0.1 cookie to every port of it, and a query string lands in histories
    // and logs: neither is a credential, even with the right token in it.
    expect((await api('listRecentFiles', {}, { cookie: `crosswalk_token_${host.port}=${token}` })).status).toBe(401);
    expect((await call('POST', `/api/listRecentFiles?token=${token}`, { headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await call('GET', `/api/listRecentFiles?token=${token}`)).status).toBe(401);
  });

  it.each([['evil.example'], ['evil.example:PORT'], ['127.0.0.1:1'], ['0.0.0.0:PORT'], ['127.0.0.1.nip.io:PORT'], ['localhost.evil.example:PORT']])('refuses Host "%s" with 403 (DNS rebinding)', async (name) => {
    expect((await call('GET', '/', { host: name.replace('PORT', String(host.port)) })).status).toBe(403);
    expect((await api('getAppInfo', {}, { 'x-crosswalk-token': token, host: name.replace('PORT', String(host.port)) })).status).toBe(403);
  });

  it('refuses a cross-origin API call even with the token', async () => {
    const reply = await api('listRecentFiles', {}, { 'x-crosswalk-token': token, origin: 'http://evil.example' });
    expect(reply.status).toBe(403);
    expect((await call('GET', '/assets/app.js', { headers: { origin: `http://127.0.0.1:${host.port + 1}` } })).status).toBe(403);
  });

  it('serves the page\'s static files without the token and never sets a cookie', async () => {
    const page = await call('GET', '/', { host: `localhost:${host.port}` });
    expect(page.status).toBe(200);
    expect(page.body).toBe('<!doctype html><title>Crosswalk studio</title>');
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['set-cookie']).toBeUndefined();
    // The old launch address (?token=) still opens the page, and still sets nothing.
    const old = await call('GET', `/?token=${token}`);
    expect(old.status).toBe(200);
    expect(old.headers['set-cookie']).toBeUndefined();
    const asset = await call('GET', '/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['set-cookie']).toBeUndefined();
    expect(asset.body).toBe('console.log(1);');
    expect((await call('POST', '/assets/app.js')).status).toBe(405);
  });

  it.each([['/../secret.txt'], ['/%2e%2e/secret.txt'], ['/assets/..%2f..%2fsecret.txt'], ['/%00']])('never serves outside the renderer: %s', async (path) => {
    const reply = await call('GET', path, { headers: { 'x-crosswalk-token': token } });
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('outside the renderer');
  });
});

describe('web host API', () => {
  it('round-trips a valid call', async () => {
    const set = await api('setUiState', { key: 'panels', value: { left: 320, open: ['PID'] } });
    expect(set.status).toBe(200);
    expect(JSON.parse(set.body)).toEqual({ ok: true, value: {} });
    const get = await api('getUiState', { key: 'panels' });
    expect(JSON.parse(get.body)).toEqual({ ok: true, value: { value: { left: 320, open: ['PID'] } } });
    const info = JSON.parse((await api('getAppInfo', {})).body);
    expect(info).toEqual({ ok: true, value: { version: '0.1.0', host: 'web', nativeDialogs: false, dataDir: dir } });
  });

  it('opens by path only a recent file, and saves back to it, atomically', async () => {
    const file = join(dir, 'saved.crosswalk.json');
    const bundle = { metadata: { name: 'ADT gender', version: '1.0.0' }, mapping: genderMapping(), tests: [] };
    // The web host has no dialog: without a recent file, nothing by path is reachable.
    const refused = await api('saveBundle', { path: file, bundle });
    expect(refused.status).toBe(422);
    expect(JSON.parse(refused.body).error).toEqual({
      code: 'CW_FILE_NOT_CHOSEN', message: 'The studio saves only to a file chosen in the Save dialog or the file the mapping was opened from or saved to.', where: { file },
    });
    expect(existsSync(file)).toBe(false);

    // A file an earlier (Electron) session opened from the same data folder is in the recent files.
    writeFileSync(file, JSON.parse((await api('serializeBundle', { bundle })).body).value.text);
    running.studio.workspace.touchRecentFile(file, 'saved.crosswalk.json');
    const opened = JSON.parse((await api('openBundle', { path: file })).body);
    expect(opened.value.path).toBe(file);
    expect(opened.value.name).toBe('saved.crosswalk.json');
    expect(opened.value.bundle.metadata).toEqual(bundle.metadata);
    expect(opened.value.bundle.mapping.maps.map((m: { id: string }) => m.id)).toEqual(['ADT_A01']);
    const before = loadBundle(readFileSync(file, 'utf8')).bundle.hash;
    const saved = JSON.parse((await api('saveBundle', { path: file, bundle: { ...bundle, metadata: { ...bundle.metadata, version: '1.0.1' } } })).body);
    expect(saved.ok).toBe(true);
    expect(saved.value.path).toBe(file);
    expect(saved.value.bytes).toBe(Buffer.byteLength(readFileSync(file, 'utf8')));
    expect(saved.value.hash).toBe(loadBundle(readFileSync(file, 'utf8')).bundle.hash);
    expect(saved.value.hash).not.toBe(before);
    const recent = JSON.parse((await api('listRecentFiles', {})).body);
    expect(recent.value.map((r: { path: string }) => r.path)).toEqual([file]);
  });

  it('reports errors as CrosswalkError data with fitting statuses', async () => {
    // A recent file deleted since: the allow-list lets it through, the file system answers.
    running.studio.workspace.touchRecentFile(join(dir, 'nope.json'), 'nope.json');
    const missing = await api('openBundle', { path: join(dir, 'nope.json') });
    expect(missing.status).toBe(422);
    expect(JSON.parse(missing.body)).toEqual({ ok: false, error: { code: 'CW_FILE_NOT_FOUND', message: 'The file does not exist.', where: { file: join(dir, 'nope.json') } } });
    const relative = JSON.parse((await api('openBundle', { path: 'relative/x.json' })).body);
    expect(relative.error.code).toBe('CW_FILE_NOT_CHOSEN');
    const badArgs = await api('openBundle', { path: ['/etc/passwd'] });
    expect(badArgs.status).toBe(400);
    expect(JSON.parse(badArgs.body).error.code).toBe('CW_STUDIO_BAD_ARGS');
    const unknown = await api('__proto__', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('CW_STUDIO_UNKNOWN_METHOD');
    const badJson = await call('POST', '/api/getUiState', { headers: { 'x-crosswalk-token': token, 'content-type': 'application/json' }, body: '{"key":' });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body)).toEqual({ ok: false, error: { code: 'CW_STUDIO_BAD_JSON', message: 'The request body is not valid JSON.', where: {} } });
    // JSON.parse reads any depth; the dispatcher then refuses it with a coded error, not a 500.
    const deep = await call('POST', '/api/setUiState', { headers: { 'x-crosswalk-token': token, 'content-type': 'application/json' }, body: `{"key":"k","value":${'['.repeat(100_000)}${']'.repeat(100_000)}}` });
    expect(deep.status).toBe(422);
    expect(JSON.parse(deep.body)).toEqual({ ok: false, error: { code: 'CW_STUDIO_TOO_DEEP', message: 'setUiState: the payload nests deeper than 256 levels.', where: { path: 'setUiState' } } });
    const form = await call('POST', '/api/getUiState', { headers: { 'x-crosswalk-token': token, 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    expect((await call('GET', '/api/getUiState', { headers: { 'x-crosswalk-token': token } })).status).toBe(405);
  });
});
