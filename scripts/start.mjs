// `npm start`: sets up, then opens the studio in Electron; where Electron's binary is missing
// (it cannot be downloaded on locked-down networks) it says so in one sentence and serves the
// same studio to a browser on 127.0.0.1 instead. `npm run web` (--web) goes straight to the browser.
import { existsSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureSetup, root, run } from './ensure-setup.mjs';

ensureSetup();
const args = process.argv.slice(2);
const webOnly = args.includes('--web');
const passThrough = args.filter((a) => a !== '--web');

// A fresh checkout is built by `npm install` (prepare); rebuild only what is missing.
if (!existsSync(join(root, 'dist', 'webhost', 'main.js')) || !existsSync(join(root, 'dist', 'electron', 'main.js'))) {
  run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
}
if (!existsSync(join(root, 'generated', 'ig', 'v2-to-fhir-ig.json'))) run(process.execPath, [join(root, 'scripts', 'build.mjs'), 'ig-tables']);
if (!existsSync(join(root, 'dist', 'renderer', 'index.html')) && existsSync(join(root, 'renderer', 'index.html'))) {
  run('npm', ['run', '--silent', 'build:renderer']);
}

const electronBinary = webOnly ? undefined : findElectron();
if (electronBinary && existsSync(join(root, 'dist', 'electron', 'main.js'))) {
  const child = spawn(electronBinary, [join(root, 'dist', 'electron', 'main.js'), ...passThrough], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!webOnly) {
    console.error('Electron\'s binary is not installed on this machine (it could not be downloaded), so the Crosswalk studio opens in your browser instead.');
  }
  const host = join(root, 'dist', 'webhost', 'main.js');
  if (existsSync(host)) {
    const child = spawn(process.execPath, [host, '--open', ...passThrough], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
  } else {
    // The studio is not built in this checkout: show what the runtime can do.
    run(process.execPath, [join(root, 'bin', 'crosswalk.js'), '--help']);
  }
}

/** The Electron binary's path, trying its download once per install; undefined when unavailable. */
function findElectron() {
  const require = createRequire(import.meta.url);
  const tried = join(root, 'node_modules', '.crosswalk-electron-download-tried');
  const locate = () => {
    try {
      const path = require('electron');
      return typeof path === 'string' && existsSync(path) ? path : undefined;
    } catch {
      return undefined;
    }
  };
  let found = locate();
  if (!found && !existsSync(tried) && existsSync(join(root, 'node_modules', 'electron', 'install.js'))) {
    writeFileSync(tried, new Date().toISOString());
    spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
      cwd: join(root, 'node_modules', 'electron'), stdio: 'ignore', timeout: 60_000,
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
    });
    found = locate();
  }
  return found;
}
