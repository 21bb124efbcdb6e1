import type { BundleContent } from '../bundle/createBundle';
import { describeIgImport, type IgImportResult } from './IgImportResult';

/**
 * What a mapping started from the IG is saved as (the studio's document, a bundle's content):
 * named after the IG message map, version 0.1.0, its description saying where it came from and
 * what the import counted; no test cases yet.
 */
export function igMappingDocument(result: IgImportResult): Required<BundleContent> {
  const [, counted] = describeIgImport(result);
  return {
    metadata: {
      name: `${result.message} from the HL7 v2-to-FHIR IG`,
      version: '0.1.0',
      description: `Started from the HL7 v2-to-FHIR IG message map ${result.message} for HL7 v${result.version} (tables: ${result.source}). ${counted} Notes on the canvas mark what is left to do.`,
    },
    mapping: result.spec,
    tests: [],
  };
}
