import { CrosswalkError } from '../errors/CrosswalkError';
import { formatIssuePath } from './parseValueMap';
import { rowReviewSchema, type RowContent, type RowReview } from './rowReview';

/**
 * FHIR R4's ConceptMap has no per-row review state, so a value map's review travels in
 * extensions, published as StructureDefinitions in docs/fhir/ (reviewExtensionDefinitions.ts):
 * - on each `group.element.target` (one value-map row), ROW_REVIEW_EXTENSION: status, last author
 *   and reviewer with their times, approvals, comments, and the row as last approved;
 * - on the ConceptMap, AUTHOR_EXTENSION and REVIEWER_EXTENSION (one per person), and the core
 *   `resource-approvalDate` / `resource-lastReviewDate` extensions.
 * Importing reads the row extension back, so a ConceptMap round-trips to the same rows and review.
 */
export const ROW_REVIEW_EXTENSION = 'urn:crosswalk:valuemap-row-review';
export const AUTHOR_EXTENSION = 'urn:crosswalk:valuemap-author';
export const REVIEWER_EXTENSION = 'urn:crosswalk:valuemap-reviewer';
export const APPROVAL_DATE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/resource-approvalDate';
export const LAST_REVIEW_DATE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/resource-lastReviewDate';

/** The FHIR Extension shape used here (value types the review needs). */
export interface Extension {
  url: string;
  valueCode?: string;
  valueString?: string;
  valueDateTime?: string;
  valueDate?: string;
  valueUri?: string;
  valueMarkdown?: string;
  extension?: Extension[];
}

const part = (url: string, key: 'valueCode' | 'valueString' | 'valueDateTime' | 'valueUri' | 'valueMarkdown', value: string | undefined): Extension[] =>
  value === undefined ? [] : [{ url, [key]: value }];

/** A row's review as the complex extension on its ConceptMap target. */
export function rowReviewExtension(review: RowReview): Extension {
  const extension: Extension[] = [
    ...part('status', 'valueCode', review.status),
    ...part('author', 'valueString', review.author),
    ...part('authored', 'valueDateTime', review.authoredAt),
    ...part('reviewer', 'valueString', review.reviewer),
    ...part('reviewed', 'valueDateTime', review.reviewedAt),
    ...(review.approvals ?? []).map((a): Extension => ({ url: 'approval', extension: [...part('by', 'valueString', a.by), ...part('at', 'valueDateTime', a.at), ...part('row', 'valueString', a.row)] })),
    ...(review.comments ?? []).map((c): Extension => ({ url: 'comment', extension: [...part('by', 'valueString', c.by), ...part('at', 'valueDateTime', c.at), ...part('text', 'valueMarkdown', c.text)] })),
  ];
  if (review.lastApproved) extension.push({ url: 'lastApproved', extension: contentParts(review.lastApproved) });
  return { url: ROW_REVIEW_EXTENSION, extension };
}

function contentParts(content: RowContent): Extension[] {
  return [
    ...part('source', 'valueCode', content.source),
    ...part('target', 'valueCode', content.target),
    ...part('display', 'valueString', content.display),
    ...part('system', 'valueUri', content.system),
    ...part('equivalence', 'valueCode', content.equivalence),
  ];
}

type Reader = (url: string) => string | undefined;

/** Reads the parts of a complex extension: each named part at most once, with the value type the definition gives it. */
function reader(ext: Record<string, unknown>, path: string, types: Record<string, string>, repeating: readonly string[] = []): { one: Reader; many: (url: string) => { ext: Record<string, unknown>; path: string }[] } {
  const parts = Array.isArray(ext.extension) ? (ext.extension as unknown[]) : [];
  const found = new Map<string, { ext: Record<string, unknown>; path: string }[]>();
  parts.forEach((item, i) => {
    const itemPath = `${path}.extension[${i}]`;
    if (!isRecord(item) || typeof item.url !== 'string') fail(`${itemPath} is not an extension with a url.`, itemPath);
    if (!Object.hasOwn(types, item.url) && !repeating.includes(item.url)) fail(`${itemPath} has the url "${item.url}", which the review extension does not define.`, itemPath);
    const list = found.get(item.url) ?? [];
    if (list.length > 0 && !repeating.includes(item.url)) fail(`${itemPath} repeats "${item.url}", which the review extension allows once.`, itemPath);
    list.push({ ext: item, path: itemPath });
    found.set(item.url, list);
  });
  return {
    one(url) {
      const hit = found.get(url)?.[0];
      if (hit === undefined) return undefined;
      const key = types[url];
      const value = hit.ext[key];
      if (typeof value !== 'string') fail(`${hit.path} needs a ${key}.`, `${hit.path}.${key}`);
      return value;
    },
    many: (url) => found.get(url) ?? [],
  };
}

/** A row's review from its ConceptMap target's extensions, or undefined when it has none. Bad input gets CONCEPTMAP_INVALID naming the element. */
export function readRowReviewExtension(extensions: unknown, path: string): RowReview | undefined {
  if (extensions === undefined) return undefined;
  if (!Array.isArray(extensions)) fail(`${path}.extension is not a list.`, `${path}.extension`);
  const index = extensions.findIndex((ext) => isRecord(ext) && ext.url === ROW_REVIEW_EXTENSION);
  if (index < 0) return undefined;
  const extPath = `${path}.extension[${index}]`;
  const ext = extensions[index] as Record<string, unknown>;
  const top = reader(ext, extPath, {
    status: 'valueCode', author: 'valueString', authored: 'valueDateTime', reviewer: 'valueString', reviewed: 'valueDateTime', lastApproved: '',
  }, ['approval', 'comment']);
  const review: Record<string, unknown> = { status: top.one('status') };
  const set = (key: string, value: string | undefined) => { if (value !== undefined) review[key] = value; };
  set('author', top.one('author'));
  set('authoredAt', top.one('authored'));
  set('reviewer', top.one('reviewer'));
  set('reviewedAt', top.one('reviewed'));
  const approvals = top.many('approval').map(({ ext: a, path: p }) => {
    const r = reader(a, p, { by: 'valueString', at: 'valueDateTime', row: 'valueString' });
    const row = r.one('row');
    return { by: r.one('by'), at: r.one('at'), ...(row !== undefined ? { row } : {}) };
  });
  if (approvals.length > 0) review.approvals = approvals;
  const comments = top.many('comment').map(({ ext: c, path: p }) => {
    const r = reader(c, p, { by: 'valueString', at: 'valueDateTime', text: 'valueMarkdown' });
    return { by: r.one('by'), at: r.one('at'), text: r.one('text') };
  });
  if (comments.length > 0) review.comments = comments;
  const last = top.many('lastApproved')[0];
  if (last !== undefined) {
    const r = reader(last.ext, last.path, { source: 'valueCode', target: 'valueCode', display: 'valueString', system: 'valueUri', equivalence: 'valueCode' });
    const content: Record<string, unknown> = {};
    for (const key of ['source', 'target', 'display', 'system', 'equivalence']) { const v = r.one(key); if (v !== undefined) content[key] = v; }
    review.lastApproved = content;
  }
  const parsed = rowReviewSchema.safeParse(review);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`The review at ${extPath} is invalid at ${formatIssuePath(issue.path) || 'its root'}: ${issue.message.replace(/\.$/, '')}.`, extPath);
  }
  return parsed.data;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A ConceptMap import problem: CONCEPTMAP_INVALID naming the element. */
export function fail(message: string, path: string): never {
  throw new CrosswalkError('CONCEPTMAP_INVALID', message, { path });
}
