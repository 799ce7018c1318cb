/** Tokens of the Python subset ORM Lab translates (positions are 1-based). */
export type TokenKind = 'name' | 'number' | 'string' | 'fstring' | 'op' | 'newline' | 'indent' | 'dedent' | 'eof';

/** A `{expression!r:spec}` field of an f-string, with its expression still as source text. */
export interface FStringField {
  source: string;
  line: number;
  column: number;
  conversion: 's' | 'r' | 'a' | null;
  /** `f'{x=}'`: the text printed before the value. */
  debugText: string | null;
  spec: FStringPart[] | null;
}

export type FStringPart = string | FStringField;

export interface Token {
  kind: TokenKind;
  /** The source text (names, operators), or the decoded value of a string literal. */
  value: string;
  line: number;
  column: number;
  /** Numbers: the value. */
  number?: number;
  /** f-strings: literal text and fields. */
  parts?: FStringPart[];
}

export const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);
