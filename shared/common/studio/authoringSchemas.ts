import { z } from 'zod';
import { mapKinds } from '../mapping/spec/MappingSpec';

/**
 * Validators for the Studio API's authoring calls (issue 9): coverage, the table view's rows and
 * the documentation export. They describe what shared/common/coverage, mapping/read/mappingRows
 * and doc/ return, so a drifted host fails on arrival instead of drawing garbage.
 */

/** A sample message to measure coverage on (the sample editor's text, or a test case's input). */
export const coverageSampleSchema = z.object({
  name: z.string().min(1).max(1024),
  text: z.string().max(10_000_000),
}).strict();

const missingElementSchema = z.object({
  path: z.string(),
  min: z.number(),
  mustSupport: z.boolean(),
  writtenByCaller: z.literal(true).optional(),
});

const targetCoverageSchema = z.object({
  target: z.string(),
  type: z.string(),
  profile: z.object({ url: z.string(), found: z.boolean() }).optional(),
  missing: z.array(missingElementSchema),
});

export const mappingCoverageSchema = z.object({
  maps: z.array(z.object({
    map: z.string(),
    kind: z.enum(mapKinds),
    targets: z.array(targetCoverageSchema),
    sources: z.object({
      applied: z.number(),
      valued: z.number(),
      used: z.number(),
      fields: z.array(z.object({ path: z.string(), valued: z.number(), used: z.number() })),
    }),
  })),
  targets: z.array(targetCoverageSchema.extend({ map: z.string() })),
  samples: z.array(z.object({
    name: z.string(),
    ok: z.boolean(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    map: z.string().optional(),
    valued: z.number(),
    used: z.number(),
    unused: z.array(z.string()),
  })),
  figure: z.object({ used: z.number(), valued: z.number(), percent: z.number().nullable() }),
});

const mappingRowSchema = z.object({
  id: z.string(),
  map: z.string(),
  link: z.string(),
  kind: z.enum(['value', 'context']),
  target: z.string(),
  targetPath: z.string(),
  context: z.string().optional(),
  iterates: z.string().optional(),
  depth: z.number(),
  order: z.number().optional(),
  sources: z.array(z.string()),
  steps: z.array(z.object({ node: z.string(), kind: z.string(), text: z.string() })),
  expression: z.string(),
  transforms: z.string(),
  valueMaps: z.array(z.string()),
  conditions: z.array(z.string()),
  calls: z.array(z.string()),
  note: z.string().optional(),
  rule: z.string(),
  links: z.array(z.string()),
  nodes: z.array(z.string()),
  edits: z.object({
    source: z.object({ link: z.string(), path: z.string() }).optional(),
    target: z.object({ link: z.string(), path: z.string() }),
    valueMap: z.object({ node: z.string(), valueMap: z.string() }).optional(),
    constant: z.object({ node: z.string(), value: z.unknown() }).optional(),
  }).optional(),
});

export const mapRowsSchema = z.object({
  map: z.string(),
  kind: z.enum(mapKinds),
  label: z.string().optional(),
  description: z.string().optional(),
  input: z.string(),
  output: z.string(),
  when: z.string().optional(),
  targets: z.array(z.object({ id: z.string(), type: z.string(), profile: z.string().optional() })),
  rows: z.array(mappingRowSchema),
});

export const documentFormatSchema = z.enum(['html', 'markdown']);
