import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// The real host process, as `npm run web` starts it (through tsx instead of the esbuild bundle).
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function start(args: string[], env: Record<string, string> = {}) {
  const data = mkdtempSync(join(tmpdir(), 'crosswalk-main-'));
  dirs.push(data);
  const child = spawn(process.execPath, ['--import', 'tsx', 'webhost/main.ts', ...args], {
    cwd: process.cwd(), env: { ...process.env, CROSSWALK_DATA_DIR: data, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => { if (stdout.includes('\n')) resolve(stdout); });
    child.on('exit', () => reject(new Error(`exited before ready: ${stderr}`)));
  });
  // Tests of refusals never await `ready`; its rejection is expected there.
  ready.catch(() => undefined);
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

describe('webhost/main', () => {
  it('prints exactly one ready line, serves the API, and shuts down cleanly on SIGTERM', async () => {
    const host = start(['--port', '0'], { CROSSWALK_TOKEN: 'fixed-test-token-1234567890' });
    const line = await host.ready;
    const match = /^Crosswalk studio ready: http:\/\/127\.0\.0\.1:(\d+)\/#token=fixed-test-token-1234567890\n$/.exec(line);
    expect(match).not.toBeNull();
    const reply = await fetch(`http://127.0.0.1:${match![1]}/api/getAppInfo`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-crosswalk-token': 'fixed-test-token-1234567890' }, body: '{}',
    });
    expect((await reply.json() as { value: { host: string } }).value.host).toBe('web');
    host.child.kill('SIGTERM');
    expect(await host.exited).toBe(0);
    expect(host.output().stdout).toBe(line);
  });

  it('picks a fresh random token per launch', async () => {
    const a = start(['--port', '0']);
    const b = start(['--port', '0']);
    const tokenOf = (l: string) => /token=([A-Za-z0-9_-]+)/.exec(l)![1];
    const [ta, tb] = [tokenOf(await a.ready), tokenOf(await b.ready)];
    expect(ta).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ta).not.toBe(tb);
  });

  it('says in one sentence that a taken port is taken (exit 1)', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    const host = start(['--port', String(port)]);
    expect(await host.exited).toBe(1);
    expect(host.output().stderr).toBe(`Port ${port} on 127.0.0.1 is already in use; choose another with --port, or --port 0 for a free one.\n`);
    blocker.close();
  });

  it.each([[['--port', 'eighty']], [['--port', '70000']], [['--bogus']]])('refuses bad usage %j with exit 2', async (args) => {
    const host = start(args);
    expect(await host.exited).toBe(2);
    expect(host.output().stdout).toBe('');
  });

  it('refuses a weak CROSSWALK_TOKEN', async () => {
    const host = start(['--port', '0'], { CROSSWALK_TOKEN: 'short' });
    expect(await host.exited).toBe(2);
    expect(host.output().stderr).toBe('CROSSWALK_TOKEN must be at least 16 characters of letters, digits, "-" or "_".\n');
  });
});
