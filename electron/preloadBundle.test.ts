import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { studioMethodNames } from '../shared/common/studio';
// @ts-expect-error the build step is plain JavaScript without types
import { studioBundles } from '../scripts/build/30-studio.mjs';

describe('the built preload', () => {
  it('is one CommonJS file that requires only electron and exposes only window.crosswalk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosswalk-preload-'));
    try {
      const outfile = join(dir, 'preload.cjs');
      await build({ ...(studioBundles(process.cwd()) as { preload: object }).preload, outfile, sourcemap: false });
      const code = readFileSync(outfile, 'utf8');

      // What a sandboxed preload gets: `require` for a few built-ins only, no Node globals.
      const required: string[] = [];
      const exposed: [string, Record<string, unknown>][] = [];
      const invoked: [string, unknown][] = [];
      const electron = {
        contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push([key, api]) },
        ipcRenderer: { invoke: async (channel: string, payload: unknown) => { invoked.push([channel, payload]); return { ok: true, value: {} }; }, on: () => undefined, removeListener: () => undefined },
      };
      const module = { exports: {} };
      runInNewContext(code, {
        require: (name: string) => { required.push(name); if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`); return electron; },
        module, exports: module.exports,
      });

      expect(required).toEqual(['electron']);
      expect(exposed.map(([key]) => key)).toEqual(['crosswalk']);
      const api = exposed[0][1];
      expect(Object.keys(api).sort()).toEqual([...studioMethodNames, 'onHostCommand'].sort());
      await (api.getAppInfo as (a: unknown) => Promise<unknown>)({});
      expect(invoked).toEqual([['crosswalk:getAppInfo', {}]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
