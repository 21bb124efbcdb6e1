// Measures the studio in Debian's Chromium against the real web host, as a user meets it:
//   1. cold start to an interactive canvas (fresh browser context, empty cache, until the source
//      tree's rows and their handles are on screen),
//   2. a keystroke in the sample (retyping PID-8) to the updated preview on the ADT example,
//   3. frame times while panning the canvas with the whole ADT_A01 tree and the FHIR trees expanded.
// Not a test: it prints figures (median of several runs) against the targets of issue 4 §6.
// Run: npm run build:renderer && node scripts/build.mjs studio && npx tsx scripts/measure-studio.ts [--runs N]
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chromium, type Browser, type Page } from '@playwright/test';
import { parseHl7 } from '../shared/common/hl7v2';
import { studioLaunchUrl } from '../shared/common/studio/studioHttp';
import { median } from '../bench/measure';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function startHost(): Promise<{ child: ChildProcess; url: string; origin: string; token: string }> {
  const child = spawn(process.execPath, ['dist/webhost/main.js', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CROSSWALK_DATA_DIR: 'test-results/measure-workspace' },
  });
  let buffer = '';
  for await (const chunk of child.stdout!) {
    buffer += String(chunk);
    const match = /Crosswalk studio ready: (http:\/\/127\.0\.0\.1:\d+)\/#token=([A-Za-z0-9_-]+)/.exec(buffer);
    // The ADT example, as the figures have always measured it (a bare launch address shows the start page).
    if (match) return { child, url: studioLaunchUrl(match[1], match[2], 'adt-a01-to-fhir'), origin: match[1], token: match[2] };
  }
  throw new Error('The web host ended without printing its ready line; build it with `node scripts/build.mjs studio`.');
}

/** Navigation start → the first source rows with their handles exist (ms, the page's own clock). */
async function coldStart(browser: Browser, url: string): Promise<{ interactive: number; preview: number }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  const interactive = await (await page.waitForFunction(
    () => document.querySelector('[data-side="source"][data-field-path="PID"] .react-flow__handle') !== null && performance.now(),
    undefined, { polling: 'raf', timeout: 60_000 },
  )).jsonValue() as number;
  const preview = await (await page.waitForFunction(
    () => (document.querySelector('[data-testid="preview-output"]')?.textContent ?? '').includes('"resourceType"') && performance.now(),
    undefined, { polling: 'raf', timeout: 60_000 },
  )).jsonValue() as number;
  await context.close();
  return { interactive, preview };
}

async function sampleAnchor(page: Page, origin: string, token: string): Promise<{ anchor: string; sex: string }> {
  const reply = await page.request.post(`${origin}/api/getExample`, { headers: { 'x-crosswalk-token': token }, data: {} });
  const text = ((await reply.json()).value as { samples: { text: string }[] }).samples[0].text;
  const pid = text.split(/\r\n|\r|\n/).find((l) => l.startsWith('PID|'))!.split('|');
  return { anchor: `${pid[7]}|${pid[8]}|`, sex: String(parseHl7(text).get('PID-8')) };
}

/** Keystroke (keydown, capture phase) → the preview element's DOM updated with the new output (ms). */
async function keystrokeToPreview(page: Page, origin: string, token: string, count: number): Promise<number[]> {
  const { anchor, sex } = await sampleAnchor(page, origin, token);
  await page.getByTestId('sample-input').click({ position: { x: 120, y: 12 } });
  await page.keyboard.press('Control+F');
  await page.keyboard.type(anchor);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await page.evaluate(() => {
    const marks = { key: 0, out: 0 };
    (window as unknown as { __cw: typeof marks }).__cw = marks;
    document.addEventListener('keydown', () => { marks.key = performance.now(); }, true);
    const pre = document.querySelector('[data-testid="preview-output"]')!;
    new MutationObserver(() => { marks.out = performance.now(); }).observe(pre, { attributes: true, childList: true, subtree: true, characterData: true });
  });
  const latencies: number[] = [];
  let current = sex;
  for (let i = 0; i < count; i++) {
    const next = current === 'M' ? 'F' : 'M';
    const want = next === 'M' ? '"gender": "male"' : '"gender": "female"';
    for (let k = 0; k < current.length; k++) await page.keyboard.press('Shift+ArrowLeft');
    const before = await page.getByTestId('preview-output').getAttribute('data-run-id');
    await page.keyboard.type(next);
    await page.waitForFunction(([runId, text]) => {
      const pre = document.querySelector('[data-testid="preview-output"]');
      return pre?.getAttribute('data-run-id') !== runId && (pre?.textContent ?? '').includes(text);
    }, [before, want] as const, { timeout: 20_000 });
    await page.waitForTimeout(150); // let a late mutation of the same run land before reading
    latencies.push(await page.evaluate(() => { const m = (window as unknown as { __cw: { key: number; out: number } }).__cw; return m.out - m.key; }));
    current = next;
  }
  return latencies;
}

/** Expands every loaded row of every schema node, then drags the empty pane around while counting frames. */
async function panFrames(page: Page): Promise<{ rows: number; frames: number[] }> {
  // A DOM click: on a crowded canvas another node may overlap a header, and this is about rendering, not aiming.
  for (const button of await page.locator('[data-testid^="expand-all-"]').all()) await button.evaluate((b) => (b as HTMLButtonElement).click());
  await page.waitForTimeout(500);
  const rows = await page.evaluate(() => {
    let total = 0;
    for (const list of document.querySelectorAll('.schema-node__list > div')) total += Math.round((list as HTMLElement).offsetHeight / 24);
    return total;
  });
  await page.getByTestId('fit-view').click();
  await page.waitForTimeout(600);
  const box = (await page.getByTestId('canvas').boundingBox())!;
  // A point of the empty pane to grab.
  const start = await page.evaluate(({ x, y, w, h }) => {
    for (let fy = 0.1; fy < 0.95; fy += 0.05) for (let fx = 0.05; fx < 0.95; fx += 0.05) {
      const px = x + w * fx; const py = y + h * fy;
      if (document.elementFromPoint(px, py)?.classList.contains('react-flow__pane')) return { px, py };
    }
    return undefined;
  }, { x: box.x, y: box.y, w: box.width, h: box.height });
  if (!start) throw new Error('No empty canvas area to grab for panning.');
  // As text: tsx would wrap a named in-page function in a helper the page does not have.
  await page.evaluate(`(() => {
    const frames = [];
    window.__frames = frames;
    let last = performance.now();
    function tick(now) { frames.push(now - last); last = now; if (frames.length < 100000) requestAnimationFrame(tick); }
    requestAnimationFrame(tick);
  })()`);
  const viewport = () => page.evaluate(() => (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform);
  const before = await viewport();
  await page.mouse.move(start.px, start.py);
  await page.mouse.down();
  for (let i = 0; i < 240; i++) {
    const t = i / 240;
    await page.mouse.move(start.px + Math.sin(t * Math.PI * 4) * 300, start.py + Math.cos(t * Math.PI * 4) * 150 - 150);
  }
  await page.mouse.up();
  if ((await viewport()) === before) throw new Error('The canvas did not pan: the measurement would be of an idle page.');
  const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames.slice(2));
  return { rows, frames };
}

const host = await startHost();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
try {
  const starts: { interactive: number; preview: number }[] = [];
  for (let i = 0; i < runs; i++) starts.push(await coldStart(browser, host.url));

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(host.url);
  await page.waitForFunction(() => (document.querySelector('[data-testid="preview-output"]')?.textContent ?? '').includes('"resourceType"'), undefined, { timeout: 60_000 });
  const keys = await keystrokeToPreview(page, host.origin, host.token, runs * 4);
  const pan = await panFrames(page);
  await context.close();

  const interactive = median(starts.map((s) => s.interactive));
  const firstPreview = median(starts.map((s) => s.preview));
  const key = median(keys);
  const frameMean = pan.frames.reduce((a, b) => a + b, 0) / pan.frames.length;
  const fps = 1000 / frameMean;
  const rows: [string, string, string, string][] = [
    ['cold start → interactive canvas', `${interactive.toFixed(0)} ms (median of ${runs}; min ${Math.min(...starts.map((s) => s.interactive)).toFixed(0)}, max ${Math.max(...starts.map((s) => s.interactive)).toFixed(0)})`, '< 3000 ms', interactive < 3000 ? 'met' : 'MISSED'],
    ['cold start → first preview shown', `${firstPreview.toFixed(0)} ms (median of ${runs})`, '—', ''],
    ['keystroke → updated preview', `${key.toFixed(0)} ms (median of ${keys.length}; p95 ${percentile(keys, 95).toFixed(0)}, max ${Math.max(...keys).toFixed(0)})`, '< 150 ms', key < 150 ? 'met' : 'MISSED'],
    [`panning, ${pan.rows} tree rows expanded`, `${fps.toFixed(1)} fps (mean frame ${frameMean.toFixed(1)} ms, p95 ${percentile(pan.frames, 95).toFixed(1)} ms, ${pan.frames.length} frames)`, '≥ 30 fps', fps >= 30 ? 'met' : 'MISSED'],
  ];
  console.log(`Crosswalk studio performance (Chromium ${browser.version()}, ${new Date().toISOString()})`);
  for (const [what, value, target, verdict] of rows) console.log(`${what.padEnd(40)} ${value.padEnd(70)} ${target.padEnd(10)} ${verdict}`);
} finally {
  await browser.close();
  host.child.kill('SIGTERM');
  await once(host.child, 'exit');
}
