import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studioLaunchUrl, takeLaunchToken } from '../../../shared/common/studio';
import type { WebHost } from '../../../webhost/createWebHost';
import { startTestWebHost, type TestWebHost } from '../../../webhost/testing/startTestWebHost';

// Hostile inputs against the studio's hosts, kept here so they stay refused: ways to present the
// web host's launch token other than its one header.
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
