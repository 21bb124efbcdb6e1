// Bundles the studio's hosts with esbuild: the web host (dist/webhost/main.js), Electron's main
// process (dist/electron/main.js) and its preload (dist/electron/preload.cjs: a sandboxed preload
// cannot load ES modules or npm packages, so it is one CommonJS file with only `electron` external).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';

export async function build(root) {
  const common = { bundle: true, sourcemap: true, logLevel: 'warning', target: 'node20', absWorkingDir: root };
  const jobs = [];
  if (existsSync(join(root, 'webhost', 'main.ts'))) {
    jobs.push(esbuild({ ...common, entryPoints: [join(root, 'webhost', 'main.ts')], outfile: join(root, 'dist', 'webhost', 'main.js'), platform: 'node', format: 'esm', packages: 'external' }));
  }
  if (existsSync(join(root, 'electron', 'main.ts'))) {
    jobs.push(esbuild({ ...common, entryPoints: [join(root, 'electron', 'main.ts')], outfile: join(root, 'dist', 'electron', 'main.js'), platform: 'node', format: 'esm', packages: 'external' }));
  }
  if (existsSync(join(root, 'electron', 'preload.ts'))) {
    jobs.push(esbuild({ ...common, entryPoints: [join(root, 'electron', 'preload.ts')], outfile: join(root, 'dist', 'electron', 'preload.cjs'), platform: 'node', format: 'cjs', external: ['electron'], target: 'chrome134' }));
  }
  await Promise.all(jobs);
}
