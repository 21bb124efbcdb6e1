import type { Page } from '@playwright/test';
import { studioLaunchUrl } from '../../shared/common/studio/studioHttp';

/** The example the studio's tests work on: `url` opens it. */
export const defaultExample = 'adt-a01-to-fhir';

/**
 * The web host under test, as Playwright read it from the host's ready line (playwright.config.ts):
 * `url` is its launch address opening the ADT example (what most tests edit), `startUrl` the bare
 * launch address a user gets, which shows the start page.
 */
export function studioHost(): { origin: string; token: string; url: string; startUrl: string } {
  const port = process.env.CROSSWALK_PORT;
  const token = process.env.CROSSWALK_TOKEN;
  if (!port || !token) throw new Error('The web host did not print its ready line; run the end-to-end tests through playwright.config.ts.');
  const origin = `http://127.0.0.1:${port}`;
  return { origin, token, url: studioLaunchUrl(origin, token, defaultExample), startUrl: studioLaunchUrl(origin, token) };
}

/**
 * Records every URL the page requests. A test asserts that none leaves the web host: the studio
 * works offline and patient data never goes anywhere else.
 */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  page.on('websocket', (socket) => urls.push(socket.url()));
  return urls;
}

/** Requests that left 127.0.0.1:<port> (data: and blob: URLs are in-page, not network). */
export function foreignRequests(urls: readonly string[]): string[] {
  const { origin } = studioHost();
  return urls.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'));
}
