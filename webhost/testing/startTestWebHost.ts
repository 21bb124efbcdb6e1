import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openDefaultNodeStudio } from '../../shared/node/studio/openDefaultNodeStudio';
import type { NodeStudio } from '../../shared/node/studio/openNodeStudio';
import { createWebHost, type WebHost } from '../createWebHost';

export interface TestWebHost {
  host: WebHost;
  studio: NodeStudio;
  /** A fresh temporary folder: the data folder, with the renderer's files under `renderer/`. */
  dir: string;
  close(): Promise<void>;
}

/**
 * A real web host on a free port over the real studio services (in-memory workspace), serving the
 * given renderer files (path under renderer/ → content), for tests that talk HTTP to it.
 */
export async function startTestWebHost(token: string, rendererFiles: Record<string, string>): Promise<TestWebHost> {
  const dir = mkdtempSync(join(tmpdir(), 'crosswalk-webhost-'));
  mkdirSync(join(dir, 'renderer'));
  for (const [path, text] of Object.entries(rendererFiles)) {
    mkdirSync(dirname(join(dir, 'renderer', path)), { recursive: true });
    writeFileSync(join(dir, 'renderer', path), text);
  }
  const studio = openDefaultNodeStudio({ host: 'web', version: '0.1.0', appRoot: process.cwd(), dataDir: dir, workspaceFile: ':memory:' });
  const host = await createWebHost({ api: studio.api, rendererDir: join(dir, 'renderer'), token, port: 0 });
  return {
    host, studio, dir,
    close: async () => {
      await host.close();
      studio.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
