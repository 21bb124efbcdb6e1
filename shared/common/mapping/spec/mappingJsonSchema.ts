import { z } from 'zod';
import { jsonNumberOverride } from '../../json/jsonValueSchema';
import { MAPPING_FORMAT } from './formatVersion';
import { mappingSpecSchema } from './MappingSpec';

/** The JSON Schema published in docs/mapping-spec.schema.json (draft 2020-12), as file text. */
export function mappingSpecJsonSchemaText(): string {
  const schema = z.toJSONSchema(mappingSpecSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any', override: jsonNumberOverride });
  const published = { $id: `urn:crosswalk:schema:${MAPPING_FORMAT}`, ...schema };
  return `${JSON.stringify(published, null, 2)}\n`;
}
