// Bundles the studio's hosts with esbuild: the web host (dist/webhost/main.js), Electron's main
// process (dist/electron/main.js) and its preload (dist/electron/preload.cjs: a sandboxed preload
// cannot load ES modules or npm packages, so it is one CommonJS file with only `electron` external).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';

/** The esbuild options of each studio bundle whose entry exists, by name (tests build the preload from these). */
export function studioBundles(root) {
  const common = { bundle: true, sourcemap: true, logLevel: 'warning', target: 'node20', absWorkingDir: root };
  const bundles = {
    webhost: { ...common, entryPoints: [join(root, 'webhost', 'main.ts')], outfile: join(root, 'dist', 'webhost', 'main.js'), platform: 'node', format: 'esm', packages: 'external' },
    electronMain: { ...common, entryPoints: [join(root, 'electron', 'main.ts')], outfile: join(root, 'dist', 'electron', 'main.js'), platform: 'node', format: 'esm', packages: 'external' },
    preload: { ...common, entryPoints: [join(root, 'electron', 'preload.ts')], outfile: join(root, 'dist', 'electron', 'preload.cjs'), platform: 'node', format: 'cjs', external: ['electron'], target: 'chrome134' },
  };
  return Object.fromEntries(Object.entries(bundles).filter(([, options]) => existsSync(options.entryPoints[0])));
}

export async function build(root) {
  await Promise.all(Object.values(studioBundles(root)).map((options) => esbuild(options)));
}
