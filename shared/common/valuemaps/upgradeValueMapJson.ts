/**
 * Value maps written before rows had a review carried one map-level `review` (`{ status, by, at,
 * comment }`, draft to approved) that no screen wrote and nothing enforced. It is dropped on load:
 * its claim cannot become row approvals a bundle's review policy would accept, so every row of
 * such a map reads as unreviewed, as a row without `review` does. Works on plain JSON before
 * validation and returns the input unchanged when there is nothing to upgrade.
 */
export function upgradeValueMapJson(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !('review' in data)) return data;
  const { review: _legacy, ...rest } = data as Record<string, unknown>;
  return rest;
}

/** The same for every value map of a mapping spec's JSON (after its format migrations). */
export function upgradeSpecValueMaps(spec: Record<string, unknown>): Record<string, unknown> {
  const valueMaps = spec.valueMaps;
  if (!Array.isArray(valueMaps) || !valueMaps.some((map) => upgradeValueMapJson(map) !== map)) return spec;
  return { ...spec, valueMaps: valueMaps.map(upgradeValueMapJson) };
}
