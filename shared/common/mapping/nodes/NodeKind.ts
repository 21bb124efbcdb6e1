import type { z } from 'zod';
import type { ErrorLocation } from '../../errors/CrosswalkError';
import type { CompiledValueMap } from '../../valuemaps/applyValueMap';
import type { Evaluate } from '../compile/Frame';
import type { FunctionLookup, PortDefinition } from '../compile/FunctionLookup';
import type { ReadMode } from '../compile/sourceRead';
import type { ExpressionNode } from '../expression/ExpressionAst';

/** One input or output of a node, as the canvas draws it and the compiler checks it. */
export interface PortInfo {
  name: string;
  /** A value type (`string`, `Identifier`, `v2composite`, `any`), or for a map call the map's input/output. */
  type: string;
  optional?: boolean;
  many?: boolean;
  description?: string;
}

export interface NodePorts {
  inputs: PortInfo[];
  outputs: PortInfo[];
}

/** What a node kind may look up to tell its ports: the studio and the compiler supply it from their own registries. */
export interface PortEnv {
  functionPorts(functionId: string): { inputs: readonly PortDefinition[]; output: { type: string; many?: boolean; description?: string } } | undefined;
  /** A map's input and output types (`CX` → `Identifier`), when the mapping has it. */
  mapTypes(mapId: string): { input: string; output: string } | undefined;
}

/** What a node kind checks against when a mapping is compiled (unknown function, value map, map...). */
export interface CheckEnv extends PortEnv {
  where: ErrorLocation;
  functions: FunctionLookup;
  hasValueMap(id: string): boolean;
}

/**
 * What the compiler gives a node kind to compile one output port of one node, in the iteration
 * context the node is used in. The evaluators it returns are closures built once; nothing is
 * looked up per message.
 */
export interface NodeCompileContext {
  where: ErrorLocation;
  /** The message field the node's first linked input comes from (`OBX-14`), when one does: errors about a value name it. */
  field?: string;
  /** This node's id in the trace (`PID[Patient]/gender`). */
  traceId: string;
  /** The links into an input port read in `mode`; undefined when nothing is linked. */
  port(name: string, mode: ReadMode): Evaluate | undefined;
  functions: FunctionLookup;
  valueMap(id: string): CompiledValueMap;
  /** An expression compiled in the node's context, `$in` reading `input`. */
  expression(text: string, input: Evaluate | undefined): Evaluate;
  /** A reference to a target of the message map (the compiler knows the iteration contexts). */
  reference(targetId: string): Evaluate;
  /** Another map applied to what is linked into this node's `in` (inlined by the compiler). */
  callMap(mapId: string): Evaluate;
}

/** How `crosswalk show` writes a node: its linked inputs already rendered as text, by port, in port order. */
export type ShowInputs = ReadonlyMap<string, string>;

/**
 * One kind of node, registered as data: its stored shape (a strict zod object with a literal
 * `kind`), its ports, its compile-time checks, how it compiles, and how it reads as text. Adding a
 * kind is one definition here and one body component in the renderer (renderer/src/canvas/nodes).
 */
export interface NodeKind<N extends { id: string; kind: string } = { id: string; kind: string }> {
  kind: N['kind'];
  /** Shown in the palette and on the node header. */
  title: string;
  description: string;
  schema: z.ZodType<N>;
  ports(node: N, env: PortEnv): NodePorts;
  check?(node: N, env: CheckEnv): void;
  compile(node: N, port: string, ctx: NodeCompileContext): Evaluate;
  show(node: N, inputs: ShowInputs, port: string): string;
}

export type { ExpressionNode };
