import { PythonSyntaxError, unsupported } from './syntax-error';
import type { FStringField, FStringPart, Token, TokenKind } from './tokens';

const OPERATOR_LIST = [
  '**=', '//=', '>>=', '<<=', '...',
  '->', ':=', '**', '//', '<<', '>>', '<=', '>=', '==', '!=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=',
  '+', '-', '*', '/', '%', '@', '&', '|', '^', '~', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':', '.', ';', '=',
];
/** Operators by first character, longest first. */
const OPERATORS = new Map<string, string[]>();
for (const op of OPERATOR_LIST) OPERATORS.set(op[0], [...(OPERATORS.get(op[0]) ?? []), op]);
const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const NUMBER = /(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?)[jJ]?/y;
const NAME = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const STRING_PREFIX = /^(?:r|u|f|b|br|rb|fr|rf)$/i;
const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v' };

export interface TokenizeOptions {
  /** Where the source starts (f-string fields are tokenized on their own). */
  line?: number;
  column?: number;
  /** An expression fragment: no statements, newlines ignored as inside brackets. */
  expression?: boolean;
}

/**
 * Python source → tokens, with INDENT/DEDENT for blocks and NEWLINE at the end
 * of each logical line (none inside brackets or after a backslash).
 */
export function tokenize(source: string, options: TokenizeOptions = {}): Token[] {
  return new Tokenizer(source, options).run();
}

class Tokenizer {
  private pos = 0;
  private line: number;
  private lineStart: number;
  private readonly tokens: Token[] = [];
  private readonly indents = [0];
  private readonly brackets: { char: string; line: number; column: number }[] = [];
  private readonly expression: boolean;

  constructor(
    private readonly src: string,
    options: TokenizeOptions,
  ) {
    this.line = options.line ?? 1;
    this.lineStart = -((options.column ?? 1) - 1);
    this.expression = options.expression ?? false;
  }

  private get column(): number {
    return this.pos - this.lineStart + 1;
  }

  private error(message: string, line = this.line, column = this.column): PythonSyntaxError {
    return new PythonSyntaxError(message, line, column);
  }

  private push(kind: TokenKind, value: string, line: number, column: number): Token {
    const token: Token = { kind, value, line, column };
    this.tokens.push(token);
    return token;
  }

  private newline(): void {
    if (this.src[this.pos] === '\r' && this.src[this.pos + 1] === '\n') this.pos++;
    this.pos++;
    this.line++;
    this.lineStart = this.pos;
  }

  private isNewline(ch: string | undefined): boolean {
    return ch === '\n' || ch === '\r';
  }

  run(): Token[] {
    const src = this.src;
    let atLineStart = !this.expression;
    while (this.pos < src.length) {
      if (atLineStart && this.brackets.length === 0) {
        if (!this.indentation()) continue;
        atLineStart = false;
      }
      const ch = src[this.pos];
      if (ch === ' ' || ch === '\t' || ch === '\f') {
        this.pos++;
      } else if (ch === '#') {
        while (this.pos < src.length && !this.isNewline(src[this.pos])) this.pos++;
      } else if (this.isNewline(ch)) {
        if (this.brackets.length === 0 && !this.expression) {
          this.push('newline', '\n', this.line, this.column);
          atLineStart = true;
        }
        this.newline();
      } else if (ch === '\\') {
        this.pos++;
        if (!this.isNewline(src[this.pos])) throw this.error('unexpected character after line continuation character');
        this.newline();
        if (this.pos >= src.length) throw this.error('unexpected EOF while parsing');
      } else if (ch === '"' || ch === "'") {
        this.string('', this.line, this.column);
      } else if (ch >= '0' && ch <= '9') {
        this.number();
      } else if (ch === '.' && src[this.pos + 1] >= '0' && src[this.pos + 1] <= '9') {
        this.number();
      } else {
        const name = this.name();
        if (name) {
          const line = this.line;
          const column = this.column;
          this.pos += name.length;
          const next = src[this.pos];
          if ((next === '"' || next === "'") && STRING_PREFIX.test(name)) this.string(name.toLowerCase(), line, column);
          else this.push('name', name, line, column);
        } else {
          this.operator();
        }
      }
    }
    if (this.brackets.length) {
      const open = this.brackets[this.brackets.length - 1];
      throw this.error(`'${open.char}' was never closed`, open.line, open.column);
    }
    if (!this.expression) {
      const last = this.tokens[this.tokens.length - 1];
      if (last && last.kind !== 'newline' && last.kind !== 'dedent') this.push('newline', '', this.line, this.column);
      while (this.indents.length > 1) {
        this.indents.pop();
        this.push('dedent', '', this.line, this.column);
      }
    }
    this.push('eof', '', this.line, this.column);
    return this.tokens;
  }

  /** The identifier at `pos`, if any (ASCII fast, Unicode letters by regex). */
  private name(): string | null {
    const src = this.src;
    let end = this.pos;
    for (;;) {
      const c = src.charCodeAt(end);
      const ascii = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (end > this.pos && c >= 48 && c <= 57);
      if (!ascii) break;
      end++;
    }
    if (end < src.length && src.charCodeAt(end) > 127) {
      NAME.lastIndex = this.pos;
      return NAME.exec(src)?.[0] ?? null;
    }
    return end > this.pos ? src.slice(this.pos, end) : null;
  }

  /** Reads a line's indentation; false when the line is blank or a comment (skipped). */
  private indentation(): boolean {
    const src = this.src;
    let width = 0;
    while (this.pos < src.length) {
      const ch = src[this.pos];
      if (ch === ' ') width++;
      else if (ch === '\t') width = (Math.floor(width / 8) + 1) * 8;
      else if (ch === '\f') width = 0;
      else break;
      this.pos++;
    }
    const ch = src[this.pos];
    if (ch === undefined) return false;
    if (ch === '#') {
      while (this.pos < src.length && !this.isNewline(src[this.pos])) this.pos++;
    }
    if (this.pos >= src.length) return false;
    if (this.isNewline(src[this.pos])) {
      this.newline();
      return false;
    }
    const top = this.indents[this.indents.length - 1];
    if (width > top) {
      if (this.tokens.length === 0) throw this.error('unexpected indent', this.line, width + 1);
      this.indents.push(width);
      this.push('indent', '', this.line, 1);
    } else if (width < top) {
      while (width < this.indents[this.indents.length - 1]) {
        this.indents.pop();
        this.push('dedent', '', this.line, width + 1);
      }
      if (width !== this.indents[this.indents.length - 1]) {
        throw this.error('unindent does not match any outer indentation level', this.line, width + 1);
      }
    }
    return true;
  }

  private number(): void {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.src)!;
    const text = m[0];
    const line = this.line;
    const column = this.column;
    if (/[jJ]$/.test(text)) throw unsupported('complex numbers', line, column);
    if (/^0\d*[1-9]/.test(text.replace(/_/g, '')) && !/[.eE]/.test(text) && !/^0[xob]/i.test(text)) {
      throw this.error('leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers', line, column);
    }
    this.pos += text.length;
    NAME.lastIndex = this.pos;
    if (NAME.test(this.src)) throw this.error('invalid decimal literal', line, column);
    this.push('number', text, line, column).number = Number(text.replace(/_/g, ''));
  }

  private operator(): void {
    const src = this.src;
    const line = this.line;
    const column = this.column;
    const op = OPERATORS.get(src[this.pos])?.find((candidate) => src.startsWith(candidate, this.pos));
    if (!op) {
      const ch = String.fromCodePoint(src.codePointAt(this.pos)!);
      if (ch === '!') throw this.error("invalid syntax: '!' is not an operator; use 'not' or '!='", line, column);
      throw this.error(`invalid character '${ch}' (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`, line, column);
    }
    if (op === '(' || op === '[' || op === '{') this.brackets.push({ char: op, line, column });
    else if (op in CLOSING) {
      const open = this.brackets.pop();
      if (!open) throw this.error(`unmatched '${op}'`, line, column);
      if (open.char !== CLOSING[op]) {
        throw this.error(`closing parenthesis '${op}' does not match opening parenthesis '${open.char}'${open.line !== line ? ` on line ${open.line}` : ''}`, line, column);
      }
    }
    this.pos += op.length;
    this.push('op', op, line, column);
  }

  // ------------------------------------------------------------------ strings

  private string(prefix: string, line: number, column: number): void {
    if (prefix.includes('b')) throw unsupported('bytes literals', line, column);
    const raw = prefix.includes('r');
    const quote = this.src[this.pos];
    const triple = this.src.startsWith(quote.repeat(3), this.pos);
    this.pos += triple ? 3 : 1;
    if (prefix.includes('f')) {
      const parts = this.fstringBody(quote, triple, raw, false, line, column);
      this.push('fstring', '', line, column).parts = parts;
      return;
    }
    let text = '';
    for (;;) {
      if (this.pos >= this.src.length) throw this.unterminated(triple, line, column);
      const ch = this.src[this.pos];
      if (ch === quote && (!triple || this.src.startsWith(quote.repeat(3), this.pos))) {
        this.pos += triple ? 3 : 1;
        break;
      }
      if (this.isNewline(ch)) {
        if (!triple) throw this.unterminated(false, line, column);
        text += '\n';
        this.newline();
      } else if (ch === '\\') {
        text += this.escape(raw);
      } else {
        text += ch;
        this.pos++;
      }
    }
    this.push('string', text, line, column);
  }

  private unterminated(triple: boolean, line: number, column: number): PythonSyntaxError {
    return triple
      ? this.error(`unterminated triple-quoted string literal (detected at line ${this.line})`, line, column)
      : this.error(`unterminated string literal (detected at line ${this.line})`, line, column);
  }

  /** A backslash sequence at `pos`; returns its text and moves past it. */
  private escape(raw: boolean): string {
    const src = this.src;
    const next = src[this.pos + 1];
    if (this.isNewline(next)) {
      this.pos++;
      this.newline();
      return raw ? '\\\n' : '';
    }
    if (next === undefined) {
      this.pos++;
      return '\\';
    }
    if (raw) {
      this.pos += 2;
      return '\\' + next;
    }
    if (next in SIMPLE_ESCAPES) {
      this.pos += 2;
      return SIMPLE_ESCAPES[next];
    }
    const hex = (len: number) => {
      const digits = src.slice(this.pos + 2, this.pos + 2 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(digits)) throw this.error(`(unicode error) truncated \\${next} escape`);
      this.pos += 2 + len;
      return String.fromCodePoint(parseInt(digits, 16));
    };
    if (next === 'x') return hex(2);
    if (next === 'u') return hex(4);
    if (next === 'U') return hex(8);
    if (next >= '0' && next <= '7') {
      const m = /^[0-7]{1,3}/.exec(src.slice(this.pos + 1, this.pos + 4))!;
      this.pos += 1 + m[0].length;
      return String.fromCharCode(parseInt(m[0], 8));
    }
    if (next === 'N') throw unsupported("'\\N{...}' escapes", this.line, this.column);
    this.pos += 2;
    return '\\' + next;
  }

  /** The body of an f-string (or of a format spec inside one) up to its end. */
  private fstringBody(quote: string, triple: boolean, raw: boolean, inSpec: boolean, line: number, column: number): FStringPart[] {
    const src = this.src;
    const parts: FStringPart[] = [];
    let text = '';
    for (;;) {
      if (this.pos >= src.length) throw this.unterminated(triple, line, column);
      const ch = src[this.pos];
      if (inSpec && ch === '}') break;
      if (ch === quote && (!triple || src.startsWith(quote.repeat(3), this.pos))) {
        if (inSpec) throw this.error("f-string: expecting '}'");
        this.pos += triple ? 3 : 1;
        break;
      }
      if (ch === '{') {
        if (src[this.pos + 1] === '{' && !inSpec) {
          text += '{';
          this.pos += 2;
          continue;
        }
        if (text) parts.push(text);
        text = '';
        parts.push(this.fstringField(quote, triple, raw));
      } else if (ch === '}') {
        if (src[this.pos + 1] !== '}') throw this.error("f-string: single '}' is not allowed");
        text += '}';
        this.pos += 2;
      } else if (this.isNewline(ch)) {
        if (!triple) throw this.unterminated(false, line, column);
        text += '\n';
        this.newline();
      } else if (ch === '\\') {
        text += this.escape(raw);
      } else {
        text += ch;
        this.pos++;
      }
    }
    if (text) parts.push(text);
    return parts;
  }

  private fstringField(quote: string, triple: boolean, raw: boolean): FStringField {
    const src = this.src;
    this.pos++;
    const start = this.pos;
    const line = this.line;
    const column = this.column;
    let depth = 0;
    let debugText: string | null = null;
    for (;;) {
      if (this.pos >= src.length) throw this.error("f-string: expecting '}'", line, column);
      const ch = src[this.pos];
      if (ch === '"' || ch === "'") {
        this.skipNestedString();
        continue;
      }
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') {
        if (depth === 0) {
          if (ch !== '}') throw this.error(`f-string: unmatched '${ch}'`);
          break;
        }
        depth--;
      } else if (depth === 0 && ch === '!' && src[this.pos + 1] !== '=') break;
      else if (depth === 0 && ch === ':') break;
      else if (depth === 0 && ch === '=' && !'=!<>'.includes(src[this.pos - 1]) && src[this.pos + 1] !== '=') {
        this.pos++;
        while (src[this.pos] === ' ') this.pos++;
        debugText = src.slice(start, this.pos);
        break;
      } else if (this.isNewline(ch)) {
        this.newline();
        continue;
      } else if (ch === '#') throw this.error("f-string expression part cannot include '#'");
      this.pos++;
    }
    const expressionEnd = debugText === null ? this.pos : start + debugText.replace(/=\s*$/, '').length;
    const sourceText = src.slice(start, expressionEnd);
    if (!sourceText.trim()) throw this.error('f-string: valid expression required before \'}\'', line, column);
    let conversion: FStringField['conversion'] = null;
    if (src[this.pos] === '!') {
      const c = src[this.pos + 1];
      if (c !== 's' && c !== 'r' && c !== 'a') throw this.error("f-string: invalid conversion character: expected 's', 'r', or 'a'");
      conversion = c;
      this.pos += 2;
    }
    let spec: FStringPart[] | null = null;
    if (src[this.pos] === ':') {
      this.pos++;
      spec = this.fstringBody(quote, triple, raw, true, line, column);
    }
    if (src[this.pos] !== '}') throw this.error("f-string: expecting '}'");
    this.pos++;
    if (debugText !== null && conversion === null && spec === null) conversion = 'r';
    return { source: sourceText, line, column, conversion, debugText, spec };
  }

  /** Skips a string literal inside an f-string expression (any quotes, as Python 3.12 allows). */
  private skipNestedString(): void {
    const src = this.src;
    const q = src[this.pos];
    const triple = src.startsWith(q.repeat(3), this.pos);
    this.pos += triple ? 3 : 1;
    for (;;) {
      if (this.pos >= src.length) throw this.error('f-string: unterminated string');
      const ch = src[this.pos];
      if (ch === '\\') this.pos += 2;
      else if (ch === q && (!triple || src.startsWith(q.repeat(3), this.pos))) {
        this.pos += triple ? 3 : 1;
        return;
      } else if (this.isNewline(ch)) this.newline();
      else this.pos++;
    }
  }
}
