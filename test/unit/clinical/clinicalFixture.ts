import { readFileSync } from 'node:fs';
import { compile, loadBundleText, run, type CompiledBundle } from '../../../runtime/index';
import type { FhirResource, TransactionBundle } from '../../../shared/common/mapping/execute/executeMapping';
import { readSample } from '../examples/exampleFixture';

export { readSample };

/** A shipped example bundle, loaded and compiled as the runtime does (hash checked, validation ready). */
export async function compiledExample(file: string): Promise<CompiledBundle> {
  return compile(loadBundleText(readFileSync(file, 'utf8'), file), { validate: true });
}

/** A sample as the engine reads it: segments one per item, CR terminators, no BOM. */
export function segmentsOf(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).filter((s) => s.length > 0);
}

/** The sample with fields of its n-th segment of an id replaced (1-based field numbers, as HL7 counts; MSH-3 is index 3). */
export function withFields(text: string, id: string, occurrence: number, fields: Record<number, string>): string {
  let seen = 0;
  return segmentsOf(text).map((segment) => {
    if (!segment.startsWith(`${id}|`) || ++seen !== occurrence) return segment;
    const parts = segment.split('|');
    // MSH-1 is the field separator itself, so MSH-n is parts[n - 1]; elsewhere SEG-n is parts[n].
    const shift = id === 'MSH' ? 1 : 0;
    for (const [n, value] of Object.entries(fields)) {
      const at = Number(n) - shift;
      while (parts.length <= at) parts.push('');
      parts[at] = value;
    }
    return parts.join('|');
  }).join('\r') + '\r';
}

/** The one message of a text mapped, validated: its output, or the error it failed with. */
export function mapOne(compiled: CompiledBundle, text: string): ReturnType<typeof run>[number] {
  const results = run(compiled, text, { validate: true });
  if (results.length !== 1) throw new Error(`expected one message, got ${results.length}`);
  return results[0];
}

export function outputOf(result: ReturnType<typeof run>[number]): TransactionBundle {
  if (!result.ok) throw new Error(`the message failed: ${result.error.code} ${result.error.message} ${JSON.stringify(result.issues ?? result.error.where)}`);
  return result.output;
}

export function resources(bundle: TransactionBundle, type: string): FhirResource[] {
  return bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === type);
}
