import { describe, expect, it } from 'vitest';
import { CrosswalkError } from '../errors/CrosswalkError';
import { Decimal } from '../json/Decimal';
import type { StudioApi } from './StudioApi';
import { createStudioClient } from './createStudioClient';
import { dispatchStudioCall, dispatchStudioText, readStudioPayload } from './dispatchStudioCall';
import { studioMethodNames, studioMethods } from './studioMethods';

/** A partial API: the tests call only these; anything else rejects like a missing service would. */
function fakeHost(overrides: Partial<StudioApi>): StudioApi {
  return new Proxy(overrides as StudioApi, {
    get(target, name) {
      const own = (target as unknown as Record<string | symbol, unknown>)[name];
      return own ?? (() => Promise.reject(new Error(`not in this test: ${String(name)}`)));
    },
  });
}

describe('dispatchStudioCall', () => {
  const host = fakeHost({
    listRecentFiles: async () => [{ path: '/tmp/a.crosswalk.json', name: 'a.crosswalk.json', openedAt: '2026-01-02T03:04:05.000Z' }],
    openBundle: async ({ path }) => {
      throw new CrosswalkError('CW_FILE_NOT_FOUND', 'The file does not exist.', { file: path });
    },
    setUiState: async () => { throw new TypeError('boom'); },
  });

  it('runs a valid call and wraps the value', async () => {
    expect(await dispatchStudioCall(host, 'listRecentFiles', {})).toEqual({
      ok: true, value: [{ path: '/tmp/a.crosswalk.json', name: 'a.crosswalk.json', openedAt: '2026-01-02T03:04:05.000Z' }],
    });
  });

  it.each([['__proto__'], ['constructor'], ['toString'], ['hasOwnProperty'], [42], [undefined]])('refuses the method name %s', async (name) => {
    const result = await dispatchStudioCall(host, name, {});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('CW_STUDIO_UNKNOWN_METHOD');
  });

  it('refuses a payload that does not fit the method, naming the field', async () => {
    expect(await dispatchStudioCall(host, 'openBundle', { path: 7 })).toEqual({
      ok: false,
      error: { code: 'CW_STUDIO_BAD_ARGS', message: 'openBundle: path: Invalid input: expected string, received number.', where: { path: 'openBundle' } },
    });
    const extra = await dispatchStudioCall(host, 'listRecentFiles', { sql: 'DROP TABLE recent_files' });
    expect(!extra.ok && extra.error.code).toBe('CW_STUDIO_BAD_ARGS');
    const empty = await dispatchStudioCall(host, 'openBundle', { path: '' });
    expect(!empty.ok && empty.error.message).toBe('openBundle: path: The path is empty.');
  });

  it('passes a CrosswalkError through as data', async () => {
    expect(await dispatchStudioCall(host, 'openBundle', { path: '/nope.json' })).toEqual({
      ok: false, error: { code: 'CW_FILE_NOT_FOUND', message: 'The file does not exist.', where: { file: '/nope.json' } },
    });
  });

  it('turns an unexpected exception into CW_STUDIO_INTERNAL', async () => {
    expect(await dispatchStudioCall(host, 'setUiState', { key: 'k', value: 1 })).toEqual({
      ok: false, error: { code: 'CW_STUDIO_INTERNAL', message: 'setUiState failed unexpectedly: boom', where: { path: 'setUiState' } },
    });
  });
});

describe('dispatchStudioCall bounds the payload before validating it', () => {
  const host = fakeHost({ setUiState: async () => ({}) });
  const nested = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));
  const tooDeep = { ok: false, error: { code: 'CW_STUDIO_TOO_DEEP', message: 'setUiState: the payload nests deeper than 256 levels.', where: { path: 'setUiState' } } };

  it('answers CW_STUDIO_TOO_DEEP for JSON nested 3,000 and 100,000 deep, where zod overflowed its stack', async () => {
    expect(await dispatchStudioCall(host, 'setUiState', { key: 'k', value: nested(3000) })).toEqual(tooDeep);
    expect(await dispatchStudioCall(host, 'setUiState', { key: 'k', value: nested(100_000) })).toEqual(tooDeep);
  });

  it('takes 256 levels and refuses 257 (the payload object is level 1)', async () => {
    expect(await dispatchStudioCall(host, 'setUiState', { key: 'k', value: nested(255) })).toEqual({ ok: true, value: {} });
    expect(await dispatchStudioCall(host, 'setUiState', { key: 'k', value: nested(256) })).toEqual(tooDeep);
  });

  it('refuses a cycle, and an object shared so often that walking it would never end (both possible over IPC)', async () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(await dispatchStudioCall(host, 'setUiState', { key: 'k', value: cycle })).toEqual(tooDeep);
    let shared: unknown[] = [];
    for (let i = 0; i < 60; i++) shared = [shared, shared]; // 2^60 paths through 61 arrays
    expect(await dispatchStudioCall(host, 'setUiState', { key: 'k', value: shared })).toEqual({
      ok: false, error: { code: 'CW_STUDIO_TOO_LARGE', message: 'setUiState: the payload holds more than 2,000,000 values.', where: { path: 'setUiState' } },
    });
  });

  it('refuses a payload as text the same way: nested too deep (before parsing it all), or not JSON', async () => {
    expect(await dispatchStudioText(host, 'setUiState', `{"key":"k","value":${'['.repeat(100_000)}`)).toBe(JSON.stringify(tooDeep));
    expect(readStudioPayload('setUiState', '{"key":')).toEqual({ refused: { ok: false, error: { code: 'CW_STUDIO_BAD_JSON', message: 'The request body is not valid JSON.', where: {} } } });
    expect(JSON.parse(await dispatchStudioText(host, 'setUiState', { key: 'k' }))).toEqual({ ok: false, error: { code: 'CW_STUDIO_BAD_JSON', message: 'The request body is not valid JSON.', where: {} } });
    expect(JSON.parse(await dispatchStudioText(host, 'nope', '{}')).error.code).toBe('CW_STUDIO_UNKNOWN_METHOD');
    expect(await dispatchStudioText(host, 'setUiState', '{"key":"k","value":[1.5]}')).toBe('{"ok":true,"value":{}}');
  });

  it('refuses more than 2,000,000 values without listing a huge sparse array', async () => {
    const sparse: unknown[] = [];
    sparse.length = 1e9;
    const result = await dispatchStudioCall(host, 'setUiState', { key: 'k', value: sparse });
    expect(!result.ok && result.error.code).toBe('CW_STUDIO_TOO_LARGE');
  });
});

describe('createStudioClient', () => {
  it('round-trips through a transport to the dispatcher, and rejects with the CrosswalkError', async () => {
    const host = fakeHost({
      getUiState: async ({ key }) => ({ value: { key, sizes: [1, 2.5, null] } }),
      openBundle: async () => { throw new CrosswalkError('CW_BUNDLE_JSON', 'The file is not JSON.', { file: 'x.json', line: 3 }); },
    });
    const sent: string[] = [];
    // What IPC and HTTP carry: JSON text both ways.
    const client = createStudioClient(async (method, args) => {
      sent.push(method);
      return dispatchStudioText(host, method, args);
    });
    expect(await client.getUiState({ key: 'panels' })).toEqual({ value: { key: 'panels', sizes: [1, 2.5, null] } });
    const error = await client.openBundle({ path: '/x.json' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrosswalkError);
    expect((error as CrosswalkError).toJSON()).toEqual({ code: 'CW_BUNDLE_JSON', message: 'The file is not JSON.', where: { file: 'x.json', line: 3 } });
    expect(sent).toEqual(['getUiState', 'openBundle']);
  });

  it('carries a decimal\'s text both ways, which a structured clone or JSON.parse would lose', async () => {
    const expected = { resourceType: 'Bundle', entry: [{ resource: { valueQuantity: { value: new Decimal('12.50') } } }] };
    let saved: unknown;
    const host = fakeHost({
      openBundleText: async ({ name }) => ({ name, bundle: { tests: [{ name: 'CBC', input: 'MSH|', expected }] } }),
      saveBundle: async ({ path, bundle }) => { saved = bundle; return { path, bytes: 1 }; },
    });
    const wire: string[] = [];
    const client = createStudioClient(async (method, args) => {
      const answer = await dispatchStudioText(host, method, args);
      wire.push(args, answer);
      return answer;
    });
    const opened = await client.openBundleText({ name: 'cbc.crosswalk.json', text: '{}' });
    expect(opened.bundle).toEqual({ tests: [{ name: 'CBC', input: 'MSH|', expected }] });
    expect(wire[1]).toContain('"value":12.50');
    await client.saveBundle({ path: '/tmp/cbc.crosswalk.json', bundle: opened.bundle });
    expect(wire[2]).toContain('"value":12.50');
    expect((saved as { tests: { expected: typeof expected }[] }).tests[0].expected.entry[0].resource.valueQuantity.value).toEqual(new Decimal('12.50'));
  });

  it('checks arguments before sending and results on arrival', async () => {
    let calls = 0;
    const client = createStudioClient(async () => { calls += 1; return JSON.stringify({ ok: true, value: [{ path: 1 }] }); });
    await expect(client.openBundle({ path: 5 as unknown as string })).rejects.toMatchObject({ code: 'CW_STUDIO_BAD_ARGS' });
    expect(calls).toBe(0);
    await expect(client.listRecentFiles()).rejects.toMatchObject({
      code: 'CW_STUDIO_BAD_RESULT',
      message: 'The host answered listRecentFiles with data the studio does not understand: 0.path: Invalid input: expected string, received number.',
    });
  });

  it('has exactly the methods of the table plus onHostCommand', () => {
    const client = createStudioClient(async () => JSON.stringify({ ok: true, value: {} }));
    expect(Object.keys(client).sort()).toEqual([...studioMethodNames, 'onHostCommand'].sort());
    expect(studioMethodNames.length).toBe(Object.keys(studioMethods).length);
  });
});
