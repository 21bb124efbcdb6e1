import { CrosswalkError } from '../../../common/errors/CrosswalkError';
import { parseJson } from '../../../common/json/parseJson';
import { assertNoForbiddenKeys } from '../../../common/safety/forbiddenKeys';
import type { BundleDocument } from '../../../common/studio';

/** How the studio's files turn bundle text into a document and back. */
export interface BundleCodec {
  /** Parses and checks a bundle file's text; `file` names it in errors. */
  parse(text: string, file: string): BundleDocument;
  /** The exact file text to write, and the content hash it carries if the format has one. */
  serialize(bundle: BundleDocument): { text: string; hash?: string };
}

/** Parses JSON, reporting a syntax error by line and column instead of echoing the (possibly patient) text. */
export function parseJsonDocument(text: string, file: string): BundleDocument {
  let value: unknown;
  try {
    // Decimals keep their text, so a bundle's expected outputs and hash read back exactly.
    value = parseJson(text);
  } catch (error) {
    const offset = error instanceof CrosswalkError ? error.where.offset : undefined;
    const where: { file: string; offset?: number; line?: number } = { file };
    if (offset !== undefined) {
      where.offset = offset;
      where.line = text.slice(0, offset).split('\n').length;
    }
    throw new CrosswalkError('CW_BUNDLE_JSON', 'The file is not valid JSON, so it is not a Crosswalk mapping bundle.', where);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CrosswalkError('CW_BUNDLE_NOT_OBJECT', 'The file holds JSON but not an object, so it is not a Crosswalk mapping bundle.', { file });
  }
  try {
    assertNoForbiddenKeys(value, '', 'CW_BUNDLE_FORBIDDEN_KEY');
  } catch (error) {
    throw error instanceof CrosswalkError ? error.at({ file }) : error;
  }
  return value as BundleDocument;
}
