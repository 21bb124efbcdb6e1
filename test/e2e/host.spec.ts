import { expect, test } from '@playwright/test';
import { foreignRequests, recordRequests, studioHost } from './studioHost';

test('the studio page loads with the launch token and makes no request beyond 127.0.0.1', async ({ page }) => {
  const { url, origin, token } = studioHost();
  expect(url).toBe(`${origin}/#token=${token}&example=adt-a01-to-fhir`);
  const requests = recordRequests(page);
  const cookieHeaders: string[] = [];
  page.on('response', (response) => { const set = response.headers()['set-cookie']; if (set !== undefined) cookieHeaders.push(`${response.url()}: ${set}`); });
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
  // The page works (the example came through the API) and took the token out of its address.
  await expect(page.locator('[data-side="source"][data-field-path="PID"]').first()).toBeVisible();
  await expect(page.getByTestId('preview-output')).toContainText('"resourceType": "Bundle"', { timeout: 20_000 });
  expect(page.url()).toBe(`${origin}/#example=adt-a01-to-fhir`);
  expect(await page.evaluate(() => sessionStorage.getItem('crosswalk.token'))).toBe(token);

  // No request carried the token in its URL, no response set a cookie, and the browser holds none.
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((r) => r.includes(token))).toEqual([]);
  expect(cookieHeaders).toEqual([]);
  expect(await page.context().cookies()).toEqual([]);
  expect(requests.every((r) => r.startsWith(`${origin}/`) || r.startsWith('data:') || r.startsWith('blob:'))).toBe(true);
  expect(foreignRequests(requests)).toEqual([]);

  // A reload of the same tab keeps working from sessionStorage.
  await page.reload();
  await expect(page.locator('[data-side="source"][data-field-path="PID"]').first()).toBeVisible();
  expect(page.url()).toBe(`${origin}/#example=adt-a01-to-fhir`);

  // The page's own fetch without the header is refused: nothing ambient (cookie) authorizes it.
  const bare = await page.evaluate(async () => {
    const reply = await fetch('/api/getAppInfo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return { status: reply.status, body: await reply.json() as unknown };
  });
  expect(bare).toEqual({ status: 401, body: { ok: false, error: { code: 'CW_STUDIO_TOKEN', message: 'Open the address the Crosswalk studio printed when it started; it carries the launch token.', where: {} } } });
});

test('the API refuses a browser without the token, even with it in a cookie or the query string', async ({ browser }) => {
  const { origin, token } = studioHost();
  const stranger = await browser.newContext();
  const page = await stranger.newPage();
  // The page itself is public app code; without the token it says how to get in.
  const response = await page.goto(`${origin}/`);
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId('load-error')).toHaveText('Open the address the Crosswalk studio printed when it started; it carries the launch token.');

  const api = await stranger.request.post(`${origin}/api/listRecentFiles`, { data: {} });
  expect(api.status()).toBe(401);
  const wrong = await stranger.request.post(`${origin}/api/listRecentFiles`, { data: {}, headers: { 'x-crosswalk-token': 'not-the-token-at-all' } });
  expect(wrong.status()).toBe(401);
  const query = await stranger.request.post(`${origin}/api/listRecentFiles?token=${token}`, { data: {} });
  expect(query.status()).toBe(401);
  // What the old design set, and what any other local server on 127.0.0.1 would have received.
  const port = new URL(origin).port;
  await stranger.addCookies([{ name: `crosswalk_token_${port}`, value: token, domain: '127.0.0.1', path: '/' }, { name: 'token', value: token, domain: '127.0.0.1', path: '/' }]);
  const cookie = await stranger.request.post(`${origin}/api/listRecentFiles`, { data: {} });
  expect(cookie.status()).toBe(401);
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
