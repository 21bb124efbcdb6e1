import { z } from 'zod';
import { jsonValueSchema } from '../json/jsonValueSchema';

/** The bundle file format this engine writes. */
export const BUNDLE_FORMAT = 'crosswalk.bundle/2';
/** The first format: still read (verified by its own hash rule, then migrated in memory). */
export const BUNDLE_FORMAT_V1 = 'crosswalk.bundle/1';

export const bundleMetadataSchema = z.object({
  name: z.string().min(1, 'A bundle needs a name.'),
  /** The mapping's own version, chosen by its author (`1.0.0`). */
  version: z.string().min(1),
  author: z.string().optional(),
  description: z.string().optional(),
  /** When the mapping was first created (ISO 8601); not touched by later exports, so exports stay byte-identical. */
  created: z.string().optional(),
}).strict();
export type BundleMetadata = z.infer<typeof bundleMetadataSchema>;

/**
 * A sample input with what the mapping must produce from it: either the exact output document,
 * or the code of the error it must fail with. In the file the input is an array of segment lines
 * (so a changed field is a one-line diff); in memory it is the message text, segments joined by CR.
 */
export const bundleTestCaseSchema = z.object({
  name: z.string().min(1, 'A test case needs a name.'),
  input: z.string(),
  expected: jsonValueSchema.optional(),
  expectedError: z.string().optional(),
}).strict().refine((test) => (test.expected === undefined) !== (test.expectedError === undefined), {
  message: 'A test case has either an expected output or an expected error code.',
});
export type BundleTestCase = z.infer<typeof bundleTestCaseSchema>;

export const bundleFileTestCaseSchema = z.object({
  name: z.string().min(1, 'A test case needs a name.'),
  input: z.union([z.array(z.string()), z.string()]),
  expected: jsonValueSchema.optional(),
  expectedError: z.string().optional(),
}).strict().refine((test) => (test.expected === undefined) !== (test.expectedError === undefined), {
  message: 'A test case has either an expected output or an expected error code.',
});
export type BundleFileTestCase = z.infer<typeof bundleFileTestCaseSchema>;

const hashSchema = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'The hash looks like sha256: followed by 64 hex digits.');

/**
 * The file the studio exports and the runtime runs. `mapping` is validated by the mapping spec
 * schema after the hash check (it may be an older format that migrates). `hash` is `sha256:` +
 * the SHA-256 of the compact canonical JSON of every other member except `layout`: the canvas
 * layout is kept in the file, last, but moving a box does not change what the bundle does.
 */
export const bundleFileSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  hash: hashSchema,
  metadata: bundleMetadataSchema,
  engine: z.object({
    /** The mapping format the bundle needs; the runtime refuses a newer one. */
    mappingFormat: z.string().min(1),
  }).strict(),
  mapping: z.record(z.string(), z.unknown()),
  tests: z.array(bundleFileTestCaseSchema),
  layout: z.record(z.string(), z.unknown()).optional(),
}).strict();
export type BundleFile = z.infer<typeof bundleFileSchema>;

/** Format 1: the layout inside the mapping and inside the hash, test inputs as one string. */
export const bundleFileV1Schema = z.object({
  format: z.literal(BUNDLE_FORMAT_V1),
  metadata: bundleMetadataSchema,
  engine: z.object({ mappingFormat: z.string().min(1) }).strict(),
  mapping: z.record(z.string(), z.unknown()),
  tests: z.array(bundleTestCaseSchema),
  hash: hashSchema,
}).strict();
