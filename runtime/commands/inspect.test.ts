import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { runInspect } from './inspect';

const samplesDir = resolve(process.cwd(), '../shared/reference/hl7v2-samples');
const sampleFiles = readdirSync(samplesDir).filter((name) => name.endsWith('.hl7')).sort();

async function inspect(inputs: string[], stdinText: string | Buffer = ''): Promise<{ code: number; lines: string[]; errors: string[] }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const code = await runInspect(inputs, { stdout, stderr, stdin: Readable.from([typeof stdinText === 'string' ? Buffer.from(stdinText, 'utf8') : stdinText]) });
  return { code, lines: out.split('\n').filter((l) => l.length > 0), errors: err.split('\n').filter((l) => l.length > 0) };
}

/**
 * An independent, deliberately plain reader of one sample (split on every delimiter, replace the
 * five delimiter escapes) to check the codec's paths and values against.
 */
function naiveLeaves(text: string): Map<string, string | null> {
  const unescape = (v: string): string => v.replace(/\\([FSTRE])\\/g, (_m, c: string) => ({ F: '|', S: '^', T: '&', R: '~', E: '\\' })[c] as string);
  const segments = text.replace(/^\uFEFF/, '').split('\r').filter((s) => s.length > 0);
  const counts = new Map<string, number>();
  for (const s of segments) counts.set(s.slice(0, 3), (counts.get(s.slice(0, 3)) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out = new Map<string, string | null>();
  for (const s of segments) {
    const id = s.slice(0, 3);
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    const seg = (counts.get(id) ?? 0) > 1 ? `${id}[${n}]` : id;
    const fields = s.split('|');
    const numbered: [number, string][] = id === 'MSH' ? [[1, '|'], ...fields.slice(1).map((f, i): [number, string] => [i + 2, f])] : fields.slice(1).map((f, i): [number, string] => [i + 1, f]);
    for (const [f, raw] of numbered) {
      if (raw === '') continue;
      if (id === 'MSH' && f <= 2) {
        out.set(`${seg}-${f}[1]`, raw);
        continue;
      }
      raw.split('~').forEach((rep, r) => {
        const comps = rep.split('^');
        comps.forEach((comp, c) => {
          const subs = comp.split('&');
          subs.forEach((sub, k) => {
            if (sub === '') return;
            let path = `${seg}-${f}[${r + 1}]`;
            if (subs.length > 1) path += `.${c + 1}.${k + 1}`;
            else if (comps.length > 1) path += `.${c + 1}`;
            out.set(path, sub === '""' ? null : unescape(sub));
          });
        });
      });
    }
  }
  return out;
}

describe('crosswalk inspect on the reference samples', () => {
  test('exact lines for known values of fhirconverter_ADT-A01-01.hl7', async () => {
    const { code, lines, errors } = await inspect([join(samplesDir, 'fhirconverter_ADT-A01-01.hl7')]);
    expect(code).toBe(0);
    expect(errors).toEqual([]);
    expect(lines.slice(0, 3)).toEqual(['{"message":1,"path":"MSH-1[1]","value":"|"}', '{"message":1,"path":"MSH-2[1]","value":"^~\\\\&"}', '{"message":1,"path":"MSH-3[1]","value":"ADTApp"}']);
    for (const line of [
      '{"message":1,"path":"MSH-9[1].2","value":"A01"}',
      '{"message":1,"path":"PID-3[2].1","value":"123456789"}',
      '{"message":1,"path":"PID-3[1].4.2","value":"2.16.1"}',
      '{"message":1,"path":"PID-5[1].1.1","value":"EVERYMAN"}',
      '{"message":1,"path":"PID-5[1].1.5","value":"Aniston"}',
      '{"message":1,"path":"PID-5[2].1.1","value":"Josh"}',
      '{"message":1,"path":"PID-8[1]","value":"M"}',
      '{"message":1,"path":"PV1-14[1]","value":"NHS Provider-General (inc.A&E-this Hosp)"}',
      '{"message":1,"path":"OBX-5[1]","value":"60"}',
      '{"message":1,"path":"OBX-5[2]","value":"120"}',
    ]) {
      expect(lines).toContain(line);
    }
  });

  test.each(sampleFiles)('%s: every line matches an independent plain reading of the file', async (name) => {
    const { code, lines, errors } = await inspect([join(samplesDir, name)]);
    expect(code).toBe(0);
    expect(errors).toEqual([]);
    const expected = naiveLeaves(readFileSync(join(samplesDir, name), 'utf8'));
    const actual = new Map(lines.map((line) => JSON.parse(line) as { message: number; path: string; value: string | null }).map((o) => [o.path, o.value]));
    expect(actual).toEqual(expected);
  });

  test('the second OBX of an ORU is OBX[2]-5[1]', async () => {
    const { lines } = await inspect([join(samplesDir, 'hl7ig_MDM_T02.hl7')]);
    expect(lines).toContain('{"message":1,"path":"OBX[1]-5[1]","value":"Transcription Authentication Interface Message Text"}');
    expect(lines.some((l) => l.startsWith('{"message":1,"path":"OBX[2]-5[1]","value":"Critical Values Entered On:'))).toBe(true);
  });
});

describe('inputs and errors', () => {
  const adt = readFileSync(join(samplesDir, 'fhirconverter_ADT-A01-01.hl7'), 'utf8');

  test('stdin with several messages and a bad one in the middle: reported, the rest printed, exit 1', async () => {
    const { code, lines, errors } = await inspect(['-'], adt + 'MSH|^~|broken\r' + adt);
    expect(code).toBe(1);
    expect(errors).toEqual([
      'crosswalk inspect: HL7_BAD_ENCODING_CHARS: MSH-2 must hold 4 encoding characters (component, repetition, escape, subcomponent), or 5 with the v2.7 truncation character, but it holds 2. (stdin, message 2, segment 1 MSH, field 2, line 25, offset 8557)',
    ]);
    expect(adt.split('\r').length).toBe(25);
    expect(adt.length).toBe(8557);
    const perMessage = lines.length / 2;
    expect(lines.filter((l) => l.startsWith('{"message":1,')).length).toBe(perMessage);
    expect(lines.filter((l) => l.startsWith('{"message":3,')).length).toBe(perMessage);
    expect(lines).toContain('{"message":3,"path":"PID-5[1].1.1","value":"EVERYMAN"}');
  });

  test('a folder is read recursively and each line names its file; a missing file is reported', async () => {
    const { code, lines, errors } = await inspect([samplesDir, '/no/such/file.hl7']);
    expect(code).toBe(1);
    expect(errors).toEqual(['crosswalk inspect: IO_NOT_FOUND: No such file or folder. (/no/such/file.hl7)']);
    const files = new Set(lines.map((l) => (JSON.parse(l) as { file: string }).file));
    expect([...files]).toEqual(sampleFiles.map((name) => join(samplesDir, name)));
  });

  test('each message is decoded in its own MSH-18 set; a stray byte fails only its message and names its byte offset', async () => {
    const one = Buffer.from('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5||||||8859/1\rPID|1||x||M\xdcLLER\r', 'latin1');
    const two = Buffer.concat([Buffer.from('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|2|P|2.5\rPID|1||x||M'), Buffer.from([0xff]), Buffer.from('\r')]);
    const three = Buffer.from('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|3|P|2.5\rPID|1||x||MÜLLER\r', 'utf8');
    const { code, lines, errors } = await inspect(['-'], Buffer.concat([one, two, three]));
    expect(code).toBe(1);
    expect(lines.filter((l) => l.includes('"PID-5[1]"'))).toEqual(['{"message":1,"path":"PID-5[1]","value":"MÜLLER"}', '{"message":3,"path":"PID-5[1]","value":"MÜLLER"}']);
    const offset = one.length + two.indexOf(0xff);
    expect(errors).toEqual([
      `crosswalk inspect: HL7_ENCODING: At byte offset ${offset} the input is not valid UNICODE UTF-8, the character set used when MSH-18 is empty; the message is not read. (stdin, message 2, segment 2 PID, field 5, line 4, offset ${offset})`,
    ]);
  });

  test('binary input is an error, not an empty result', async () => {
    const { code, lines, errors } = await inspect(['-'], '\x00\x01\x02garbage');
    expect(code).toBe(1);
    expect(lines).toEqual([]);
    expect(errors).toEqual(['crosswalk inspect: HL7_BINARY: The input holds binary data (control characters), not HL7 v2 text. (stdin, message 1, line 1, offset 0)']);
  });

  test('patient values never reach stderr', async () => {
    const { errors } = await inspect(['-'], adt.replace('PID|1|', 'PID|1|\x00'));
    expect(errors.length).toBe(1);
    expect(errors[0]).not.toContain('EVERYMAN');
    expect(errors[0]).toContain('HL7_BINARY');
  });
});

describe('the real CLI entry', () => {
  const run = promisify(execFile);
  const cli = ['--import', 'tsx', 'runtime/cli.ts'];

  test('usage error: exit 2 with one line', async () => {
    const result = await run('node', [...cli, 'inspect']).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: missing required argument 'inputs'\n");
  });

  test('--help describes the command', async () => {
    const { stdout } = await run('node', [...cli, 'inspect', '--help']);
    expect(stdout).toContain('Usage: crosswalk inspect [options] <inputs...>');
    expect(stdout).toContain('{"message":1,"path":"PID-5[1].1","value":"O\'Brien"}');
  });

  test('prints a file', async () => {
    const { stdout } = await run('node', [...cli, 'inspect', join(samplesDir, 'lfh_VXU_PID29_partial_YYYYMM.hl7')]);
    expect(stdout.split('\n')).toContain('{"message":1,"path":"PID-29[1]","value":"200611"}');
  });
});
