import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mappingSpecJsonSchemaText } from './mappingJsonSchema';
import { nodeKinds } from '../nodes/nodeKinds';

describe('published JSON Schema', () => {
  it('docs/mapping-spec.schema.json is current (regenerate: node --import tsx scripts/generate-mapping-schema.ts)', () => {
    const committed = readFileSync(resolve(process.cwd(), 'docs/mapping-spec.schema.json'), 'utf8');
    expect(committed).toBe(mappingSpecJsonSchemaText());
  });

  it('describes the node kinds and the format version', () => {
    const schema = JSON.parse(mappingSpecJsonSchemaText()) as { properties: Record<string, { const?: string }>; required: string[] };
    expect(schema.properties.format.const).toBe('crosswalk.mapping/2');
    expect(schema.required).toEqual(['format', 'maps', 'valueMaps', 'settings']);
    const text = mappingSpecJsonSchemaText();
    for (const kind of nodeKinds.map((k) => k.kind)) expect(text).toContain(`"const": "${kind}"`);
    expect(text).toContain('"message"');
    expect(text).toContain('"datatype"');
  });
});
