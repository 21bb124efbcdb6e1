// `npm test`: sets up (dependencies, Debian's Chromium for the end-to-end tests) and runs every
// check: type check, lint, unit tests, end-to-end tests. Ends with one line `N passed, N failed`
// summed over the unit and end-to-end runners, which is what CI reads.
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureSetup, root, run } from './ensure-setup.mjs';

ensureSetup();
// A checkout installed before the IG tables shipped has no generated/ig yet (install builds it).
if (!existsSync(join(root, 'generated', 'ig', 'v2-to-fhir-ig.json'))) run(process.execPath, [join(root, 'scripts', 'build.mjs'), 'ig-tables']);

const reports = join(root, 'test-results');
mkdirSync(reports, { recursive: true });
const npx = (args, options) => run('npx', ['--no-install', ...args], options);

console.error('\n== type check');
run('npm', ['run', '--silent', 'typecheck']);
console.error('\n== lint');
run('npm', ['run', '--silent', 'lint']);

let passed = 0;
let failed = 0;

console.error('\n== unit tests');
const unitReport = join(reports, 'unit.json');
const unit = npx(['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${unitReport}`], { allowFailure: true });
if (existsSync(unitReport)) {
  const r = JSON.parse(readFileSync(unitReport, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (unit.status !== 0 && r.numFailedTests === 0 ? 1 : 0);
} else failed += 1;

const e2eDir = join(root, 'test', 'e2e');
if (existsSync(e2eDir) && readdirSync(e2eDir).some((f) => f.endsWith('.spec.ts'))) {
  console.error('\n== end-to-end tests');
  ensureChromium();
  run('npm', ['run', '--silent', 'build:renderer']);
  const e2eReport = join(reports, 'e2e.json');
  const e2e = npx(['playwright', 'test'], { allowFailure: true, env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport } });
  if (existsSync(e2eReport)) {
    const s = JSON.parse(readFileSync(e2eReport, 'utf8')).stats;
    passed += s.expected + s.flaky;
    failed += s.unexpected + (e2e.status !== 0 && s.unexpected === 0 ? 1 : 0);
  } else failed += 1;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() !== 0) {
    console.error('Crosswalk: the end-to-end tests need Debian\'s Chromium at /usr/bin/chromium; install it with `sudo apt-get install -y chromium`.');
    process.exit(1);
  }
  console.error('Crosswalk: installing Debian\'s Chromium for the end-to-end tests...');
  spawnSync('apt-get', ['update'], { stdio: 'inherit' });
  run('apt-get', ['install', '-y', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
