/**
 * One source value read on the way to an output value: a concrete path in canonical form
 * (`PID-8[1]`, `OBX[2]-5[1]`, `$.readings[1].systolic`). For a CSV input also the row (the line it
 * starts on) and the column's number (1 = the first), as a spreadsheet shows them.
 */
export interface TraceSource {
  path: string;
  value: unknown;
  row?: number;
  column?: number;
}

/** A value-map lookup on the way: which map, the code looked up, and the entry used. */
export interface TraceValueMapHit {
  valueMap: string;
  node: string;
  code: string;
  outcome: 'mapped' | 'default' | 'passthrough' | 'empty' | 'absent';
  /** 0-based index in the map's entries when outcome is `mapped`. */
  entryIndex?: number;
}

/**
 * Where one output value came from: the output location, the spec's target element and link
 * that wrote it, and everything upstream (links, nodes, source fields with their values,
 * value-map entries). The studio highlights these; the runtime does not collect them.
 */
export interface TraceEntry {
  /** Location in the output Bundle: `entry[0].resource.gender`, `entry[2].resource.code.coding[0].code`. */
  output: string;
  /** The message map's target the value went into. */
  target: string;
  /** The spec's target path (`Patient.gender`). */
  targetPath: string;
  /** The link that wrote the value (its trace id, `<map id>/<link id>`). */
  link: string;
  /** Every link and node upstream, in the order they were evaluated. */
  links: string[];
  nodes: string[];
  sources: TraceSource[];
  valueMaps: TraceValueMapHit[];
}

/**
 * Collected while one value is evaluated (only when tracing). Links and nodes are trace ids,
 * `<map id>/<id>`, so a value traced through a map call names what it crossed in every map.
 */
export interface Provenance {
  links: string[];
  nodes: string[];
  sources: TraceSource[];
  valueMaps: TraceValueMapHit[];
  /**
   * What map calls on the way wrote inside their output: for each call, its output value and,
   * per output item, the trace entries relative to that item. The write that places the output
   * lifts them to where the items landed.
   */
  calls?: Array<{ value: unknown; items: TraceEntry[][] }>;
}

export function newProvenance(): Provenance {
  return { links: [], nodes: [], sources: [], valueMaps: [] };
}
