import { expect, test } from '@playwright/test';
import { foreignRequests, recordRequests, studioHost } from './studioHost';

test('the studio page loads with the launch token and makes no request beyond 127.0.0.1', async ({ page }) => {
  const { url, origin } = studioHost();
  const requests = recordRequests(page);
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page).toHaveTitle(/Crosswalk/);
  await expect(page.locator('#root > *').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  // The real UI (React Flow, Monaco and its workers) runs under the strict policy without tripping it.
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);

  // The token came once in the URL; from here the page's own requests carry the cookie.
  const info = await page.evaluate(async () => {
    const reply = await fetch('/api/getAppInfo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return { status: reply.status, body: await reply.json() as unknown };
  });
  expect(info).toEqual({ status: 200, body: { ok: true, value: expect.objectContaining({ host: 'web', nativeDialogs: false, version: '0.1.0' }) } });

  expect(requests.length).toBeGreaterThan(0);
  expect(requests[0]).toBe(url);
  expect(requests.every((r) => r.startsWith(`${origin}/`) || r.startsWith('data:') || r.startsWith('blob:'))).toBe(true);
  expect(foreignRequests(requests)).toEqual([]);
});

test('the API and the page refuse a browser without the token', async ({ browser }) => {
  const { origin } = studioHost();
  const stranger = await browser.newContext();
  const page = await stranger.newPage();
  const response = await page.goto(`${origin}/`);
  expect(response?.status()).toBe(401);
  expect(await page.textContent('body')).toContain('open the address the Crosswalk studio printed when it started');

  const api = await stranger.request.post(`${origin}/api/listRecentFiles`, { data: {} });
  expect(api.status()).toBe(401);
  const wrong = await stranger.request.post(`${origin}/api/listRecentFiles`, { data: {}, headers: { 'x-crosswalk-token': 'not-the-token-at-all' } });
  expect(wrong.status()).toBe(401);
  await stranger.close();
});

test('a call with the token round-trips through the API', async ({ request }) => {
  const { origin, token } = studioHost();
  const headers = { 'x-crosswalk-token': token };
  const set = await request.post(`${origin}/api/setUiState`, { headers, data: { key: 'e2e.host', value: { zoom: 1.25, open: ['PID'] } } });
  expect(await set.json()).toEqual({ ok: true, value: {} });
  const get = await request.post(`${origin}/api/getUiState`, { headers, data: { key: 'e2e.host' } });
  expect(await get.json()).toEqual({ ok: true, value: { value: { zoom: 1.25, open: ['PID'] } } });
  const bad = await request.post(`${origin}/api/openBundle`, { headers, data: { path: 42 } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toEqual({ code: 'CW_STUDIO_BAD_ARGS', message: 'openBundle: path: Invalid input: expected string, received number.', where: { path: 'openBundle' } });
});
