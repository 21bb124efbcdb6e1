/**
 * The spec format this engine writes and executes. Older formats are upgraded on load by the
 * migrations in migrations.ts; a newer or unknown format is refused rather than guessed at.
 */
export const MAPPING_FORMAT_NAME = 'crosswalk.mapping';
export const MAPPING_FORMAT_VERSION = 2;
export const MAPPING_FORMAT = `${MAPPING_FORMAT_NAME}/${MAPPING_FORMAT_VERSION}` as const;
