import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundle } from '../shared/common/bundle';
import { contentSecurityPolicy } from '../shared/common/studio';
import { genderMapping } from '../shared/node/studio/testing/genderMapping';
import { openDefaultNodeStudio } from '../shared/node/studio/openDefaultNodeStudio';
import { createWebHost, type WebHost } from './createWebHost';

const token = 'test-token-0123456789abcdef';
let host: WebHost;
let dir: string;
let close: () => void;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crosswalk-webhost-'));
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Crosswalk studio</title>');
  writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1);');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  const studio = openDefaultNodeStudio({ host: 'web', version: '0.1.0', appRoot: process.cwd(), dataDir: dir, workspaceFile: ':memory:' });
  close = studio.close;
  host = await createWebHost({ api: studio.api, rendererDir: join(dir, 'renderer'), token, port: 0 });
});

afterAll(async () => {
  await host.close();
  close();
  rmSync(dir, { recursive: true, force: true });
});

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
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${token}`);
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: external.address, port: host.port }, () => { socket.destroy(); resolve(true); });
        socket.on('error', () => resolve(false));
      });
      expect(reached).toBe(false);
    }
  });

  it('refuses every request without the token with 401', async () => {
    expect((await call('GET', '/')).status).toBe(401);
    expect((await call('GET', '/assets/app.js')).status).toBe(401);
    const noToken = await api('listRecentFiles', {}, {});
    expect(noToken.status).toBe(401);
    expect(noToken.body).toBe('Unauthorized: open the address the Crosswalk studio printed when it started (it includes the token).\n');
    expect((await api('listRecentFiles', {}, { 'x-crosswalk-token': `${token.slice(0, -1)}x` })).status).toBe(401);
    expect((await api('listRecentFiles', {}, { 'x-crosswalk-token': 'short' })).status).toBe(401);
    expect((await call('GET', '/?token=wrong')).status).toBe(401);
  });

  it.each([['evil.example'], ['evil.example:PORT'], ['127.0.0.1:1'], ['0.0.0.0:PORT'], ['127.0.0.1.nip.io:PORT'], ['localhost.evil.example:PORT']])('refuses Host "%s" with 403 (DNS rebinding)', async (name) => {
    const reply = await call('GET', `/?token=${token}`, { host: name.replace('PORT', String(host.port)) });
    expect(reply.status).toBe(403);
  });

  it('refuses a cross-origin API call even with the token', async () => {
    const reply = await api('listRecentFiles', {}, { 'x-crosswalk-token': token, origin: 'http://evil.example' });
    expect(reply.status).toBe(403);
  });

  it('serves the page with the CSP and sets the token cookie from ?token=', async () => {
    const page = await call('GET', `/?token=${token}`, { host: `localhost:${host.port}` });
    expect(page.status).toBe(200);
    expect(page.body).toBe('<!doctype html><title>Crosswalk studio</title>');
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['set-cookie']).toEqual([`crosswalk_token_${host.port}=${token}; HttpOnly; SameSite=Strict; Path=/`]);
    const asset = await call('GET', '/assets/app.js', { headers: { cookie: `crosswalk_token_${host.port}=${token}` } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.body).toBe('console.log(1);');
    // Another port's cookie (a second studio) is not ours.
    expect((await call('GET', '/assets/app.js', { headers: { cookie: `crosswalk_token_1=${token}` } })).status).toBe(401);
  });

  it.each([['/../secret.txt'], ['/%2e%2e/secret.txt'], ['/assets/..%2f..%2fsecret.txt'], ['/%00']])('never serves outside the renderer: %s', async (path) => {
    const reply = await call('GET', path, { headers: { 'x-crosswalk-token': token } });
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('outside the renderer');
  });
});

describe('web host API', () => {
  it('round-trips a valid call (header token, then cookie)', async () => {
    const set = await api('setUiState', { key: 'panels', value: { left: 320, open: ['PID'] } });
    expect(set.status).toBe(200);
    expect(JSON.parse(set.body)).toEqual({ ok: true, value: {} });
    const get = await api('getUiState', { key: 'panels' }, { cookie: `other=1; crosswalk_token_${host.port}=${token}` });
    expect(JSON.parse(get.body)).toEqual({ ok: true, value: { value: { left: 320, open: ['PID'] } } });
    const info = JSON.parse((await api('getAppInfo', {})).body);
    expect(info).toEqual({ ok: true, value: { version: '0.1.0', host: 'web', nativeDialogs: false, dataDir: dir } });
  });

  it('opens and saves bundle files by path, atomically, and lists them as recent', async () => {
    const file = join(dir, 'saved.crosswalk.json');
    const bundle = { metadata: { name: 'ADT gender', version: '1.0.0' }, mapping: genderMapping(), tests: [] };
    const saved = JSON.parse((await api('saveBundle', { path: file, bundle })).body);
    expect(saved.ok).toBe(true);
    expect(saved.value.path).toBe(file);
    expect(saved.value.bytes).toBe(Buffer.byteLength(readFileSync(file, 'utf8')));
    expect(saved.value.hash).toBe(loadBundle(readFileSync(file, 'utf8')).bundle.hash);
    const opened = JSON.parse((await api('openBundle', { path: file })).body);
    expect(opened.value.path).toBe(file);
    expect(opened.value.name).toBe('saved.crosswalk.json');
    expect(opened.value.bundle.metadata).toEqual(bundle.metadata);
    expect(opened.value.bundle.hash).toBe(saved.value.hash);
    const recent = JSON.parse((await api('listRecentFiles', {})).body);
    expect(recent.value.map((r: { path: string }) => r.path)).toEqual([file]);
  });

  it('reports errors as CrosswalkError data with fitting statuses', async () => {
    const missing = await api('openBundle', { path: join(dir, 'nope.json') });
    expect(missing.status).toBe(422);
    expect(JSON.parse(missing.body)).toEqual({ ok: false, error: { code: 'CW_FILE_NOT_FOUND', message: 'The file does not exist.', where: { file: join(dir, 'nope.json') } } });
    const relative = JSON.parse((await api('openBundle', { path: 'relative/x.json' })).body);
    expect(relative.error.code).toBe('CW_FILE_PATH_RELATIVE');
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
