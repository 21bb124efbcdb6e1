// `node dist/webhost/main.js [--port N] [--open]`: serves the studio to a browser on this machine.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { openDefaultNodeStudio } from '../shared/node/studio/openDefaultNodeStudio';
import { userDataDir } from '../shared/node/studio/userDataDir';
import { createWebHost } from './createWebHost';
import { openBrowser } from './openBrowser';

/** dist/webhost/main.js → the app root two folders up (webhost/main.ts under tsx: one up). */
const here = dirname(fileURLToPath(import.meta.url));
const appRoot = here.endsWith(join('dist', 'webhost')) ? join(here, '..', '..') : join(here, '..');

const program = new Command('crosswalk-web')
  .description('Serve the Crosswalk studio to a browser on this machine (127.0.0.1 only, token-protected).')
  .option('--port <n>', 'TCP port on 127.0.0.1; 0 picks a free one', parsePort, 0)
  .option('--open', 'open the studio in the default browser when ready', false)
  .option('--data-dir <dir>', 'folder for the workspace database (default: your user data folder, or CROSSWALK_DATA_DIR)')
  .addHelpText('after', '\nThe address printed on start carries a per-launch token in its #fragment; only a page opened from it can use the studio.\nCROSSWALK_TOKEN fixes the token (for automated tests).\nCROSSWALK_MAX_BUNDLE_BYTES caps the size of a bundle opened by path (default 64M).')
  .showHelpAfterError()
  // Usage errors exit 2 like the runtime CLI; help exits 0.
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
program.parse();
const options = program.opts<{ port: number; open: boolean; dataDir?: string }>();

const token = process.env.CROSSWALK_TOKEN ?? randomBytes(32).toString('base64url');
if (token.length < 16 || !/^[A-Za-z0-9_-]+$/.test(token)) {
  console.error('CROSSWALK_TOKEN must be at least 16 characters of letters, digits, "-" or "_".');
  process.exit(2);
}

const version = (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }).version;
let studio: ReturnType<typeof openDefaultNodeStudio>;
try {
  studio = openDefaultNodeStudio({ host: 'web', version, appRoot, dataDir: options.dataDir ?? userDataDir() });
} catch (error) {
  console.error(String(error));
  process.exit(1);
}

const host = await createWebHost({ api: studio.api, rendererDir: join(appRoot, 'dist', 'renderer'), token, port: options.port }).catch((error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `Port ${options.port} on 127.0.0.1 is already in use; choose another with --port, or --port 0 for a free one.` : `The web host could not start: ${error.message}.`);
  studio.close();
  process.exit(1);
});
console.log(`Crosswalk studio ready: ${host.url}`);
if (options.open) openBrowser(host.url);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void host.close().then(() => {
      studio.close();
      process.exit(0);
    });
  });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535.');
  return port;
}
