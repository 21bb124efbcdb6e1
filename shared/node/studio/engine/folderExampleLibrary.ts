import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CrosswalkError } from '../../../common/errors/CrosswalkError';
import type { Example, ExampleSummary } from '../../../common/studio';
import type { BundleCodec } from '../files/bundleCodec';
import { readTextFile } from '../files/readTextFile';
import type { ExampleLibrary } from '../StudioService';

/** The example the studio opens on: ADT^A01 → FHIR, the mapping every analyst knows. */
export const defaultExampleId = 'adt-a01-to-fhir';
const suffix = '.crosswalk.json';

/**
 * The example bundles shipped in examples/*.crosswalk.json, each loaded and verified like any
 * bundle; their test-case inputs are the sample messages the studio shows first.
 */
export function folderExampleLibrary(folder: string, codec: BundleCodec): ExampleLibrary {
  const ids = (): string[] => {
    try {
      return readdirSync(folder).filter((f) => f.endsWith(suffix)).map((f) => f.slice(0, -suffix.length)).sort((a, b) =>
        a === defaultExampleId ? -1 : b === defaultExampleId ? 1 : a.localeCompare(b));
    } catch {
      return [];
    }
  };
  const load = async (id: string): Promise<Example> => {
    const file = join(folder, `${id}${suffix}`);
    const bundle = codec.parse(await readTextFile(file), `${id}${suffix}`);
    const metadata = (bundle.metadata ?? {}) as { name?: string; description?: string };
    const tests = Array.isArray(bundle.tests) ? (bundle.tests as { name?: unknown; input?: unknown }[]) : [];
    return {
      id,
      title: metadata.name ?? id,
      description: metadata.description ?? '',
      bundle,
      samples: tests.filter((t) => typeof t.name === 'string' && typeof t.input === 'string').map((t) => ({ name: t.name as string, text: t.input as string })),
    };
  };
  return {
    async list(): Promise<ExampleSummary[]> {
      const summaries: ExampleSummary[] = [];
      for (const id of ids()) {
        const { title, description } = await load(id);
        summaries.push({ id, title, description });
      }
      return summaries;
    },
    async get(id) {
      const known = ids();
      const wanted = id ?? known[0];
      if (wanted === undefined || !known.includes(wanted)) {
        throw new CrosswalkError('CW_STUDIO_NO_EXAMPLE', wanted === undefined
          ? 'No example mappings are installed (examples/*.crosswalk.json).'
          : `There is no example named "${wanted}"; the examples are ${known.join(', ') || 'none'}.`, { path: wanted });
      }
      return load(wanted);
    },
  };
}
