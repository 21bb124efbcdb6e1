import { canonicalJson } from '../bundle/canonicalJson';
import { CrosswalkError, type CrosswalkErrorData } from '../errors/CrosswalkError';
import { parseValueMap } from '../valuemaps/parseValueMap';
import { reviewerNameSchema, rowContent, rowContentChanges, rowDigest, type RowReview } from '../valuemaps/rowReview';
import type { ValueMap, ValueMapEntry } from '../valuemaps/ValueMap';
import type { ReviewAction, ReviewEvent, Reviewer, RowEdit } from './ReviewAction';
import { countedApprovals, currentApprovals, effectiveStatus, type ReviewPolicy } from './reviewPolicy';

export interface ReviewContext {
  reviewer: Reviewer;
  /** ISO 8601 instant of the action (the caller's clock, so the model stays pure and testable). */
  now: string;
  policy: ReviewPolicy;
}

export interface ReviewOutcome {
  /** The value map after the action (the one given, unchanged, when every row was refused). */
  map: ValueMap;
  /** One event per row changed, in the order of the action's rows: what the history appends. */
  events: ReviewEvent[];
  /** Rows the action did not change, each with why (a CrosswalkError's data: code and one sentence). */
  refused: { source: string; error: CrosswalkErrorData }[];
}

/**
 * Applies one person's action to rows of a value map, enforcing the bundle's review policy:
 * - approve and reject are a reviewer's (role), an approver is not the row's last author when the
 *   policy says so, and each approval is from a different person; a row is approved once it has as
 *   many approvals as the policy asks, and until then stays proposed;
 * - reject and needs-discussion need a comment saying why, and clear the row's approvals;
 * - an edit of what a row maps to clears its approvals and makes it proposed again; when the row
 *   was approved, the approved content is kept (`lastApproved`) so "changed since approval" shows
 *   old → new until it is approved again.
 * Each row is decided alone: a refused row is reported with a reason and the others go ahead.
 */
export function applyReviewAction(map: ValueMap, action: ReviewAction, context: ReviewContext): ReviewOutcome {
  const name = reviewerNameSchema.safeParse(context.reviewer.name);
  if (!name.success) {
    throw new CrosswalkError('REVIEW_NO_NAME', 'Set your reviewer name in the settings before reviewing: every change records who made it.', { path: 'reviewer.name' });
  }
  const entries = [...map.entries];
  const events: ReviewEvent[] = [];
  const refused: ReviewOutcome['refused'] = [];
  const refuse = (source: string, code: string, sentence: string, index?: number) => {
    refused.push({ source, error: new CrosswalkError(code, sentence, { path: index === undefined ? map.id : `${map.id}.entries[${index}]` }).toJSON() });
  };
  const event = (entry: ValueMapEntry, before: ValueMapEntry | undefined, extra: Partial<ReviewEvent> = {}): ReviewEvent => ({
    valueMap: map.id,
    source: entry.source,
    action: action.kind,
    from: before ? statusOf(before, context.policy) : 'unreviewed',
    to: statusOf(entry, context.policy),
    ...(action.comment !== undefined ? { comment: action.comment } : {}),
    ...extra,
    by: context.reviewer.name,
    role: context.reviewer.role,
    at: context.now,
  });

  switch (action.kind) {
    case 'approve': case 'reject': case 'needs-discussion': case 'propose': case 'comment': {
      // Bulk steps name thousands of rows: find each by a map, not a scan.
      const at = new Map(entries.map((entry, i) => [entry.source, i]));
      for (const source of unique(action.sources)) {
        const index = at.get(source) ?? -1;
        if (index < 0) { refuse(source, 'REVIEW_UNKNOWN_ROW', `Value map "${map.id}" has no row for the source code "${source}".`); continue; }
        const before = entries[index];
        const decided = decideStatus(map.id, before, action, context);
        if ('refused' in decided) { refuse(source, decided.refused.code, decided.refused.sentence, index); continue; }
        entries[index] = decided.entry;
        events.push(event(decided.entry, before, decided.approvals !== undefined ? { approvals: decided.approvals } : {}));
      }
      break;
    }
    case 'edit': {
      const index = entries.findIndex((entry) => entry.source === action.source);
      if (index < 0) { refuse(action.source, 'REVIEW_UNKNOWN_ROW', `Value map "${map.id}" has no row for the source code "${action.source}".`); break; }
      const before = entries[index];
      const after = applyEdit(before, action.changes);
      if (after.source !== before.source && entries.some((entry, i) => i !== index && entry.source === after.source)) {
        refuse(action.source, 'REVIEW_DUPLICATE_ROW', `Value map "${map.id}" already has a row for the source code "${after.source}".`, index);
        break;
      }
      const changes = rowContentChanges(rowContent(before), rowContent(after));
      const noteChanged = before.comment !== after.comment;
      if (changes.length === 0 && !noteChanged) { refuse(action.source, 'REVIEW_NO_CHANGE', `The edit leaves row "${action.source}" of value map "${map.id}" as it is.`, index); break; }
      entries[index] = changes.length === 0 ? withComment(after, action.comment, context) : markEdited(before, after, action.comment, context);
      events.push(event(entries[index], before, { changes: changes.length > 0 ? changes : [{ field: 'comment', ...(before.comment !== undefined ? { from: before.comment } : {}), ...(after.comment !== undefined ? { to: after.comment } : {}) }] }));
      break;
    }
    case 'add': {
      if (entries.some((entry) => entry.source === action.entry.source)) {
        refuse(action.entry.source, 'REVIEW_DUPLICATE_ROW', `Value map "${map.id}" already has a row for the source code "${action.entry.source}".`);
        break;
      }
      const review: RowReview = { status: 'proposed', author: context.reviewer.name, authoredAt: context.now };
      const added = withComment({ ...action.entry, review }, action.comment, context);
      entries.push(added);
      events.push(event(added, undefined, { changes: rowContentChanges({ source: '', target: '' }, rowContent(added)).filter((c) => c.to !== undefined).map(({ field, to }) => ({ field, ...(to !== undefined ? { to } : {}) })) }));
      break;
    }
    case 'remove': {
      const index = entries.findIndex((entry) => entry.source === action.source);
      if (index < 0) { refuse(action.source, 'REVIEW_UNKNOWN_ROW', `Value map "${map.id}" has no row for the source code "${action.source}".`); break; }
      const [removed] = entries.splice(index, 1);
      events.push(event(removed, removed));
      break;
    }
  }
  if (events.length === 0) return { map, events, refused };
  return { map: parseValueMap({ ...map, entries }, { path: map.id }), events, refused };
}

/**
 * Applies review semantics to an edit made elsewhere (the studio's value-map editor changes rows
 * directly, undo restores older rows): every row whose content differs from `before` becomes an
 * edit by this person, a new row is proposed by them, a removed row is recorded. A row whose
 * content did not change keeps the review `before` gives it, whatever `after` says: the review
 * follows the content, so restoring an older copy of a row never restores its older review.
 * Returns `after` with reviews updated (`after` itself when nothing differs).
 */
export function reconcileValueMapEdit(before: ValueMap, after: ValueMap, context: ReviewContext): { map: ValueMap; events: ReviewEvent[] } {
  const old = new Map(before.entries.map((entry) => [entry.source, entry]));
  const events: ReviewEvent[] = [];
  let reviewsKept = false;
  const base = { valueMap: after.id, by: context.reviewer.name, role: context.reviewer.role, at: context.now };
  const entries = after.entries.map((entry) => {
    const previous = old.get(entry.source);
    if (previous === undefined) {
      const added: ValueMapEntry = { ...entry, review: { status: 'proposed', author: context.reviewer.name, authoredAt: context.now } };
      events.push({ ...base, source: entry.source, action: 'add', from: 'unreviewed', to: 'proposed' });
      return added;
    }
    const changes = rowContentChanges(rowContent(previous), rowContent(entry));
    if (changes.length === 0) {
      if (entry.review === previous.review || canonicalJson(entry.review ?? null) === canonicalJson(previous.review ?? null)) return entry;
      reviewsKept = true;
      const { review: _theirs, ...content } = entry;
      return { ...content, ...(previous.review ? { review: previous.review } : {}) };
    }
    const edited = markEdited(previous, entry, undefined, context);
    events.push({ ...base, source: entry.source, action: 'edit', from: statusOf(previous, context.policy), to: statusOf(edited, context.policy), changes });
    return edited;
  });
  const kept = new Set(after.entries.map((entry) => entry.source));
  for (const entry of before.entries) {
    if (!kept.has(entry.source)) events.push({ ...base, source: entry.source, action: 'remove', from: statusOf(entry, context.policy), to: statusOf(entry, context.policy) });
  }
  return { map: events.length === 0 && !reviewsKept ? after : parseValueMap({ ...after, entries }, { path: after.id }), events };
}

function statusOf(entry: ValueMapEntry, policy: ReviewPolicy) {
  return effectiveStatus(entry, policy);
}

function unique(sources: readonly string[]): string[] {
  return [...new Set(sources)];
}

type Decision = { entry: ValueMapEntry; approvals?: number } | { refused: { code: string; sentence: string } };
const no = (code: string, sentence: string): Decision => ({ refused: { code, sentence } });

/** The row after a status action, or why it is refused. */
function decideStatus(mapId: string, entry: ValueMapEntry, action: Extract<ReviewAction, { sources: string[] }>, context: ReviewContext): Decision {
  const { reviewer, policy, now } = context;
  const review: RowReview = entry.review ?? { status: 'unreviewed' };
  const status = effectiveStatus(entry, policy);
  const row = `row "${entry.source}" of value map "${mapId}"`;
  const setStatus = (next: RowReview['status'], keepApprovals: boolean): RowReview => {
    const { approvals, ...rest } = leaveApproved(entry, policy);
    return { ...rest, status: next, reviewer: reviewer.name, reviewedAt: now, ...(keepApprovals && approvals ? { approvals } : {}) };
  };
  switch (action.kind) {
    case 'approve': {
      if (reviewer.role !== 'reviewer') return no('REVIEW_ROLE', `Only a reviewer approves rows, and your role in the settings is author.`);
      if (status === 'approved') return no('REVIEW_ALREADY_APPROVED', `${capital(row)} is already approved.`);
      if (policy.approverNotAuthor && review.author === reviewer.name) {
        return no('REVIEW_OWN_ROW', `You were the last to change ${row}, and this bundle requires an approver other than the row's last author.`);
      }
      // Approvals of another version of the row (changed outside the review) are dropped here.
      const approvals = currentApprovals(entry);
      if (approvals.some((approval) => approval.by === reviewer.name)) {
        const more = policy.approvals - countedApprovals(entry, policy).length;
        return no('REVIEW_ALREADY_APPROVED_BY', `You have already approved ${row}; it needs ${more} more approval${more === 1 ? '' : 's'} from someone else.`);
      }
      const next = [...approvals, { by: reviewer.name, at: now, row: rowDigest(entry) }];
      const complete = countedApprovals({ ...entry, review: { ...review, approvals: next } }, policy).length >= policy.approvals;
      const { lastApproved: _old, ...rest } = review;
      const updated: RowReview = complete
        ? { ...rest, status: 'approved', reviewer: reviewer.name, reviewedAt: now, approvals: next }
        : { ...review, status: 'proposed', reviewer: reviewer.name, reviewedAt: now, approvals: next };
      return { entry: withComment({ ...entry, review: updated }, action.comment, context), approvals: next.length };
    }
    case 'reject':
      if (reviewer.role !== 'reviewer') return no('REVIEW_ROLE', `Only a reviewer rejects rows, and your role in the settings is author.`);
      if (status === 'rejected') return no('REVIEW_NO_CHANGE', `${capital(row)} is already rejected.`);
      return { entry: withComment({ ...entry, review: setStatus('rejected', false) }, action.comment, context) };
    case 'needs-discussion':
      if (status === 'needs-discussion') return no('REVIEW_NO_CHANGE', `${capital(row)} is already marked as needing discussion.`);
      return { entry: withComment({ ...entry, review: setStatus('needs-discussion', false) }, action.comment, context) };
    case 'propose':
      if (status === 'approved') return no('REVIEW_ALREADY_APPROVED', `${capital(row)} is already approved.`);
      if (status === 'proposed') return no('REVIEW_NO_CHANGE', `${capital(row)} is already proposed.`);
      return { entry: withComment({ ...entry, review: setStatus('proposed', true) }, action.comment, context) };
    case 'comment':
      return { entry: withComment({ ...entry, review }, action.comment, context) };
  }
}

function withComment(entry: ValueMapEntry, text: string | undefined, context: ReviewContext): ValueMapEntry {
  if (text === undefined) return entry;
  const review: RowReview = entry.review ?? { status: 'unreviewed' };
  return { ...entry, review: { ...review, comments: [...(review.comments ?? []), { by: context.reviewer.name, at: context.now, text }] } };
}

/**
 * The review of a row losing its approval: the approved content is kept as `lastApproved` (an
 * earlier one stays: the diff is against what was last approved, however many steps since).
 */
function leaveApproved(entry: ValueMapEntry, policy: ReviewPolicy): RowReview {
  const review: RowReview = entry.review ?? { status: 'unreviewed' };
  if (review.lastApproved !== undefined || effectiveStatus(entry, policy) !== 'approved') return review;
  return { ...review, lastApproved: rowContent(entry) };
}

/** `after` with the review of an edited row: proposed, by this author, approvals cleared, approved content kept. */
function markEdited(before: ValueMapEntry, after: ValueMapEntry, comment: string | undefined, context: ReviewContext): ValueMapEntry {
  const { approvals: _cleared, ...rest } = leaveApproved(before, context.policy);
  const updated: RowReview = { ...rest, status: 'proposed', author: context.reviewer.name, authoredAt: context.now };
  const { review: _review, ...content } = after;
  return withComment({ ...content, review: updated }, comment, context);
}

function applyEdit(entry: ValueMapEntry, changes: RowEdit): ValueMapEntry {
  const next: Record<string, unknown> = { ...entry };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next as ValueMapEntry;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
