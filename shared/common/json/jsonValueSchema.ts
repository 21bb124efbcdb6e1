import { z } from 'zod';
import { Decimal } from './Decimal';

/** A JSON number: finite, or a Decimal keeping its text. */
const jsonNumberSchema = z.custom<number | Decimal>((v) => (typeof v === 'number' && Number.isFinite(v)) || v instanceof Decimal, 'Expected a number');

/**
 * Any JSON value, as z.json() accepts it, with Decimals among the numbers: a constant or an
 * expected output read by parseJson keeps `1.50` as written. Validation passes values through
 * unchanged, so a Decimal is still one afterwards.
 */
export const jsonValueSchema: z.ZodType<unknown> = z.lazy(() => z.union([
  z.string(), jsonNumberSchema, z.boolean(), z.null(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema),
]));

/** For z.toJSONSchema's `override`: a Decimal is written as a JSON number, so the published schema says `number`. */
export function jsonNumberOverride(ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }): void {
  if (ctx.zodSchema === jsonNumberSchema) ctx.jsonSchema.type = 'number';
}
