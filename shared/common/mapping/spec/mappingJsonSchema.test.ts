import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mappingSpecJsonSchemaText } from './mappingJsonSchema';

describe('published JSON Schema', () => {
  it('docs/mapping-spec.schema.json is current (regenerate: node --import tsx scripts/generate-mapping-schema.ts)', () => {
    const committed = readFileSync(resolve(process.cwd(), 'docs/mapping-spec.schema.json'), 'utf8');
    expect(committed).toBe(mappingSpecJsonSchemaText());
  });

  it('describes the node kinds and the format version', () => {
    const schema = JSON.parse(mappingSpecJsonSchemaText()) as { properties: Record<string, { const?: string }>; required: string[] };
    expect(schema.properties.format.const).toBe('crosswalk.mapping/1');
    expect(schema.required).toEqual(['format', 'sources', 'targets', 'nodes', 'links', 'valueMaps', 'settings']);
    const text = mappingSpecJsonSchemaText();
    for (const kind of ['function', 'valueMap', 'constant', 'condition', 'reference']) expect(text).toContain(`"const": "${kind}"`);
  });
});
