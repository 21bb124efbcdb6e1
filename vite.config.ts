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
  },
  server: { host: '127.0.0.1', strictPort: false },
});
