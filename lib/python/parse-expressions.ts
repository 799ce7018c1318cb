import type {
  BinaryOperator,
  CompareOperator,
  Comprehension,
  ComprehensionFor,
  DictItem,
  Expr,
  FString,
  FormattedValue,
  Keyword,
  Parameters,
  Slice,
} from './ast';
import { unsupported } from './syntax-error';
import { TokenStream } from './token-stream';
import { tokenize } from './tokenizer';
import { KEYWORDS, type FStringPart, type Token } from './tokens';

const COMPARE_OPS = new Set(['<', '>', '==', '>=', '<=', '!=']);
const BINARY_PRECEDENCE: Record<string, number | undefined> = {
  '|': 1, '^': 2, '&': 3, '<<': 4, '>>': 4, '+': 5, '-': 5, '*': 6, '/': 6, '//': 6, '%': 6, '@': 6,
};

/** Python expressions, by precedence climbing over the grammar's levels. */
export class ExpressionParser extends TokenStream {
  /** `a, b` (a tuple when there is a comma), allowing `*x` items: right-hand sides and expression statements. */
  parseTestListStarExpr(): Expr {
    const first = this.token;
    const item = this.parseTestOrStar();
    if (!this.isOp(',')) return item;
    const elts = [item];
    while (this.acceptOp(',')) {
      if (this.atExpressionEnd()) break;
      elts.push(this.parseTestOrStar());
    }
    return { kind: 'Tuple', elts, line: first.line, column: first.column };
  }

  /** `for` targets and `del` lists: expressions without comparisons (so `in` is not consumed). */
  parseExprList(): Expr {
    const first = this.token;
    const item = this.isOp('*') ? this.parseStar(() => this.parseBitOr()) : this.parseBitOr();
    if (!this.isOp(',')) return item;
    const elts = [item];
    while (this.acceptOp(',')) {
      if (this.isKeyword('in') || this.atExpressionEnd()) break;
      elts.push(this.isOp('*') ? this.parseStar(() => this.parseBitOr()) : this.parseBitOr());
    }
    return { kind: 'Tuple', elts, line: first.line, column: first.column };
  }

  protected atExpressionEnd(): boolean {
    const t = this.token;
    if (t.kind === 'newline' || t.kind === 'eof') return true;
    return t.kind === 'op' && [')', ']', '}', '=', ':', ';'].includes(t.value);
  }

  private parseTestOrStar(): Expr {
    return this.isOp('*') ? this.parseStar(() => this.parseBitOr()) : this.parseTest();
  }

  private parseStar(inner: () => Expr): Expr {
    const t = this.expectOp('*');
    return { kind: 'Starred', value: inner(), line: t.line, column: t.column };
  }

  parseTest(): Expr {
    if (this.isKeyword('lambda')) return this.parseLambda();
    const start = this.token;
    const body = this.parseOrTest();
    if (this.isOp(':=')) throw this.unexpected();
    if (!this.isKeyword('if')) return body;
    this.advance();
    const test = this.parseOrTest();
    if (!this.isKeyword('else')) throw this.unexpected("expected 'else' after 'if' expression");
    this.advance();
    const orelse = this.parseTest();
    return { kind: 'IfExp', test, body, orelse, line: start.line, column: start.column };
  }

  private parseLambda(): Expr {
    const t = this.expectKeyword('lambda');
    const params = this.parseParameters(':', false);
    this.expectOp(':');
    return { kind: 'Lambda', params, body: this.parseTest(), line: t.line, column: t.column };
  }

  /** Parameters up to `end` (`)` for def, `:` for lambda). */
  protected parseParameters(end: string, annotations: boolean): Parameters {
    const params: Parameters = { args: [], vararg: null, kwonly: [], kwarg: null };
    let afterStar = false;
    let sawDefault = false;
    const seen = new Set<string>();
    const declare = (t: Token) => {
      if (seen.has(t.value)) throw this.error(`duplicate argument '${t.value}' in function definition`, t);
      seen.add(t.value);
      return t.value;
    };
    while (!this.isOp(end)) {
      if (this.acceptOp('/')) {
        // positional-only marker: accepted, parameters stay positional-or-keyword
      } else if (this.acceptOp('**')) {
        params.kwarg = declare(this.expectName());
        if (annotations && this.acceptOp(':')) this.parseTest();
      } else if (this.acceptOp('*')) {
        if (afterStar) throw this.error('* argument may appear only once', this.previous);
        afterStar = true;
        if (this.token.kind === 'name' && !KEYWORDS.has(this.token.value)) {
          params.vararg = declare(this.advance());
          if (annotations && this.acceptOp(':')) this.parseTest();
        }
      } else {
        if (params.kwarg) throw this.error('arguments cannot follow var-keyword argument');
        const nameToken = this.expectName();
        const name = declare(nameToken);
        if (annotations && this.acceptOp(':')) this.parseTest();
        const def = this.acceptOp('=') ? this.parseTest() : null;
        if (afterStar) params.kwonly.push({ name, default: def });
        else {
          if (def) sawDefault = true;
          else if (sawDefault) throw this.error('parameter without a default follows parameter with a default', nameToken);
          params.args.push({ name, default: def });
        }
      }
      if (!this.acceptOp(',')) break;
    }
    return params;
  }

  private parseOrTest(): Expr {
    const start = this.token;
    const first = this.parseAndTest();
    if (!this.isKeyword('or')) return first;
    const values = [first];
    while (this.acceptKeyword('or')) values.push(this.parseAndTest());
    return { kind: 'BoolOp', op: 'or', values, line: start.line, column: start.column };
  }

  private parseAndTest(): Expr {
    const start = this.token;
    const first = this.parseNotTest();
    if (!this.isKeyword('and')) return first;
    const values = [first];
    while (this.acceptKeyword('and')) values.push(this.parseNotTest());
    return { kind: 'BoolOp', op: 'and', values, line: start.line, column: start.column };
  }

  private parseNotTest(): Expr {
    if (this.isKeyword('not')) {
      const t = this.advance();
      return { kind: 'UnaryOp', op: 'not', operand: this.parseNotTest(), line: t.line, column: t.column };
    }
    return this.parseComparison();
  }

  private compareOperator(): CompareOperator | null {
    const t = this.token;
    if (t.kind === 'op' && COMPARE_OPS.has(t.value)) {
      this.advance();
      return t.value as CompareOperator;
    }
    if (this.isKeyword('in')) {
      this.advance();
      return 'in';
    }
    if (this.isKeyword('not') && this.isKeyword('in', this.lookahead())) {
      this.pos += 2;
      return 'not in';
    }
    if (this.isKeyword('is')) {
      this.advance();
      return this.acceptKeyword('not') ? 'is not' : 'is';
    }
    return null;
  }

  private parseComparison(): Expr {
    const start = this.token;
    const left = this.parseBitOr();
    const ops: CompareOperator[] = [];
    const comparators: Expr[] = [];
    for (let op = this.compareOperator(); op; op = this.compareOperator()) {
      ops.push(op);
      comparators.push(this.parseBitOr());
    }
    if (!ops.length) return left;
    return { kind: 'Compare', left, ops, comparators, line: start.line, column: start.column };
  }

  /** `|` down to `*`: precedence climbing over BINARY_PRECEDENCE. */
  protected parseBitOr(): Expr {
    return this.parseBinary(1);
  }

  private parseBinary(minPrecedence: number): Expr {
    let left = this.parseFactor();
    for (;;) {
      const t = this.token;
      const precedence = t.kind === 'op' ? BINARY_PRECEDENCE[t.value] : undefined;
      if (precedence === undefined || precedence < minPrecedence) return left;
      this.advance();
      if (t.value === '@') throw unsupported("'@' (matrix multiplication)", t.line, t.column);
      const right = this.parseBinary(precedence + 1);
      left = { kind: 'BinOp', op: t.value as BinaryOperator, left, right, line: left.line, column: left.column, opLine: t.line, opColumn: t.column };
    }
  }

  private parseFactor(): Expr {
    const t = this.token;
    if (t.kind === 'op' && (t.value === '-' || t.value === '+' || t.value === '~')) {
      this.advance();
      const operand = this.parseFactor();
      if (t.value === '-' && operand.kind === 'Constant' && typeof operand.value === 'number') {
        return { kind: 'Constant', value: -operand.value, line: t.line, column: t.column };
      }
      return { kind: 'UnaryOp', op: t.value as '-' | '+' | '~', operand, line: t.line, column: t.column };
    }
    return this.parsePower();
  }

  private parsePower(): Expr {
    if (this.isKeyword('await')) throw this.unexpected();
    const base = this.parsePrimary();
    if (!this.isOp('**')) return base;
    const t = this.advance();
    const exponent = this.parseFactor();
    return { kind: 'BinOp', op: '**', left: base, right: exponent, line: base.line, column: base.column, opLine: t.line, opColumn: t.column };
  }

  private parsePrimary(): Expr {
    let expr = this.parseAtom();
    for (;;) {
      const t = this.token;
      if (this.isOp('(')) {
        this.advance();
        expr = this.parseCall(expr);
      } else if (this.isOp('[')) {
        this.advance();
        const index = this.parseSubscript();
        this.expectOp(']', "expected ']'");
        expr = { kind: 'Subscript', value: expr, index, line: expr.line, column: expr.column, bracketLine: t.line, bracketColumn: t.column };
      } else if (this.isOp('.')) {
        this.advance();
        const name = this.token;
        if (name.kind !== 'name') throw this.unexpected('expected an attribute name after "."');
        this.advance();
        expr = { kind: 'Attribute', value: expr, attr: name.value, attrLine: name.line, attrColumn: name.column, line: expr.line, column: expr.column };
      } else {
        return expr;
      }
    }
  }

  private parseCall(func: Expr): Expr {
    const { args, keywords } = this.parseArguments();
    return { kind: 'Call', func, args, keywords, line: func.line, column: func.column };
  }

  /** Call arguments after `(`, through the closing `)`. */
  protected parseArguments(): { args: Expr[]; keywords: Keyword[] } {
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    while (!this.isOp(')')) {
      const t = this.token;
      if (this.acceptOp('**')) {
        keywords.push({ name: null, value: this.parseTest() });
      } else if (this.isOp('*')) {
        args.push(this.parseStar(() => this.parseTest()));
      } else if (t.kind === 'name' && this.isOp('=', this.lookahead()) && !KEYWORDS.has(t.value)) {
        this.pos += 2;
        if (keywords.some((k) => k.name === t.value)) throw this.error(`keyword argument repeated: ${t.value}`, t);
        keywords.push({ name: t.value, value: this.parseTest() });
      } else {
        const arg = this.parseTest();
        if (this.isOp('=')) throw this.error('expression cannot contain assignment, perhaps you meant "=="?', t);
        if (this.isKeyword('for')) {
          args.push(this.parseComprehension('generator', arg, null, t));
        } else {
          if (keywords.some((k) => k.name !== null)) throw this.error('positional argument follows keyword argument', t);
          if (keywords.length) throw this.error('positional argument follows keyword argument unpacking', t);
          args.push(arg);
        }
      }
      if (!this.acceptOp(',')) break;
    }
    this.expectOp(')', "expected ')'");
    return { args, keywords };
  }

  private parseSubscript(): Expr | Slice {
    const first = this.token;
    const item = this.parseSliceItem();
    if (!this.isOp(',')) return item;
    const elts: Expr[] = [];
    const push = (x: Expr | Slice) => {
      if (x.kind === 'Slice') throw unsupported('slices inside a tuple index', first.line, first.column);
      elts.push(x);
    };
    push(item);
    while (this.acceptOp(',')) {
      if (this.isOp(']')) break;
      push(this.parseSliceItem());
    }
    return { kind: 'Tuple', elts, line: first.line, column: first.column };
  }

  private parseSliceItem(): Expr | Slice {
    const lower = this.isOp(':') ? null : this.parseTest();
    if (!this.isOp(':')) {
      if (lower === null) throw this.unexpected();
      return lower;
    }
    this.advance();
    const upper = this.isOp(':') || this.isOp(']') || this.isOp(',') ? null : this.parseTest();
    let step: Expr | null = null;
    if (this.acceptOp(':')) step = this.isOp(']') || this.isOp(',') ? null : this.parseTest();
    return { kind: 'Slice', lower, upper, step };
  }

  private parseAtom(): Expr {
    const t = this.token;
    switch (t.kind) {
      case 'number':
        this.advance();
        return { kind: 'Constant', value: t.number!, line: t.line, column: t.column };
      case 'string':
      case 'fstring':
        return this.parseStrings();
      case 'name':
        return this.parseNameAtom(t);
      case 'op':
        if (t.value === '(') return this.parseParenthesized();
        if (t.value === '[') return this.parseListDisplay();
        if (t.value === '{') return this.parseBraceDisplay();
        if (t.value === '...') {
          this.advance();
          return { kind: 'Constant', value: null, line: t.line, column: t.column };
        }
        throw this.unexpected();
      default:
        throw this.unexpected();
    }
  }

  private parseNameAtom(t: Token): Expr {
    if (t.value === 'None' || t.value === 'True' || t.value === 'False') {
      this.advance();
      return { kind: 'Constant', value: t.value === 'None' ? null : t.value === 'True', line: t.line, column: t.column };
    }
    if (KEYWORDS.has(t.value)) throw this.unexpected();
    this.advance();
    return { kind: 'Name', id: t.value, line: t.line, column: t.column };
  }

  /** Adjacent string literals concatenate; any f-string makes the whole an f-string. */
  private parseStrings(): Expr {
    const first = this.token;
    const parts: (string | FormattedValue)[] = [];
    let formatted = false;
    while (this.token.kind === 'string' || this.token.kind === 'fstring') {
      const t = this.advance();
      if (t.kind === 'string') parts.push(t.value);
      else {
        formatted = true;
        parts.push(...this.fstringParts(t.parts!));
      }
    }
    if (!formatted) return { kind: 'Constant', value: parts.join(''), line: first.line, column: first.column };
    return { kind: 'FString', parts: mergeText(parts), line: first.line, column: first.column };
  }

  private fstringParts(parts: FStringPart[]): (string | FormattedValue)[] {
    return parts.map((part) => {
      if (typeof part === 'string') return part;
      const tokens = tokenize(part.source, { line: part.line, column: part.column + 1, expression: true });
      const sub = new ExpressionParser(tokens);
      const value = sub.parseTestListStarExpr();
      if (!sub.isKind('eof')) throw sub.unexpected("f-string: expecting '}'");
      const spec: FString | null = part.spec
        ? { kind: 'FString', parts: mergeText(this.fstringParts(part.spec)), line: part.line, column: part.column }
        : null;
      return { value, conversion: part.conversion, spec, debugText: part.debugText };
    });
  }

  private parseParenthesized(): Expr {
    const open = this.advance();
    if (this.acceptOp(')')) return { kind: 'Tuple', elts: [], line: open.line, column: open.column };
    if (this.isKeyword('yield')) throw this.unexpected();
    const first = this.parseTestOrStar();
    if (this.isKeyword('for')) {
      const comp = this.parseComprehension('generator', first, null, open);
      this.expectOp(')', "expected ')'");
      return comp;
    }
    if (this.isOp(')')) {
      this.advance();
      if (first.kind === 'Starred') throw this.error('cannot use starred expression here', open);
      return first;
    }
    const elts = [first];
    while (this.acceptOp(',')) {
      if (this.isOp(')')) break;
      elts.push(this.parseTestOrStar());
    }
    this.expectOp(')', "expected ')'");
    return { kind: 'Tuple', elts, line: open.line, column: open.column };
  }

  private parseListDisplay(): Expr {
    const open = this.advance();
    const elts: Expr[] = [];
    if (!this.isOp(']')) {
      const first = this.parseTestOrStar();
      if (this.isKeyword('for')) {
        const comp = this.parseComprehension('list', first, null, open);
        this.expectOp(']', "expected ']'");
        return comp;
      }
      elts.push(first);
      while (this.acceptOp(',')) {
        if (this.isOp(']')) break;
        elts.push(this.parseTestOrStar());
      }
    }
    this.expectOp(']', "expected ']'");
    return { kind: 'List', elts, line: open.line, column: open.column };
  }

  private parseBraceDisplay(): Expr {
    const open = this.advance();
    if (this.acceptOp('}')) return { kind: 'Dict', items: [], line: open.line, column: open.column };
    const items: DictItem[] = [];
    const readDictItem = (): DictItem => {
      if (this.acceptOp('**')) return { key: null, value: this.parseBitOr() };
      const key = this.parseTest();
      this.expectOp(':', "expected ':'");
      return { key, value: this.parseTest() };
    };
    if (this.isOp('**')) {
      items.push(readDictItem());
    } else {
      const first = this.parseTestOrStar();
      if (this.acceptOp(':')) {
        const value = this.parseTest();
        if (this.isKeyword('for')) {
          const comp = this.parseComprehension('dict', first, value, open);
          this.expectOp('}', "expected '}'");
          return comp;
        }
        items.push({ key: first, value });
      } else {
        if (this.isKeyword('for')) {
          const comp = this.parseComprehension('set', first, null, open);
          this.expectOp('}', "expected '}'");
          return comp;
        }
        const elts = [first];
        while (this.acceptOp(',')) {
          if (this.isOp('}')) break;
          elts.push(this.parseTestOrStar());
        }
        this.expectOp('}', "expected '}'");
        return { kind: 'Set', elts, line: open.line, column: open.column };
      }
    }
    while (this.acceptOp(',')) {
      if (this.isOp('}')) break;
      items.push(readDictItem());
    }
    this.expectOp('}', "expected '}'");
    return { kind: 'Dict', items, line: open.line, column: open.column };
  }

  private parseComprehension(type: Comprehension['type'], elt: Expr, value: Expr | null, at: Token): Comprehension {
    const generators: ComprehensionFor[] = [];
    while (this.isKeyword('for') || this.isKeyword('async')) {
      if (this.isKeyword('async')) throw this.unexpected();
      this.advance();
      const target = this.parseExprList();
      this.expectKeyword('in');
      const iter = this.parseOrTest();
      const ifs: Expr[] = [];
      while (this.acceptKeyword('if')) ifs.push(this.parseOrTest());
      generators.push({ target, iter, ifs });
    }
    if (elt.kind === 'Starred') throw this.error('iterable unpacking cannot be used in comprehension', at);
    return { kind: 'Comprehension', type, elt, value, generators, line: at.line, column: at.column };
  }
}

function mergeText(parts: (string | FormattedValue)[]): (string | FormattedValue)[] {
  const out: (string | FormattedValue)[] = [];
  for (const p of parts) {
    if (typeof p === 'string' && typeof out[out.length - 1] === 'string') out[out.length - 1] += p;
    else out.push(p);
  }
  return out;
}
