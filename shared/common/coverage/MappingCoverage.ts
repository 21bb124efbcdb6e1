import type { MapKind } from '../mapping/spec/MappingSpec';
import type { MissingElement } from './targetCoverage';

export type { MissingElement };

/** A sample message coverage is computed on (a test case's input, a sample of the studio). */
export interface CoverageSample {
  name: string;
  text: string;
}

/** One target of one map: its required or must-support elements that nothing writes. */
export interface TargetCoverage {
  target: string;
  /** The FHIR type it writes (`Patient`, `Identifier`). */
  type: string;
  /** The profile the target names, and whether the catalog has it (only its required and must-support elements are read). */
  profile?: { url: string; found: boolean };
  missing: MissingElement[];
}

/** Valued leaves of the samples at one source field of a map's input, and how many of them a link read. */
export interface SourceFieldCoverage {
  /** The field as the map's input tree names it: `PID-3.4.2`, `OBX-5`, `CX.4.2`, `DTM`. */
  path: string;
  valued: number;
  used: number;
}

/** The valued leaves of the samples under the items a map was applied to, and those its links (or the maps it calls) read. */
export interface MapSourceCoverage {
  /** Items the map was applied to, over the samples that mapped (messages, for a message map). */
  applied: number;
  valued: number;
  used: number;
  /** Per field of its input, in message order; unused fields are those with `used` 0. */
  fields: SourceFieldCoverage[];
}

export interface MapCoverage {
  map: string;
  kind: MapKind;
  targets: TargetCoverage[];
  sources: MapSourceCoverage;
}

/** One sample: whether it mapped, and its valued leaves used and unused (by canonical path, never by value). */
export interface SampleCoverage {
  name: string;
  ok: boolean;
  /** Why it did not map (it did not parse, no message map accepts it, the mapping refused its data). */
  error?: { code: string; message: string };
  /** The message map that mapped it. */
  map?: string;
  valued: number;
  used: number;
  /** The canonical paths of the valued leaves nothing read (`PID-5[1].3`, `OBX[2]-18[1]`): what the sample editor underlines. */
  unused: string[];
}

/**
 * Coverage of a mapping over samples: per map and for the whole mapping, the required or
 * must-support target elements nothing writes, the valued source fields nothing reads, and the
 * figure valued sample leaves used / all. Samples that do not map are listed, not counted.
 */
export interface MappingCoverage {
  maps: MapCoverage[];
  /** The whole mapping's targets (the message maps'), what is written through every map they call counted. */
  targets: Array<TargetCoverage & { map: string }>;
  samples: SampleCoverage[];
  /** Valued leaves used / all, over the samples that mapped; `percent` to one decimal, null without a valued leaf. */
  figure: { used: number; valued: number; percent: number | null };
}
