import { PythonSyntaxError, unsupported } from './syntax-error';
import { KEYWORDS, type Token, type TokenKind } from './tokens';

/** Cursor over tokens shared by the expression and statement parsers. */
export class TokenStream {
  protected pos = 0;

  constructor(protected readonly tokens: Token[]) {}

  protected get token(): Token {
    return this.tokens[this.pos];
  }

  protected get previous(): Token {
    return this.tokens[Math.max(0, this.pos - 1)];
  }

  protected lookahead(n = 1): Token {
    return this.tokens[Math.min(this.pos + n, this.tokens.length - 1)];
  }

  protected advance(): Token {
    const t = this.tokens[this.pos];
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  protected isOp(value: string, t = this.token): boolean {
    return t.kind === 'op' && t.value === value;
  }

  protected isKeyword(value: string, t = this.token): boolean {
    return t.kind === 'name' && t.value === value;
  }

  protected isKind(kind: TokenKind): boolean {
    return this.token.kind === kind;
  }

  protected acceptOp(value: string): boolean {
    if (!this.isOp(value)) return false;
    this.pos++;
    return true;
  }

  protected acceptKeyword(value: string): boolean {
    if (!this.isKeyword(value)) return false;
    this.pos++;
    return true;
  }

  protected expectOp(value: string, what?: string): Token {
    if (!this.isOp(value)) throw this.unexpected(what ?? `expected '${value}'`);
    return this.advance();
  }

  protected expectKeyword(value: string): Token {
    if (!this.isKeyword(value)) throw this.unexpected(`expected '${value}'`);
    return this.advance();
  }

  protected expectName(): Token {
    const t = this.token;
    if (t.kind !== 'name' || KEYWORDS.has(t.value)) throw this.unexpected('expected a name');
    return this.advance();
  }

  protected error(message: string, t: Token = this.token): PythonSyntaxError {
    return new PythonSyntaxError(message, t.line, t.column);
  }

  /** "invalid syntax" for the current token, naming unsupported constructs as such. */
  protected unexpected(hint?: string, t: Token = this.token): PythonSyntaxError {
    if (t.kind === 'name' && (t.value === 'yield' || t.value === 'await' || t.value === 'async')) {
      return unsupported(`'${t.value}'`, t.line, t.column);
    }
    if (t.kind === 'op' && t.value === ':=') return unsupported("assignment expressions (':=')", t.line, t.column);
    if (t.kind === 'indent') return this.error('unexpected indent', t);
    if (t.kind === 'eof' || (t.kind === 'newline' && !t.value)) return this.error(hint ? `invalid syntax: ${hint}` : 'unexpected EOF while parsing', t);
    return this.error(hint ? `invalid syntax: ${hint}` : 'invalid syntax', t);
  }
}
