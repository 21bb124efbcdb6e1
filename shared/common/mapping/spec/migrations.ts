import { CrosswalkError } from '../../errors/CrosswalkError';
import { MAPPING_FORMAT_NAME, MAPPING_FORMAT_VERSION } from './formatVersion';

/**
 * One step from format version `from` to `from + 1`. Migrations work on plain JSON (before
 * validation) because the old shape is by definition not the current schema.
 */
export interface SpecMigration {
  from: number;
  description: string;
  up(spec: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Registered as data, in order. Version 0 is the draft shape the studio prototype wrote, without
 * a `format` key and with `settings` optional; migrating it is setting both.
 */
export const specMigrations: readonly SpecMigration[] = [
  {
    from: 0,
    description: 'Adds the format key and an empty settings object to an unversioned draft.',
    up(spec) {
      return { ...spec, settings: spec.settings ?? {}, format: `${MAPPING_FORMAT_NAME}/1` };
    },
  },
];

/** `crosswalk.mapping/3` → 3; a spec without `format` is version 0; anything else is refused. */
export function specFormatVersion(spec: Record<string, unknown>): number {
  const format = spec.format;
  if (format === undefined) return 0;
  if (typeof format === 'string' && format.startsWith(`${MAPPING_FORMAT_NAME}/`)) {
    const version = format.slice(MAPPING_FORMAT_NAME.length + 1);
    if (/^(0|[1-9]\d{0,5})$/.test(version)) return Number(version);
  }
  throw new CrosswalkError('SPEC_UNKNOWN_FORMAT', `The mapping format "${String(format).slice(0, 60)}" is not a Crosswalk mapping format this engine knows (it reads ${MAPPING_FORMAT_NAME}/0 to /${MAPPING_FORMAT_VERSION}).`, { path: 'format' });
}

/** Upgrades a spec to the current format, one registered step at a time. */
export function migrateSpec(spec: Record<string, unknown>, migrations: readonly SpecMigration[] = specMigrations): Record<string, unknown> {
  let version = specFormatVersion(spec);
  if (version > MAPPING_FORMAT_VERSION) {
    throw new CrosswalkError('SPEC_FORMAT_TOO_NEW', `The mapping uses format ${MAPPING_FORMAT_NAME}/${version}, newer than this engine's ${MAPPING_FORMAT_NAME}/${MAPPING_FORMAT_VERSION}; update Crosswalk to run it.`, { path: 'format' });
  }
  let current = spec;
  while (version < MAPPING_FORMAT_VERSION) {
    const step = migrations.find((migration) => migration.from === version);
    if (!step) {
      throw new CrosswalkError('SPEC_NO_MIGRATION', `No migration upgrades a mapping from format version ${version}.`, { path: 'format' });
    }
    current = step.up(current);
    version += 1;
  }
  return current;
}
