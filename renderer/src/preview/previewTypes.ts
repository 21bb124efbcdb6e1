import type { CrosswalkErrorData } from '../../../shared/common/errors/CrosswalkError';
import type { Placement } from '../../../shared/common/mapping/execute/mapMessage';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';

/** One produced output value and what produced it (from the engine's trace). */
export interface TraceItem {
  /** Where in the output JSON: `entry[0].resource.gender`. */
  outputPath: string;
  /** The message map's target the value went into (`patient`). */
  target: string;
  /** The element path in the terms of the map whose link wrote it (`Patient.gender`, `Identifier.system`). */
  targetPath: string;
  value: unknown;
  /** The link that wrote the value, as a trace id: `<map id>/<link id>`. */
  link: string;
  /** Every link and node upstream, as trace ids of every map the value crossed. */
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
  /** The target element and the link that wrote it (a trace id, `<map id>/<link id>`), when the trace knows them. */
  target?: string;
  targetPath?: string;
  link?: string;
}

export type { Placement };

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
  /** The message map that mapped the sample. */
  map?: string;
  trace: TraceItem[];
  /** Where each segment of the sample went in the message structure's groups. */
  placements: Placement[];
  validation: ValidationItem[];
  /** Every valued leaf of the sample by canonical path, for the source rows and value-map coverage. */
  sourceValues: Record<string, string>;
  millis: number;
}
