import type { ErrorLocation } from '../../errors/CrosswalkError';
import type { Hl7Message } from '../../hl7v2';
import type { MessageStructure } from '../../hl7v2/groups';
import type { Link, MapDefinition, MappingSpec, Target } from '../spec/MappingSpec';
import type { FhirElementLookup } from './FhirElementLookup';
import type { ContextItem, Evaluate, Frame } from './Frame';
import type { FunctionContext, FunctionLookup } from './FunctionLookup';
import type { RequestPlan } from './compileRequest';
import type { AbsentPlacement } from './absentPlacement';
import type { TargetStep } from './targetPath';

// The executable plan compileMapping builds from a spec: plain data and closures, no spec text
// left to interpret per message. Called maps are inlined into the blocks of the message maps.

/** One write of a value link, below the object its block fills. */
export interface WriteStep {
  kind: 'write';
  link: Link;
  /** The link's id in the trace (`PID[Patient]/l-gender`). */
  traceId: string;
  targetPath: string;
  /** Where errors of this write point (built once, not per message). */
  where: ErrorLocation;
  steps: TargetStep[];
  /** The link's value; it does not trace the link itself (runWrite pushes traceId before calling it). */
  evaluate: Evaluate;
  /** The value is a map call's output, made for this write: its objects are placed, not copied. */
  adopt: boolean;
  /** Under `valueErrors: "absent"`: where a failure of this write leaves its mark. */
  absent?: AbsentPlacement;
}

/** One context link: per item, a new object filled by `body`, appended at `steps`. */
export interface ContextStep {
  kind: 'context';
  link: Link;
  traceId: string;
  targetPath: string;
  where: ErrorLocation;
  steps: TargetStep[];
  level: ContextLevel;
  body: Block;
}

export interface Block {
  steps: Array<WriteStep | ContextStep>;
  /**
   * Set when a write that fails on the message's data leaves the rest of the object standing
   * (`valueErrors: "absent"`, in message and segment maps): the innermost context item, to say
   * where in the message the failure was (depth -1: the message itself).
   */
  recover?: { depth: number; field?: number };
}

/** How a context enumerates its items and which of them it keeps. */
export interface ContextLevel {
  depth: number;
  /** Trace ids of the filtering condition nodes, outermost first. */
  filterNodes: string[];
  enumerate(frame: Frame): ContextItem[];
  keep(frame: Frame): boolean;
}

export interface TargetPlan {
  target: Target;
  /** The target's index in its message map's targets: its slot in Frame.references. */
  slot: number;
  /** Hash of the target id, mixed into its resources' deterministic ids. */
  idHash: number;
  resourceType: string;
  request: RequestPlan;
  /** Set when the target yields one resource per item of the context linked to its root. */
  root?: { link: Link; traceId: string; level: ContextLevel };
  body: Block;
}

/** One message map compiled: which messages it takes, and its targets ready to build. */
export interface MessagePlan {
  map: MapDefinition;
  /** What it reads: HL7 v2 messages, or JSON values (JSON documents, CSV rows or files). */
  source: 'hl7v2' | 'json';
  /** Whether the message is one this map accepts (MSH-9, MSH-12; a JSON map takes every input). */
  accepts(message: Hl7Message): boolean;
  /** What it accepts, for the refusal sentence (`ADT^A01, ADT^A04 (v2.3 to 2.8)`). */
  acceptsText: string;
  /** In the order to build them: a target comes after the targets it references. */
  buildOrder: TargetPlan[];
  /** The same targets in output order (the map's). */
  outputTargets: TargetPlan[];
  /** The structure messages are read against when the map uses groups. */
  structure?: MessageStructure;
  maxDepth: number;
}

/** A spec compiled once: its message maps, tried in order for each message. */
export interface MappingPlan {
  spec: MappingSpec;
  messages: MessagePlan[];
  /** The bundle's part of every function call's context (its default timezone); each message adds its own. */
  functionContext: FunctionContext;
}

export interface CompileOptions {
  /** The FHIR element definitions of the target resources and data types (a SchemaCatalog after preloadFhir). */
  elements: FhirElementLookup;
  /** Function definitions by id; the function library by default. */
  functions?: FunctionLookup;
  /** HL7 v2 message structures (from the schema catalog), for maps that iterate groups. */
  structures?: (version: string, structure: string) => MessageStructure | undefined;
  /** Readers that tell ExecuteOptions.reads where they read (coverage); the runtime leaves it off and its readers have no such code. */
  recordReads?: boolean;
  /**
   * Told of every code looked up in a value map, before the lookup (so an unmapped code under the
   * `empty` or `error` policy is seen too): what review coverage counts as "seen in samples".
   * Absent in production runs, which then pay nothing for it.
   */
  onValueMapLookup?: (valueMapId: string, code: string) => void;
}
