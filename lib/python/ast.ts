/**
 * The syntax tree of the Python subset ORM Lab translates. Every node carries
 * the 1-based line and column where it starts; names follow Python's `ast` module.
 */
interface At {
  line: number;
  column: number;
}

export type Expr =
  | Name
  | Constant
  | FString
  | ListExpr
  | TupleExpr
  | SetExpr
  | DictExpr
  | Starred
  | Attribute
  | Subscript
  | Call
  | BinOp
  | UnaryOp
  | BoolOp
  | Compare
  | IfExp
  | Lambda
  | Comprehension;

export interface Name extends At {
  kind: 'Name';
  id: string;
}

export interface Constant extends At {
  kind: 'Constant';
  value: string | number | boolean | null;
}

export interface FormattedValue {
  value: Expr;
  conversion: 's' | 'r' | 'a' | null;
  spec: FString | null;
  debugText: string | null;
}

export interface FString extends At {
  kind: 'FString';
  parts: (string | FormattedValue)[];
}

export interface ListExpr extends At {
  kind: 'List';
  elts: Expr[];
}

export interface TupleExpr extends At {
  kind: 'Tuple';
  elts: Expr[];
}

export interface SetExpr extends At {
  kind: 'Set';
  elts: Expr[];
}

/** `key: value`, or `**spread` when key is null. */
export interface DictItem {
  key: Expr | null;
  value: Expr;
}

export interface DictExpr extends At {
  kind: 'Dict';
  items: DictItem[];
}

export interface Starred extends At {
  kind: 'Starred';
  value: Expr;
}

export interface Attribute extends At {
  kind: 'Attribute';
  value: Expr;
  attr: string;
  /** Where the attribute name is (errors point there, as V8 does for property calls). */
  attrLine: number;
  attrColumn: number;
}

export interface Slice {
  kind: 'Slice';
  lower: Expr | null;
  upper: Expr | null;
  step: Expr | null;
}

export interface Subscript extends At {
  kind: 'Subscript';
  value: Expr;
  index: Expr | Slice;
  /** Where `[` is. */
  bracketLine: number;
  bracketColumn: number;
}

/** `name=value`, or `**value` when name is null. */
export interface Keyword {
  name: string | null;
  value: Expr;
}

export interface Call extends At {
  kind: 'Call';
  func: Expr;
  args: Expr[];
  keywords: Keyword[];
}

export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '<<' | '>>' | '&' | '|' | '^' | '@';

export interface BinOp extends At {
  kind: 'BinOp';
  op: BinaryOperator;
  left: Expr;
  right: Expr;
  /** Where the operator is. */
  opLine: number;
  opColumn: number;
}

export interface UnaryOp extends At {
  kind: 'UnaryOp';
  op: '-' | '+' | '~' | 'not';
  operand: Expr;
}

export interface BoolOp extends At {
  kind: 'BoolOp';
  op: 'and' | 'or';
  values: Expr[];
}

export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';

export interface Compare extends At {
  kind: 'Compare';
  left: Expr;
  ops: CompareOperator[];
  comparators: Expr[];
}

export interface IfExp extends At {
  kind: 'IfExp';
  test: Expr;
  body: Expr;
  orelse: Expr;
}

export interface Param {
  name: string;
  default: Expr | null;
}

export interface Parameters {
  args: Param[];
  vararg: string | null;
  kwonly: Param[];
  kwarg: string | null;
}

export interface Lambda extends At {
  kind: 'Lambda';
  params: Parameters;
  body: Expr;
}

export interface ComprehensionFor {
  target: Expr;
  iter: Expr;
  ifs: Expr[];
}

/** List, set and dict comprehensions and generator expressions. */
export interface Comprehension extends At {
  kind: 'Comprehension';
  type: 'list' | 'set' | 'dict' | 'generator';
  elt: Expr;
  /** Dict comprehensions: the value (elt is the key). */
  value: Expr | null;
  generators: ComprehensionFor[];
}

// ------------------------------------------------------------------ statements

export type Stmt =
  | ExprStmt
  | Assign
  | AugAssign
  | AnnAssign
  | Pass
  | Break
  | Continue
  | Return
  | Raise
  | Global
  | Del
  | Assert
  | Import
  | ImportFrom
  | If
  | While
  | For
  | Try
  | With
  | FunctionDef
  | ClassDef;

/** The last line a statement spans (its block's end for compound statements). */
interface Block extends At {
  endLine: number;
}

export interface ExprStmt extends Block {
  kind: 'Expr';
  value: Expr;
}

export interface Assign extends Block {
  kind: 'Assign';
  targets: Expr[];
  value: Expr;
}

export interface AugAssign extends Block {
  kind: 'AugAssign';
  target: Expr;
  op: BinaryOperator;
  value: Expr;
}

export interface AnnAssign extends Block {
  kind: 'AnnAssign';
  target: Expr;
  value: Expr | null;
}

export interface Pass extends Block {
  kind: 'Pass';
}

export interface Break extends Block {
  kind: 'Break';
}

export interface Continue extends Block {
  kind: 'Continue';
}

export interface Return extends Block {
  kind: 'Return';
  value: Expr | null;
}

export interface Raise extends Block {
  kind: 'Raise';
  exc: Expr | null;
  cause: Expr | null;
}

export interface Global extends Block {
  kind: 'Global';
  names: string[];
  nonlocal: boolean;
}

export interface Del extends Block {
  kind: 'Del';
  targets: Expr[];
}

export interface Assert extends Block {
  kind: 'Assert';
  test: Expr;
  msg: Expr | null;
}

export interface ImportName {
  name: string;
  asname: string | null;
}

export interface Import extends Block {
  kind: 'Import';
  names: ImportName[];
}

export interface ImportFrom extends Block {
  kind: 'ImportFrom';
  module: string;
  level: number;
  /** null for `from x import *`. */
  names: ImportName[] | null;
}

/** A clause header (`else:`, `elif x:`, `except E:`, `finally:`) and where it is. */
export interface Clause extends At {
  body: Stmt[];
}

export interface If extends Block {
  kind: 'If';
  test: Expr;
  body: Stmt[];
  elifs: (Clause & { test: Expr })[];
  orelse: Clause | null;
}

export interface While extends Block {
  kind: 'While';
  test: Expr;
  body: Stmt[];
  orelse: Clause | null;
}

export interface For extends Block {
  kind: 'For';
  target: Expr;
  iter: Expr;
  body: Stmt[];
  orelse: Clause | null;
}

export interface ExceptHandler extends Clause {
  type: Expr | null;
  name: string | null;
}

export interface Try extends Block {
  kind: 'Try';
  body: Stmt[];
  handlers: ExceptHandler[];
  orelse: Clause | null;
  finalbody: Clause | null;
}

export interface WithItem {
  context: Expr;
  target: Expr | null;
}

export interface With extends Block {
  kind: 'With';
  items: WithItem[];
  body: Stmt[];
}

export interface FunctionDef extends Block {
  kind: 'FunctionDef';
  name: string;
  params: Parameters;
  body: Stmt[];
  decorators: Expr[];
}

export interface ClassDef extends Block {
  kind: 'ClassDef';
  name: string;
  bases: Expr[];
  keywords: Keyword[];
  body: Stmt[];
  decorators: Expr[];
}

export interface Module {
  body: Stmt[];
}
