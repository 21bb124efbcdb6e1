import { defaultReviewPolicy, type ReviewPolicy } from '../review/reviewPolicy';
import { valueMapProgress } from '../review/reviewProgress';
import {
  APPROVAL_DATE_EXTENSION, AUTHOR_EXTENSION, fail, isRecord, LAST_REVIEW_DATE_EXTENSION, readRowReviewExtension, REVIEWER_EXTENSION, rowReviewExtension,
  type Extension,
} from './conceptMapReview';
import { parseValueMap } from './parseValueMap';
import { equivalenceValues, type Equivalence, type UnmappedPolicy, type ValueMap, type ValueMapEntry } from './ValueMap';

/** The part of a FHIR R4 ConceptMap that a value map reads and writes. */
export interface ConceptMapTarget { code?: string; display?: string; equivalence: Equivalence; comment?: string; extension?: Extension[] }
export interface ConceptMapElement { code?: string; display?: string; target?: ConceptMapTarget[] }
export interface ConceptMapGroup {
  source?: string;
  target?: string;
  element: ConceptMapElement[];
  unmapped?: { mode: 'provided' | 'fixed' | 'other-map'; code?: string; display?: string; url?: string };
  extension?: { url: string; valueCode: string }[];
}
export interface ConceptMap {
  resourceType: 'ConceptMap';
  id?: string;
  extension?: Extension[];
  url?: string;
  name?: string;
  title?: string;
  status: 'draft' | 'active' | 'retired' | 'unknown';
  date?: string;
  publisher?: string;
  description?: string;
  group?: ConceptMapGroup[];
}

/**
 * ConceptMap has no way to say "unmapped codes yield nothing" or "unmapped codes are an error",
 * so those two policies travel in an extension on the group, and come back on import.
 */
export const UNMAPPED_POLICY_EXTENSION = 'urn:crosswalk:valuemap-unmapped-policy';

const INVERSE: Record<Equivalence, Equivalence> = {
  relatedto: 'relatedto', equivalent: 'equivalent', equal: 'equal', wider: 'narrower', narrower: 'wider',
  subsumes: 'specializes', specializes: 'subsumes', inexact: 'inexact', unmatched: 'unmatched', disjoint: 'disjoint',
};

export interface ConceptMapImportOptions {
  /** Read the map target → source (e.g. cm-administrative-gender-v2 is FHIR → v2; reversed it maps v2 table 0001 → FHIR). */
  reverse?: boolean;
  /** Id of the value map; defaults to the ConceptMap's id (with `-reverse` when reversed). */
  id?: string;
  /** Policy for unmapped codes; defaults to what the group says, else error. */
  unmapped?: UnmappedPolicy;
}

function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') fail(`Expected a string at ${path}.`, path);
  return value;
}

function readEquivalence(value: unknown, path: string): Equivalence {
  if (value === undefined) return 'equivalent'; // R4 requires it; R3/R5-style maps may omit it
  if (typeof value !== 'string' || !(equivalenceValues as readonly string[]).includes(value)) {
    fail(`The equivalence at ${path} is not one of ${equivalenceValues.join(', ')}.`, path);
  }
  return value as Equivalence;
}

/** Converts a FHIR R4 ConceptMap (all of its groups) into a value map. Bad input gets CONCEPTMAP_INVALID naming the element. */
export function importConceptMap(data: unknown, options: ConceptMapImportOptions = {}): ValueMap {
  if (!isRecord(data) || data.resourceType !== 'ConceptMap') fail('The resource is not a FHIR ConceptMap.', 'ConceptMap');
  const groups = data.group;
  if (!Array.isArray(groups) || groups.length === 0) fail('The ConceptMap has no group to import.', 'ConceptMap.group');
  const reverse = options.reverse === true;

  const entries: ValueMapEntry[] = [];
  const seen = new Set<string>();
  let sourceSystem: string | undefined;
  let targetSystem: string | undefined;
  let unmapped: UnmappedPolicy | undefined;

  groups.forEach((group: unknown, g) => {
    const gPath = `ConceptMap.group[${g}]`;
    if (!isRecord(group)) fail(`${gPath} is not an object.`, gPath);
    const fromSystem = optionalString(reverse ? group.target : group.source, `${gPath}.${reverse ? 'target' : 'source'}`);
    const toSystem = optionalString(reverse ? group.source : group.target, `${gPath}.${reverse ? 'source' : 'target'}`);
    if (g === 0) { sourceSystem = fromSystem; targetSystem = toSystem; }
    else if (fromSystem !== sourceSystem) fail(`${gPath} maps from ${fromSystem ?? 'no system'} but a value map reads one source system (${sourceSystem ?? 'none'}).`, gPath);
    if (!Array.isArray(group.element)) fail(`${gPath}.element is missing.`, `${gPath}.element`);

    group.element.forEach((element: unknown, e) => {
      const ePath = `${gPath}.element[${e}]`;
      if (!isRecord(element)) fail(`${ePath} is not an object.`, ePath);
      const code = optionalString(element.code, `${ePath}.code`);
      const display = optionalString(element.display, `${ePath}.display`);
      const targets = element.target === undefined ? [] : element.target;
      if (!Array.isArray(targets)) fail(`${ePath}.target is not a list.`, `${ePath}.target`);
      targets.forEach((target: unknown, t) => {
        const tPath = `${ePath}.target[${t}]`;
        if (!isRecord(target)) fail(`${tPath} is not an object.`, tPath);
        const equivalence = readEquivalence(target.equivalence, `${tPath}.equivalence`);
        if (equivalence === 'unmatched' || equivalence === 'disjoint') return; // says "no mapping"
        const targetCode = optionalString(target.code, `${tPath}.code`);
        const targetDisplay = optionalString(target.display, `${tPath}.display`);
        const comment = optionalString(target.comment, `${tPath}.comment`);
        const from = reverse ? targetCode : code;
        const to = reverse ? code : targetCode;
        if (from === undefined || to === undefined) return; // an element without a code maps nothing
        // A value map is a function: the first target of a code wins, as ConceptMap lists preferred targets first.
        if (seen.has(from)) return;
        seen.add(from);
        const entry: ValueMapEntry = { source: from, target: to };
        const shownDisplay = reverse ? display : targetDisplay;
        if (shownDisplay !== undefined) entry.display = shownDisplay;
        if (toSystem !== targetSystem && toSystem !== undefined) entry.system = toSystem;
        const entryEquivalence = reverse ? INVERSE[equivalence] : equivalence;
        // A review is of the row as written; read in reverse it is another row, so it starts unreviewed.
        const review = reverse ? undefined : readRowReviewExtension(target.extension, tPath);
        // `equivalent` is the default on export, so leaving it out keeps round trips exact.
        if (entryEquivalence !== 'equivalent') entry.equivalence = entryEquivalence;
        if (comment !== undefined) entry.comment = comment;
        else if (reverse && (entryEquivalence === 'narrower' || entryEquivalence === 'inexact')) {
          entry.comment = `Read in reverse from a ConceptMap where the equivalence was ${equivalence}.`;
        }
        if (review !== undefined) entry.review = review;
        entries.push(entry);
      });
    });

    if (g === 0 && !reverse) unmapped = readUnmapped(group, gPath);
  });

  const id = options.id ?? (typeof data.id === 'string' ? `${data.id}${reverse ? '-reverse' : ''}` : 'imported-conceptmap');
  const name = (typeof data.title === 'string' && data.title) || (typeof data.name === 'string' && data.name) || id;
  const map: Record<string, unknown> = {
    id, name: reverse ? `${name} (reversed)` : name, entries,
    unmapped: options.unmapped ?? unmapped ?? { kind: 'error' },
  };
  if (typeof data.description === 'string') map.description = data.description;
  if (sourceSystem !== undefined) map.sourceSystem = sourceSystem;
  if (targetSystem !== undefined) map.targetSystem = targetSystem;
  return parseValueMap(map, { path: 'ConceptMap' });
}

function readUnmapped(group: Record<string, unknown>, gPath: string): UnmappedPolicy | undefined {
  if (Array.isArray(group.extension)) {
    for (const ext of group.extension) {
      if (isRecord(ext) && ext.url === UNMAPPED_POLICY_EXTENSION) {
        if (ext.valueCode === 'empty') return { kind: 'empty' };
        if (ext.valueCode === 'error') return { kind: 'error' };
      }
    }
  }
  const unmapped = group.unmapped;
  if (unmapped === undefined) return undefined;
  const uPath = `${gPath}.unmapped`;
  if (!isRecord(unmapped)) fail(`${uPath} is not an object.`, uPath);
  if (unmapped.mode === 'provided') return { kind: 'passthrough' };
  if (unmapped.mode === 'fixed') {
    const code = optionalString(unmapped.code, `${uPath}.code`);
    if (!code) fail(`${uPath} has mode fixed but no code.`, `${uPath}.code`);
    const display = optionalString(unmapped.display, `${uPath}.display`);
    return display === undefined ? { kind: 'default', code } : { kind: 'default', code, display };
  }
  if (unmapped.mode === 'other-map') fail(`${uPath} refers to another map, which a value map cannot follow.`, `${uPath}.mode`);
  fail(`${uPath}.mode is not provided, fixed or other-map.`, `${uPath}.mode`);
}

export interface ConceptMapExportOptions {
  url?: string;
  /** Default: `active` when every row is approved under the policy, else `draft`. */
  status?: ConceptMap['status'];
  /** The bundle's review policy, which decides whether a row counts as approved (default: one approval). */
  policy?: ReviewPolicy;
}

/**
 * Writes a value map as a valid FHIR R4 ConceptMap: one group per target system, in first-use
 * order, each row's review in ROW_REVIEW_EXTENSION on its target, and the map's sign-off on the
 * ConceptMap (its authors and reviewers, the approval date once every row is approved).
 */
export function exportConceptMap(map: ValueMap, options: ConceptMapExportOptions = {}): ConceptMap {
  const groups = new Map<string, ConceptMapGroup>();
  const groupFor = (system: string | undefined): ConceptMapGroup => {
    const key = system ?? '';
    let group = groups.get(key);
    if (group === undefined) {
      group = { element: [] };
      if (map.sourceSystem !== undefined) group.source = map.sourceSystem;
      if (system !== undefined) group.target = system;
      groups.set(key, group);
    }
    return group;
  };
  groupFor(map.targetSystem); // the map's own system is always the first group, even when empty

  for (const entry of map.entries) {
    const target: ConceptMapTarget = { code: entry.target, equivalence: entry.equivalence ?? 'equivalent' };
    if (entry.display !== undefined) target.display = entry.display;
    if (entry.comment !== undefined) target.comment = entry.comment;
    else if (target.equivalence === 'narrower' || target.equivalence === 'inexact') {
      // R4 invariant cmd-1: a narrower or inexact target needs a comment.
      target.comment = `Marked ${target.equivalence} in value map ${map.id}.`;
    }
    if (entry.review !== undefined) target.extension = [rowReviewExtension(entry.review)];
    groupFor(entry.system ?? map.targetSystem).element.push({ code: entry.source, target: [target] });
  }

  const policy = map.unmapped;
  for (const group of groups.values()) {
    if (policy.kind === 'passthrough') group.unmapped = { mode: 'provided' };
    else if (policy.kind === 'default') {
      group.unmapped = policy.display === undefined ? { mode: 'fixed', code: policy.code } : { mode: 'fixed', code: policy.code, display: policy.display };
    } else group.extension = [{ url: UNMAPPED_POLICY_EXTENSION, valueCode: policy.kind }];
  }

  // A map whose every row is approved is published as active; anything else is still a draft.
  const progress = valueMapProgress(map, options.policy ?? defaultReviewPolicy, true);
  const signOff = progress.signOff;
  const conceptMap: ConceptMap = { resourceType: 'ConceptMap', id: map.id, status: options.status ?? (signOff ? 'active' : 'draft') };
  const extension = mapReviewExtensions(map, signOff);
  if (extension.length > 0) conceptMap.extension = extension;
  if (options.url !== undefined) conceptMap.url = options.url;
  conceptMap.name = toComputableName(map.name);
  conceptMap.title = map.name;
  if (signOff) conceptMap.date = signOff.approvedAt;
  if (map.description !== undefined) conceptMap.description = map.description;
  conceptMap.group = [...groups.values()].filter((group, index) => index === 0 || group.element.length > 0);
  return conceptMap;
}

/** Who wrote and who reviewed the rows, the approval date (every row approved) and the last review date, on the ConceptMap itself. */
function mapReviewExtensions(map: ValueMap, signOff: { approvedAt: string } | undefined): Extension[] {
  const people = (pick: (review: NonNullable<ValueMapEntry['review']>) => (string | undefined)[]) =>
    [...new Set(map.entries.flatMap((entry) => (entry.review ? pick(entry.review) : [])).filter((name): name is string => name !== undefined))].sort();
  const authors = people((review) => [review.author]);
  const reviewers = people((review) => [review.reviewer, ...(review.approvals ?? []).map((a) => a.by)]);
  const reviewed = map.entries.flatMap((entry) => (entry.review?.reviewedAt ? [entry.review.reviewedAt] : [])).sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
  return [
    ...authors.map((name) => ({ url: AUTHOR_EXTENSION, valueString: name })),
    ...reviewers.map((name) => ({ url: REVIEWER_EXTENSION, valueString: name })),
    // FHIR `date`: the day in the offset the reviewer recorded it in.
    ...(signOff ? [{ url: APPROVAL_DATE_EXTENSION, valueDate: signOff.approvedAt.slice(0, 10) }] : []),
    ...(reviewed ? [{ url: LAST_REVIEW_DATE_EXTENSION, valueDate: reviewed.slice(0, 10) }] : []),
  ];
}

/** R4 invariant inv-0 wants `name` usable as an identifier: `[A-Z]([A-Za-z0-9_]){0,254}`. */
function toComputableName(title: string): string {
  const words = title.replace(/[^A-Za-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  const name = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  const safe = /^[A-Z]/.test(name) ? name : `Map${name}`;
  return safe.slice(0, 255);
}
