/**
 * The syntax tree of an expression in the mapping expression language (docs/mapping-spec.md).
 * `column` is 1-based, as editors show it, so errors and the studio can point at the text.
 */
export type ExpressionNode =
  | { kind: 'literal'; value: string | number | boolean | null; column: number }
  | { kind: 'path'; path: string; column: number }
  | { kind: 'input'; column: number }
  | { kind: 'call'; name: string; args: ExpressionNode[]; column: number }
  | { kind: 'not'; operand: ExpressionNode; column: number }
  | { kind: 'and' | 'or'; left: ExpressionNode; right: ExpressionNode; column: number }
  | { kind: 'compare'; op: CompareOp; left: ExpressionNode; right: ExpressionNode; column: number };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
