import { userInfo } from 'node:os';
import { CrosswalkError } from '../../../common/errors/CrosswalkError';
import type { MappingSpec } from '../../../common/mapping/spec/MappingSpec';
import { parseSpec } from '../../../common/mapping/spec/parseSpec';
import { applyReviewAction, reconcileValueMapEdit, type ReviewContext } from '../../../common/review/applyReviewAction';
import { buildReviewReport } from '../../../common/review/buildReviewReport';
import { reviewerSchema, type Reviewer } from '../../../common/review/ReviewAction';
import type { ReviewReport } from '../../../common/review/reviewReport';
import { reviewReportHtml } from '../../../common/review/reviewReportHtml';
import { reviewPolicyOf } from '../../../common/review/reviewPolicy';
import type { SchemaCatalog } from '../../../common/schema/SchemaCatalog';
import type { BundleDocument, ReviewerInfo, ReviewStepResult, ReviewStudioApi } from '../../../common/studio';
import { exportConceptMap, importConceptMap } from '../../../common/valuemaps/conceptMap';
import { valueMapFromCsv, valueMapToCsv } from '../../../common/valuemaps/csv';
import { parseValueMap } from '../../../common/valuemaps/parseValueMap';
import type { ReviewEvent } from '../../../common/review/ReviewAction';
import type { ValueMap } from '../../../common/valuemaps/ValueMap';
import type { BundleCodec } from '../files/bundleCodec';
import { fileStem } from '../files/BundleFiles';
import type { WorkspaceStore } from '../workspace/WorkspaceStore';

const REVIEWER_SETTING = 'reviewer';

export interface ReviewServiceDeps {
  workspace: WorkspaceStore;
  codec: BundleCodec;
  catalog: SchemaCatalog;
  /** Injected for tests; the wall clock by default. */
  now?: () => Date;
  /** The operating system's user name (the reviewer's default name). */
  osUserName?: () => string;
}

/** The OS account name, or a neutral word where the OS has none to give (a container without a passwd entry). */
export function osUserName(): string {
  try {
    const name = userInfo().username.trim();
    if (name !== '') return name;
  } catch { /* no passwd entry */ }
  return process.env.USER?.trim() || process.env.USERNAME?.trim() || 'reviewer';
}

/**
 * The review methods of the Studio API: the pure model (shared/common/review) applied to the
 * bundle document the studio holds, with the workspace's reviewer, and every step appended to the
 * workspace's append-only history with the bundle's hash after it.
 */
export function createReviewService(deps: ReviewServiceDeps): ReviewStudioApi {
  const now = deps.now ?? (() => new Date());
  const userName = deps.osUserName ?? osUserName;

  const reviewer = (): ReviewerInfo => {
    const saved = reviewerSchema.safeParse(deps.workspace.getSetting(REVIEWER_SETTING));
    if (saved.success) return { ...saved.data, fromSettings: true };
    return { name: userName(), role: 'author', fromSettings: false };
  };

  const specOf = (document: BundleDocument): MappingSpec => {
    if (document.mapping === undefined) throw new CrosswalkError('BUNDLE_INVALID', 'The bundle document has no mapping to review.', { path: 'mapping' });
    return parseSpec(document.mapping, 'mapping');
  };
  const valueMapOf = (spec: MappingSpec, id: string): ValueMap => {
    const map = spec.valueMaps.find((m) => m.id === id);
    if (map === undefined) throw new CrosswalkError('REVIEW_UNKNOWN_VALUE_MAP', `The mapping has no value map "${id}".`, { path: 'mapping.valueMaps' });
    return map;
  };
  const testInputs = (document: BundleDocument): string[] =>
    (Array.isArray(document.tests) ? document.tests : []).flatMap((test) => (typeof (test as { input?: unknown }).input === 'string' ? [(test as { input: string }).input] : []));
  const report = async (mappingKey: string | undefined, document: BundleDocument): Promise<ReviewReport> => {
    const spec = specOf(document);
    const metadata = (document.metadata ?? {}) as { name?: unknown; version?: unknown };
    let hash: string | undefined;
    try { hash = deps.codec.serialize(document).hash; } catch { hash = undefined; }
    return buildReviewReport({
      spec,
      bundle: { name: typeof metadata.name === 'string' ? metadata.name : 'Untitled mapping', version: typeof metadata.version === 'string' ? metadata.version : '', ...(hash !== undefined ? { hash } : {}) },
      tests: testInputs(document),
      samples: mappingKey === undefined ? [] : deps.workspace.listSamples(mappingKey).map((sample) => sample.text),
      catalog: deps.catalog,
      generatedAt: now().toISOString(),
    });
  };

  const contextOf = (spec: MappingSpec): ReviewContext => {
    const { name, role } = reviewer();
    return { reviewer: { name, role }, now: now().toISOString(), policy: reviewPolicyOf(spec) };
  };
  /** The bundle with the value map replaced, its hash, and the step's events appended to the history with it. */
  const record = (mappingKey: string, bundle: BundleDocument, spec: MappingSpec, map: ValueMap, events: ReviewEvent[], refused: ReviewStepResult['refused']): ReviewStepResult => {
    const mapping = { ...spec, valueMaps: spec.valueMaps.map((m) => (m.id === map.id ? map : m)) };
    const document: BundleDocument = { ...bundle, mapping: mapping as unknown as Record<string, unknown> };
    // The hash the saved file will carry: the history names the exact content each step produced.
    const hash = deps.codec.serialize(document).hash ?? '';
    const ids = deps.workspace.appendReviewEvents(mappingKey, hash, events);
    return { bundle: document, hash, events: events.map((event, i) => ({ ...event, id: ids[i], bundleHash: hash })), refused };
  };

  return {
    getReviewer: async () => reviewer(),
    setReviewer: async (args) => {
      const parsed: Reviewer = reviewerSchema.parse(args);
      deps.workspace.setSetting(REVIEWER_SETTING, parsed);
      return { ...parsed, fromSettings: true };
    },

    reviewValueMap: async ({ mappingKey, bundle, valueMapId, action }) => {
      const spec = specOf(bundle);
      const context = contextOf(spec);
      const outcome = applyReviewAction(valueMapOf(spec, valueMapId), action, context);
      return record(mappingKey, bundle, spec, outcome.map, outcome.events, outcome.refused);
    },

    reconcileValueMapEdit: async ({ mappingKey, bundle, valueMapId, before }) => {
      const spec = specOf(bundle);
      const after = valueMapOf(spec, valueMapId);
      const previous = before === undefined ? { ...after, entries: [] } : parseValueMap(before, { path: 'before' });
      const outcome = reconcileValueMapEdit(previous, after, contextOf(spec));
      return record(mappingKey, bundle, spec, outcome.map, outcome.events, []);
    },

    listReviewHistory: async ({ mappingKey, valueMapId, source, limit }) =>
      deps.workspace.listReviewHistory(mappingKey, { ...(valueMapId !== undefined ? { valueMap: valueMapId } : {}), ...(source !== undefined ? { source } : {}), ...(limit !== undefined ? { limit } : {}) }),

    getReviewSummary: ({ mappingKey, bundle }) => report(mappingKey, bundle),

    exportValueMap: async ({ bundle, valueMapId, format, url }) => {
      const spec = specOf(bundle);
      const map = valueMapOf(spec, valueMapId);
      if (format === 'csv') return { fileName: `${map.id}.csv`, text: valueMapToCsv(map) };
      const conceptMap = exportConceptMap(map, { policy: reviewPolicyOf(spec), ...(url !== undefined ? { url } : {}) });
      return { fileName: `ConceptMap-${map.id}.json`, text: `${JSON.stringify(conceptMap, null, 2)}\n` };
    },

    importValueMap: async ({ bundle, valueMapId, format, text }) => {
      const spec = specOf(bundle);
      if (format === 'csv') {
        if (valueMapId === undefined) throw new CrosswalkError('REVIEW_CSV_NEEDS_MAP', 'A CSV holds only rows: name the value map whose id, name, systems and policy it completes.', { path: 'valueMapId' });
        const { entries: _rows, ...base } = valueMapOf(spec, valueMapId);
        return { valueMap: valueMapFromCsv(text, base) as unknown as Record<string, unknown> };
      }
      let json: unknown;
      try { json = JSON.parse(text.replace(/^\uFEFF/, '')); } catch {
        throw new CrosswalkError('CONCEPTMAP_INVALID', 'The file is not valid JSON, so it is not a FHIR ConceptMap.', { path: 'ConceptMap' });
      }
      return { valueMap: importConceptMap(json, valueMapId !== undefined ? { id: valueMapId } : {}) as unknown as Record<string, unknown> };
    },

    exportReviewReport: async ({ mappingKey, bundle }) => ({
      fileName: `${fileStem(bundle)}.review.html`,
      html: reviewReportHtml(await report(mappingKey, bundle)),
    }),
  };
}
