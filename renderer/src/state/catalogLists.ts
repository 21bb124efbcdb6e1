import type { IgMessageInfo, SchemaStructure } from '../../../shared/common/studio/StudioApi';
import { FHIR_R4_VERSION } from '../../../shared/common/schema/SchemaCatalog';
import { getStudio } from './studio';

/** A message structure as the pattern of a message map's source allows it (`ORU_R01`; not `ACK`). */
const STRUCTURE = /^[A-Z0-9]{3}_[A-Z0-9]{2,3}$/;

const cache = new Map<string, Promise<unknown>>();

/** One host call per key for the studio's life; a failed call is asked again next time. */
function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let pending = cache.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = load().catch((error: unknown) => {
      cache.delete(key);
      throw error;
    });
    cache.set(key, pending);
  }
  return pending;
}

/** The HL7 v2 versions the schema catalog has (2.3 … 2.7.1). */
export const hl7Versions = (): Promise<string[]> =>
  once('hl7-versions', async () => (await getStudio().listSchemaStandards()).find((s) => s.standard === 'hl7v2')?.versions ?? []);

/** A version's message structures, each with its description and trigger events. */
export const messageStructures = (version: string): Promise<SchemaStructure[]> =>
  once(`structures|${version}`, async () => (await getStudio().listSchemaStructures({ standard: 'hl7v2', version }))
    .filter((s) => s.kind === 'message' && STRUCTURE.test(s.name)));

/** The FHIR R4 resource types. */
export const fhirResources = (): Promise<SchemaStructure[]> =>
  once('fhir-resources', async () => (await getStudio().listSchemaStructures({ standard: 'fhir-r4', version: FHIR_R4_VERSION }))
    .filter((s) => s.kind === 'resource'));

/** The HL7 v2-to-FHIR IG's message maps a mapping can start from. */
export const igMessages = (): Promise<IgMessageInfo[]> => once('ig-messages', () => getStudio().listIgMessages());
