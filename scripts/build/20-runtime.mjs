// Bundles the headless runtime (CLI, library, worker) with esbuild; npm packages stay external.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';

export async function build(root) {
  const entries = ['runtime/cli.ts', 'runtime/index.ts', 'runtime/worker.ts']
    .map((file) => join(root, file))
    .filter((file) => existsSync(file));
  if (entries.length === 0) return;
  await esbuild({
    entryPoints: entries,
    outdir: join(root, 'dist'),
    outbase: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}
