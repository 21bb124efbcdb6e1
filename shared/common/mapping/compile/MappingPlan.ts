import type { ErrorLocation } from '../../errors/CrosswalkError';
import type { Link, MappingSpec, Target } from '../spec/MappingSpec';
import type { FhirElementLookup } from './FhirElementLookup';
import type { ContextItem, Evaluate, Frame } from './Frame';
import type { FunctionLookup } from './FunctionLookup';
import type { TargetStep } from './targetPath';

// The executable plan compileMapping builds from a spec: plain data and closures, no spec text
// left to interpret per message.

/** One write of a value link, below the object its block fills. */
export interface WriteStep {
  kind: 'write';
  link: Link;
  targetPath: string;
  /** Where errors of this write point (built once, not per message). */
  where: ErrorLocation;
  steps: TargetStep[];
  evaluate: Evaluate;
}

/** One context link: per item, a new object filled by `body`, appended at `steps`. */
export interface ContextStep {
  kind: 'context';
  link: Link;
  targetPath: string;
  where: ErrorLocation;
  steps: TargetStep[];
  level: ContextLevel;
  body: Block;
}

export interface Block {
  steps: Array<WriteStep | ContextStep>;
}

/** How a context enumerates its items and which of them it keeps. */
export interface ContextLevel {
  depth: number;
  /** Filtering condition nodes, outermost first. */
  filterNodes: string[];
  enumerate(frame: Frame): ContextItem[];
  keep(frame: Frame): boolean;
}

export interface TargetPlan {
  target: Target;
  /** The target's index in spec.targets: its slot in Frame.references. */
  slot: number;
  /** Hash of the target id, mixed into its resources' deterministic ids. */
  idHash: number;
  resourceType: string;
  method: 'POST' | 'PUT';
  /** Set when the target yields one resource per item of the context linked to its root. */
  root?: { link: Link; level: ContextLevel };
  body: Block;
}

/** A spec compiled once: targets in build order (referenced targets first), ready to execute per message. */
export interface MappingPlan {
  spec: MappingSpec;
  /** In the order to build them: a target comes after the targets it references. */
  buildOrder: TargetPlan[];
  /** The same targets in output order (the spec's). */
  outputTargets: TargetPlan[];
  maxDepth: number;
}

export interface CompileOptions {
  /** The FHIR element definitions of the target resources (a SchemaCatalog after preloadFhir). */
  elements: FhirElementLookup;
  /** Function definitions by id; the function library by default. */
  functions?: FunctionLookup;
}
