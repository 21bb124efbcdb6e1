/**
 * How the web host and its page agree on the launch token. The token is a credential for the API
 * only, and it travels in one place: this header on every `POST /api/...`. Never a cookie (a
 * browser sends a 127.0.0.1 cookie to every port of 127.0.0.1, so any other local server would
 * receive it) and never the query string (it would sit in histories, logs and Referer).
 */
export const studioTokenHeader = 'x-crosswalk-token';
/**
 * The launch address carries the token in its fragment (`/#token=...`), which a browser keeps to
 * itself: it is never part of a request or a Referer. The page takes it out of the address bar.
 */
export const studioTokenParam = 'token';
/** API calls are `POST /api/<method>` with the method's argument object as the JSON body. */
export const studioApiPrefix = '/api/';

/**
 * A launch address may name a shipped example to open (`#token=...&example=adt-a01-to-fhir`)
 * instead of the start page: a link to a demo, and how the end-to-end tests and the studio
 * measurements open the ADT example. Unlike the token it stays in the address, so a reload
 * opens the example again.
 */
export const studioExampleParam = 'example';

/** The address the web host prints and opens: its origin with the token in the fragment (and an example to open, when named). */
export function studioLaunchUrl(origin: string, token: string, example?: string): string {
  const open = example === undefined ? '' : `&${studioExampleParam}=${encodeURIComponent(example)}`;
  return `${origin}/#${studioTokenParam}=${encodeURIComponent(token)}${open}`;
}

/** The example a launch address's fragment names (`example=<id>`), if any. */
export function launchExample(fragment: string): string | undefined {
  for (const part of fragment.replace(/^#/, '').split('&')) {
    const [key, ...value] = part.split('=');
    if (key === studioExampleParam) return decodeOrUndefined(value.join('=')) || undefined;
  }
  return undefined;
}

/**
 * The token in a launch address's fragment (`#token=...`, with or without the `#`), and the
 * fragment left once it is taken out, so the page can rewrite its address without it. Written by
 * hand because this layer has no URLSearchParams.
 */
export function takeLaunchToken(fragment: string): { token: string | undefined; rest: string } {
  let token: string | undefined;
  const kept: string[] = [];
  for (const part of fragment.replace(/^#/, '').split('&')) {
    if (part === '') continue;
    const [key, ...value] = part.split('=');
    if (key !== studioTokenParam) kept.push(part);
    else token ??= decodeOrUndefined(value.join('=')) || undefined;
  }
  return { token, rest: kept.length === 0 ? '' : `#${kept.join('&')}` };
}

function decodeOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
