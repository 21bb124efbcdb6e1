import type { CrosswalkErrorData } from '../../../shared/common/errors/CrosswalkError';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';

/** One produced output value and what produced it (from the engine's trace). */
export interface TraceItem {
  /** Where in the output JSON: `entry[0].resource.gender`. */
  outputPath: string;
  /** The target id and element path in the spec's grammar: `patient`, `Patient.gender`. */
  target: string;
  targetPath: string;
  value: unknown;
  links: string[];
  nodes: string[];
  sources: { path: string; value: unknown }[];
  /** Value-map entries used, as `mapId:source`. */
  valueMapEntries: string[];
}

export interface ValidationItem {
  severity: 'error' | 'warning' | 'information';
  message: string;
  /** FHIRPath-like path in the output (`Bundle.entry[0].resource.gender`). */
  path: string;
  /** The target element and the link that wrote it, when the trace knows them. */
  target?: string;
  targetPath?: string;
  link?: string;
}

export interface PreviewRequest {
  runId: number;
  spec: MappingSpec;
  sample: string;
}

export interface PreviewResult {
  runId: number;
  /** The formatted output JSON (empty when the run failed). */
  outputText: string;
  output: unknown;
  /** A failure to parse the sample (with line/offset) or to compile/run the mapping. */
  error?: CrosswalkErrorData & { stage: 'parse' | 'compile' | 'execute' };
  trace: TraceItem[];
  validation: ValidationItem[];
  /** Every valued leaf of the sample by canonical path, for the source rows and value-map coverage. */
  sourceValues: Record<string, string>;
  millis: number;
}
