// The studio renderer: built once into dist/renderer and loaded either from file:// by Electron
// or over HTTP by the web host, so every asset URL is relative (base './'). Monaco and its
// worker are bundled locally (no CDN: hospital networks and our CSP forbid it).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // zod and the switch that keeps it from eval (renderer/api/noEval.ts) in a chunk of their
        // own, which every chunk building a schema imports first: when the lazy start page shares
        // the state modules with the entry, they move to a common chunk that would otherwise run
        // (and build schemas) before the entry's first line.
        codeSplitting: { groups: [{ name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]renderer[\\/]api[\\/]noEval\.ts$/ }] },
      },
    },
  },
  server: { host: '127.0.0.1', strictPort: false },
});
