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
  {
    from: 1,
    description: 'Puts the one flat graph of format 1 into a message map (named after its message structure) and moves its layout under that map.',
    up(spec) {
      const { format: _format, sources, targets, nodes, links, valueMaps, settings, layout } = spec as Record<string, unknown>;
      const first = Array.isArray(sources) ? (sources[0] as { schema?: { standard?: unknown; structure?: unknown } } | undefined) : undefined;
      const structure = first?.schema?.standard === 'hl7v2' && typeof first.schema.structure === 'string' ? first.schema.structure : undefined;
      const id = structure !== undefined && /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(structure) ? structure : 'message';
      const out: Record<string, unknown> = {
        format: `${MAPPING_FORMAT_NAME}/2`,
        maps: [{ id, kind: 'message', sources, targets, nodes, links }],
        valueMaps,
        settings,
      };
      if (layout !== undefined) out.layout = { maps: { [id]: layout } };
      return out;
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
