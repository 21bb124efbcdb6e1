import { defineConfig } from '@playwright/test';

// End-to-end tests drive the real studio in Debian's Chromium through the web host. The host
// starts on a free port with a fresh token, exactly as a user starts it; Playwright reads both
// from its ready line into CROSSWALK_PORT and CROSSWALK_TOKEN (see test/e2e/studioHost.ts).
const jsonReport = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME;
// One id per run, set by the runner and inherited by its workers: several people (or agents) may
// run the suite at once in one checkout, and Playwright empties its output folder on start, so
// each run gets its own artifacts folder and its own empty studio workspace.
const run = (process.env.CROSSWALK_E2E_RUN ??= `${Date.now()}-${process.pid}`);

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: `test-results/e2e-artifacts/${run}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: jsonReport ? [['list'], ['json', { outputFile: jsonReport }]] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: 'node scripts/build.mjs studio && node dist/webhost/main.js --port 0',
    wait: { stdout: /^Crosswalk studio ready: http:\/\/127\.0\.0\.1:(?<crosswalk_port>\d+)\/#token=(?<crosswalk_token>[A-Za-z0-9_-]+)$/m },
    // A private, empty workspace per run, so recent files and samples of the user never leak in.
    env: { CROSSWALK_DATA_DIR: `test-results/e2e-workspace/${run}` },
    stdout: 'pipe',
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
