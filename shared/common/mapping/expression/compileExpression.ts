import { CrosswalkError, type ErrorLocation } from '../../errors/CrosswalkError';
import type { Evaluate } from '../compile/Frame';
import type { FunctionLookup } from '../compile/FunctionLookup';
import { readModeFor } from '../compile/FunctionLookup';
import type { ReadMode } from '../compile/sourceRead';
import type { ExpressionNode } from './ExpressionAst';
import { callFunction } from '../compile/callFunction';
import { HL7_NUMBER } from '../../functions/number/parseHl7Number';
import { Decimal } from '../../json/Decimal';

/** What an expression can reach: source paths (compiled in the current context), `$in`, and the function library. */
export interface ExpressionEnv {
  readPath(path: string, mode: ReadMode, column: number): Evaluate;
  input?: Evaluate;
  functions: FunctionLookup;
  where: ErrorLocation;
}

/** null, undefined, false, '' and an empty list are false; everything else is true. */
export function truthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '') return false;
  if (Array.isArray(value)) return value.some(truthy);
  return true;
}

function asNumber(value: unknown): number | undefined {
  if (value instanceof Decimal) return value.valueOf();
  if (typeof value === 'number') return value;
  if (value instanceof Decimal) return value.valueOf();
  if (typeof value === 'string' && HL7_NUMBER.test(value)) return Number(value);
  return undefined;
}

function scalar(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? null : scalar(value[0]);
  return value === undefined ? null : value;
}

function compare(op: string, a: unknown, b: unknown): boolean {
  const left = scalar(a);
  const right = scalar(b);
  if (left === null || right === null) {
    if (op === '=') return left === right;
    if (op === '!=') return left !== right;
    return false;
  }
  const ln = asNumber(left);
  const rn = asNumber(right);
  let order: number;
  if (ln !== undefined && rn !== undefined) order = ln === rn ? 0 : ln < rn ? -1 : 1;
  else {
    const ls = typeof left === 'object' ? JSON.stringify(left) : String(left);
    const rs = typeof right === 'object' ? JSON.stringify(right) : String(right);
    order = ls === rs ? 0 : ls < rs ? -1 : 1;
  }
  switch (op) {
    case '=': return order === 0;
    case '!=': return order !== 0;
    case '<': return order < 0;
    case '<=': return order <= 0;
    case '>': return order > 0;
    default: return order >= 0;
  }
}

/**
 * `X = null`, `X != null`, `X = 'NM'`, `X != 'P'`: most conditions of a mapping are equality
 * tests against a literal, evaluated for every context item of every message. When the literal
 * is null or text that is not a number, compare() always ends in one identity test, so that test
 * is compiled directly (same result, no operand conversions per evaluation). Anything else
 * (ordering, numbers, booleans) returns undefined and takes the general path.
 */
function literalEquality(operand: ExpressionNode, literal: ExpressionNode, op: string, env: ExpressionEnv): Evaluate | undefined {
  if (literal.kind !== 'literal' || (op !== '=' && op !== '!=')) return undefined;
  const value = literal.value;
  if (value !== null && (typeof value !== 'string' || asNumber(value) !== undefined)) return undefined;
  const equal = op === '=';
  const read = compileExpression(operand, env);
  if (value === null) return (frame, prov) => (scalar(read(frame, prov)) === null) === equal;
  return (frame, prov) => {
    const v = scalar(read(frame, prov));
    // compare(): null never equals text; a number or boolean equals it only as its String(), an object as its JSON.
    const same = typeof v === 'string' ? v === value : v !== null && (typeof v === 'object' ? JSON.stringify(v) : String(v)) === value;
    return same === equal;
  };
}

/**
 * Turns a syntax tree into a tree of closures, once. Evaluation walks closures over data; no
 * text from the spec or the message is ever run as code.
 */
export function compileExpression(node: ExpressionNode, env: ExpressionEnv, mode: ReadMode = 'leaf'): Evaluate {
  switch (node.kind) {
    case 'literal': {
      const value = node.value;
      return () => value;
    }
    case 'path':
      return env.readPath(node.path, mode, node.column);
    case 'input': {
      const input = env.input;
      if (!input) {
        throw new CrosswalkError('EXPR_NO_INPUT', `The expression uses $in at column ${node.column}, but nothing is linked into this condition's input.`, { ...env.where, offset: node.column - 1 });
      }
      return input;
    }
    case 'not': {
      const operand = compileExpression(node.operand, env);
      return (frame, prov) => !truthy(operand(frame, prov));
    }
    case 'and': {
      const left = compileExpression(node.left, env);
      const right = compileExpression(node.right, env);
      return (frame, prov) => truthy(left(frame, prov)) && truthy(right(frame, prov));
    }
    case 'or': {
      const left = compileExpression(node.left, env);
      const right = compileExpression(node.right, env);
      return (frame, prov) => truthy(left(frame, prov)) || truthy(right(frame, prov));
    }
    case 'compare': {
      const op = node.op;
      const fast = literalEquality(node.left, node.right, op, env) ?? literalEquality(node.right, node.left, op, env);
      if (fast) return fast;
      const left = compileExpression(node.left, env);
      const right = compileExpression(node.right, env);
      return (frame, prov) => compare(op, left(frame, prov), right(frame, prov));
    }
    case 'call': {
      const definition = env.functions(node.name);
      if (!definition) {
        throw new CrosswalkError('EXPR_UNKNOWN_FUNCTION', `The expression calls "${node.name}" at column ${node.column}, which is not in the function library.`, { ...env.where, offset: node.column - 1 });
      }
      const inputs = definition.inputs;
      const params = definition.params ?? [];
      const last = inputs[inputs.length - 1];
      // A list input last (string.concat, logic.coalesce) takes every remaining argument.
      const variadic = last !== undefined && last.many === true;
      if (!variadic && node.args.length > inputs.length + params.length) {
        throw new CrosswalkError('EXPR_TOO_MANY_ARGUMENTS', `The function ${definition.id} at column ${node.column} takes at most ${inputs.length + params.length} arguments (${[...inputs, ...params].map((p) => p.name).join(', ')}), but is given ${node.args.length}.`, { ...env.where, offset: node.column - 1 });
      }
      const fixed = variadic ? inputs.length - 1 : inputs.length;
      const inputArgs = node.args.slice(0, fixed).map((arg, i) => ({ name: inputs[i].name, evaluate: compileExpression(arg, env, readModeFor(inputs[i])) }));
      // One path given to the list input is the list it holds: every repetition (`logic.count(OBX-5)`).
      const wholeList = variadic && node.args.length === fixed + 1 && node.args[fixed].kind === 'path' ? compileExpression(node.args[fixed], env, 'many') : undefined;
      const listArgs = variadic && !wholeList ? node.args.slice(fixed).map((arg) => compileExpression(arg, env, 'leaf')) : [];
      const listName = variadic ? last.name : '';
      const paramArgs = variadic ? [] : node.args.slice(inputs.length).map((arg, i) => ({ name: params[i].name, evaluate: compileExpression(arg, env) }));
      const where = env.where;
      // Refilled per call (a call never runs inside itself): functions are pure and keep nothing.
      const inputValues: Record<string, unknown> = {};
      const paramValues: Record<string, unknown> = {};
      return (frame, prov) => {
        for (let i = 0; i < inputArgs.length; i++) inputValues[inputArgs[i].name] = inputArgs[i].evaluate(frame, prov);
        if (wholeList) inputValues[listName] = wholeList(frame, prov);
        else if (variadic) {
          const list: unknown[] = new Array(listArgs.length);
          for (let i = 0; i < listArgs.length; i++) list[i] = listArgs[i](frame, prov);
          inputValues[listName] = list;
        }
        for (let i = 0; i < paramArgs.length; i++) paramValues[paramArgs[i].name] = scalar(paramArgs[i].evaluate(frame, prov)) ?? undefined;
        return callFunction(definition, inputValues, paramValues, frame.context, where);
      };
    }
  }
}
