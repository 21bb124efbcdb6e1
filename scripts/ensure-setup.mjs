// Installs the project's dependencies when they are missing or older than package-lock.json.
// Uses only Node built-ins, so `npm start` and `npm test` work on a fresh clone.
// Electron's binary download is skipped here and tried separately by start.mjs, because on
// locked-down networks it fails and would take the whole install down with it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const root = dirname(dirname(fileURLToPath(import.meta.url)));
const stamp = join(root, 'node_modules', '.crosswalk-setup');

function lockHash() {
  return createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');
}

export function ensureSetup() {
  const want = lockHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  // A fresh clone gets exactly the lock file (npm ci); an existing install is updated in place
  // (npm install), because npm ci would first delete node_modules under anything running from it.
  const fresh = !existsSync(join(root, 'node_modules', '.package-lock.json'));
  console.error(`Crosswalk: installing dependencies (npm ${fresh ? 'ci' : 'install'})...`);
  const result = spawnSync('npm', [fresh ? 'ci' : 'install', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  if (result.status !== 0) {
    console.error('Crosswalk: installing dependencies failed; see the output above.');
    process.exit(result.status ?? 1);
  }
  writeFileSync(stamp, want);
}

/** Runs a command in the project root and exits with its status when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0 && !options.allowFailure) {
    console.error(`Crosswalk: \`${[command, ...args].join(' ')}\` failed.`);
    process.exit(result.status ?? 1);
  }
  return result;
}
