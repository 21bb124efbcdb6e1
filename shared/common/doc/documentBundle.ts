import { runBundleTests, type BundleTestResult } from '../bundle/runBundleTests';
import type { ShowableBundle } from '../bundle/showBundle';
import { computeCoverage } from '../coverage/computeCoverage';
import type { CoverageSample, MappingCoverage } from '../coverage/MappingCoverage';
import { CrosswalkError, type CrosswalkErrorData } from '../errors/CrosswalkError';
import { compileWithCatalog } from '../mapping/compile/compileWithCatalog';
import { specPortEnv } from '../mapping/read/specPortEnv';
import type { SchemaCatalog } from '../schema/SchemaCatalog';
import { buildMappingDocument } from './buildMappingDocument';
import type { MappingDocument } from './DocumentModel';
import { documentHtml } from './documentHtml';
import { documentMarkdown } from './documentMarkdown';

export type DocumentFormat = 'html' | 'markdown';

/**
 * The documentation of a bundle: its test cases run and its coverage computed with the runtime's
 * engine (over the test cases' inputs and any other `samples`, whose values never appear; a sample
 * that is a test case's input counts once, as the test case), then
 * the document built. A mapping that does not compile is still documented, with the compiler's
 * sentence where the test results and coverage would be.
 */
export async function documentModel(bundle: ShowableBundle, catalog: SchemaCatalog, samples: readonly CoverageSample[] = []): Promise<MappingDocument> {
  const spec = bundle.mapping;
  const tests = await attempt(async (): Promise<{ results: BundleTestResult[] }> => ({ results: runBundleTests(await compileWithCatalog(spec, catalog), bundle.tests) }));
  const fromTests = bundle.tests.map((test) => ({ name: `test case: ${test.name}`, text: test.input }));
  // The studio's samples often are its test cases' inputs: each message counts once, as the test case.
  const inputs = new Set(fromTests.map((s) => s.text));
  const others = samples.filter((s) => !inputs.has(s.text));
  const coverage = await attempt(async (): Promise<{ result: MappingCoverage; extra: number }> => ({ result: await computeCoverage(spec, catalog, [...fromTests, ...others]), extra: others.length }));
  return buildMappingDocument({ bundle, env: specPortEnv(spec), tests, coverage });
}

/** The documentation as one self-contained HTML page or as Markdown. */
export async function documentBundle(bundle: ShowableBundle, catalog: SchemaCatalog, format: DocumentFormat, samples: readonly CoverageSample[] = []): Promise<string> {
  const doc = await documentModel(bundle, catalog, samples);
  return format === 'html' ? documentHtml(doc) : documentMarkdown(doc);
}

async function attempt<T>(run: () => Promise<T>): Promise<T | { error: CrosswalkErrorData }> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CrosswalkError) return { error: error.toJSON() };
    throw error;
  }
}
