import { z } from 'zod';

/** Ids are referenced by links and by the trace; a small alphabet keeps them safe as keys and in paths. */
export const idSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'An id starts with a letter and has at most 64 letters, digits, "_", "." or "-".');

/** Port names are function input names (`value`, `format`) or a node kind's fixed ports (`in`, `out`, `code`). */
export const portSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'A port name starts with a letter and has only letters, digits and "_".');

/**
 * A map's id names it the way the HL7 v2-to-FHIR IG does: a message structure (`ADT_A01`), or
 * an input and its output in brackets (`PID[Patient]`, `CX[Identifier]`, `OBX[Observation-Component]`).
 * The trace writes `<map id>/<link id>`, so a map id has no `/`.
 */
export const MAP_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}(\[[A-Za-z][A-Za-z0-9_.-]{0,63}\])?$/;
export const mapIdSchema = z.string().regex(MAP_ID_PATTERN, 'A map id is a name such as ADT_A01, optionally with its output in brackets such as PID[Patient].');
