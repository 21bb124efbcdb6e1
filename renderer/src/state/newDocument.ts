import { parseHl7 } from '../../../shared/common/hl7v2';
import { newMappingDocument, type NewMappingOptions } from '../../../shared/common/mapping/build/newMapping';
import type { BundleDocument, NewMappingFromIg, SampleMessage } from '../../../shared/common/studio/StudioApi';
import type { StudioArgs } from '../../../shared/common/studio/studioMethods';
import { confirmDiscard, openDocument } from './fileActions';
import { getStudio } from './studio';

export type IgStart = NewMappingFromIg;

/**
 * Makes an empty mapping (shared/common/mapping/build/newMapping) and opens it with one sample
 * ready: the JSON or CSV sample its schema came from, or an empty one to paste a message into.
 * A choice that makes no mapping throws its CrosswalkError for the dialog to show; false when the
 * user kept unsaved work instead.
 */
export async function createMapping(options: NewMappingOptions, sample: SampleMessage): Promise<boolean> {
  const document = newMappingDocument(options);
  if (!confirmDiscard()) return false;
  return openDocument({ name: options.metadata.name, bundle: document as unknown as BundleDocument }, [sample]);
}

/** Starts a mapping from an IG message map on the host and opens it running on `sample`; the import report, or undefined when not opened. */
export async function startFromIg(args: StudioArgs<'newMappingFromIg'>, sample: SampleMessage): Promise<IgStart | undefined> {
  if (!confirmDiscard()) return undefined;
  const started = await getStudio().newMappingFromIg(args);
  return (await openDocument({ name: started.name, bundle: started.bundle }, [sample])) ? started : undefined;
}

/** A sample message shipped with an example, with what its MSH-9 says it is. */
export interface ExampleSample extends SampleMessage {
  example: string;
  /** The message structure the example maps (its first message map's source), when it reads HL7 v2. */
  exampleStructure?: string;
  /** MSH-9.1, MSH-9.2 and MSH-9.3 (the structure, when the sender names it). */
  type: string;
  event: string;
  structure: string | undefined;
}

function typeOf(text: string): Pick<ExampleSample, 'type' | 'event' | 'structure'> | undefined {
  try {
    const message = parseHl7(text);
    const [type, event, structure] = ['MSH-9.1', 'MSH-9.2', 'MSH-9.3'].map((path) => message.get(path));
    if (typeof type !== 'string' || typeof event !== 'string') return undefined;
    return { type, event, structure: typeof structure === 'string' ? structure : undefined };
  } catch {
    return undefined;
  }
}

/** Every HL7 v2 sample of the samples given, with its message type (JSON and CSV samples, and text that does not parse, are left out). */
export function typedSamples(example: string, samples: readonly SampleMessage[], exampleStructure?: string): ExampleSample[] {
  return samples.flatMap((sample) => {
    const type = typeOf(sample.text);
    return type ? [{ example, ...(exampleStructure ? { exampleStructure } : {}), name: sample.name, text: sample.text, ...type }] : [];
  });
}

/** The structure an example bundle's first message map reads (`ORU_R01`), read without loading the bundle. */
export function structureOfExample(bundle: BundleDocument): string | undefined {
  const maps = (bundle.mapping as { maps?: { kind?: string; sources?: { schema?: { structure?: unknown } }[] }[] } | undefined)?.maps;
  const structure = maps?.find((m) => m.kind === 'message')?.sources?.[0]?.schema?.structure;
  return typeof structure === 'string' ? structure : undefined;
}

/**
 * The samples of a message structure: those whose MSH-9 names it (`ORU^R01^ORU_R01`), or whose
 * type and trigger event are the structure's (table 0354: `ADT^A04` is an ADT_A01).
 */
export function samplesOf(samples: readonly ExampleSample[], structure: string, events: readonly string[] = []): ExampleSample[] {
  const [type, event] = structure.split('_');
  const triggers = new Set([event, ...events]);
  const matching = samples.filter((s) => s.structure === structure || (s.structure === undefined && s.type === type && triggers.has(s.event)));
  // Those of an example that maps the structure first (the ADT example also keeps an ORU, to show it refused); each message once.
  const ranked = [...matching.filter((s) => s.exampleStructure === structure), ...matching.filter((s) => s.exampleStructure !== structure)];
  const seen = new Set<string>();
  return ranked.filter((s) => (seen.has(s.text) ? false : (seen.add(s.text), true)));
}

let shipped: Promise<ExampleSample[]> | undefined;

/** The HL7 v2 samples of every example the host ships (real messages from the reference samples), loaded once. */
export function exampleSamples(): Promise<ExampleSample[]> {
  shipped ??= (async () => {
    const studio = getStudio();
    const examples = await studio.listExamples();
    const loaded = await Promise.all(examples.map(async ({ id }) => {
      const example = await studio.getExample({ id });
      return typedSamples(id, example.samples, structureOfExample(example.bundle));
    }));
    return loaded.flat();
  })().catch((error: unknown) => {
    shipped = undefined;
    throw error;
  });
  return shipped;
}
