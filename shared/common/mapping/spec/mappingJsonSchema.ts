import { z } from 'zod';
import { mappingSpecSchema } from './MappingSpec';

/** The JSON Schema published in docs/mapping-spec.schema.json (draft 2020-12), as file text. */
export function mappingSpecJsonSchemaText(): string {
  const schema = z.toJSONSchema(mappingSpecSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  const published = { $id: 'urn:crosswalk:schema:crosswalk.mapping/1', ...schema };
  return `${JSON.stringify(published, null, 2)}\n`;
}
