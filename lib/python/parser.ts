import type { BinaryOperator, Clause, ExceptHandler, Expr, ImportName, Module, Stmt, WithItem } from './ast';
import { ExpressionParser } from './parse-expressions';
import { unsupported } from './syntax-error';
import { tokenize } from './tokenizer';
import type { Token } from './tokens';

type WithoutEnd<T> = T extends unknown ? Omit<T, 'endLine'> : never;

const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '<<=', '>>=', '&=', '|=', '^=']);

/** Python source → syntax tree. Throws PythonSyntaxError with the position. */
export function parse(source: string): Module {
  return new Parser(tokenize(source)).parseModule();
}

class Parser extends ExpressionParser {
  parseModule(): Module {
    const body: Stmt[] = [];
    while (!this.isKind('eof')) {
      if (this.isKind('newline')) {
        this.advance();
        continue;
      }
      if (this.isKind('indent')) throw this.error('unexpected indent');
      body.push(...this.parseStatement());
    }
    return { body };
  }

  private parseStatement(): Stmt[] {
    const t = this.token;
    if (t.kind === 'op' && t.value === '@') return [this.parseDecorated()];
    if (t.kind === 'name') {
      switch (t.value) {
        case 'if':
          return [this.parseIf()];
        case 'while':
          return [this.parseWhile()];
        case 'for':
          return [this.parseFor()];
        case 'try':
          return [this.parseTry()];
        case 'with':
          return [this.parseWith()];
        case 'def':
          return [this.parseFunctionDef([])];
        case 'class':
          return [this.parseClassDef([])];
        case 'async':
          throw unsupported("'async'", t.line, t.column);
        case 'match':
          if (this.looksLikeMatchStatement()) throw unsupported("'match' statements", t.line, t.column);
      }
    }
    return this.parseSimpleStatements();
  }

  private looksLikeMatchStatement(): boolean {
    const next = this.lookahead();
    if (next.kind === 'op' && !['(', '[', '{', '-'].includes(next.value)) return false;
    for (let i = this.pos + 1; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (t.kind === 'newline' || t.kind === 'eof') return this.isOp(':', this.tokens[i - 1]) && this.tokens[i + 1]?.kind === 'indent';
    }
    return false;
  }

  /** Simple statements separated by `;`, up to the end of the line. */
  private parseSimpleStatements(): Stmt[] {
    const out: Stmt[] = [this.parseSimpleStatement()];
    while (this.acceptOp(';')) {
      if (this.isKind('newline')) break;
      out.push(this.parseSimpleStatement());
    }
    if (!this.isKind('newline') && !this.isKind('eof')) throw this.unexpected();
    this.advance();
    return out;
  }

  private parseSimpleStatement(): Stmt {
    const t = this.token;
    const at = { line: t.line, column: t.column };
    const done = (s: WithoutEnd<Stmt>): Stmt => ({ ...s, endLine: this.previous.line }) as Stmt;
    if (t.kind === 'name') {
      switch (t.value) {
        case 'pass':
          this.advance();
          return done({ kind: 'Pass', ...at });
        case 'break':
          this.advance();
          return done({ kind: 'Break', ...at });
        case 'continue':
          this.advance();
          return done({ kind: 'Continue', ...at });
        case 'return': {
          this.advance();
          const value = this.atExpressionEnd() ? null : this.parseTestListStarExpr();
          return done({ kind: 'Return', value, ...at });
        }
        case 'raise': {
          this.advance();
          if (this.atExpressionEnd()) return done({ kind: 'Raise', exc: null, cause: null, ...at });
          const exc = this.parseTest();
          const cause = this.acceptKeyword('from') ? this.parseTest() : null;
          return done({ kind: 'Raise', exc, cause, ...at });
        }
        case 'global':
        case 'nonlocal': {
          this.advance();
          const names = [this.expectName().value];
          while (this.acceptOp(',')) names.push(this.expectName().value);
          return done({ kind: 'Global', names, nonlocal: t.value === 'nonlocal', ...at });
        }
        case 'del': {
          this.advance();
          const target = this.parseExprList();
          const targets = target.kind === 'Tuple' ? target.elts : [target];
          for (const x of targets) this.checkTarget(x, 'delete');
          return done({ kind: 'Del', targets, ...at });
        }
        case 'assert': {
          this.advance();
          const test = this.parseTest();
          const msg = this.acceptOp(',') ? this.parseTest() : null;
          return done({ kind: 'Assert', test, msg, ...at });
        }
        case 'import':
          return done(this.parseImport());
        case 'from':
          return done(this.parseFromImport());
        case 'yield':
        case 'await':
          throw this.unexpected();
        case 'print':
          if (this.lookahead().kind === 'string' || (this.lookahead().kind === 'name' && !this.isOp('(', this.lookahead()))) {
            throw this.error("Missing parentheses in call to 'print'. Did you mean print(...)?");
          }
      }
    }
    const first = this.parseTestListStarExpr();
    if (this.isOp('=')) {
      const targets = [first];
      let value: Expr = first;
      while (this.acceptOp('=')) {
        if (this.isKeyword('yield')) throw this.unexpected();
        value = this.parseTestListStarExpr();
        targets.push(value);
      }
      targets.pop();
      for (const x of targets) this.checkTarget(x, 'assign to');
      return done({ kind: 'Assign', targets, value, ...at });
    }
    if (this.token.kind === 'op' && AUGMENTED.has(this.token.value)) {
      const opToken = this.advance();
      if (first.kind !== 'Name' && first.kind !== 'Attribute' && first.kind !== 'Subscript') {
        throw this.error(`'${describe(first)}' is an illegal expression for augmented assignment`, opToken);
      }
      const value = this.parseTestListStarExpr();
      return done({ kind: 'AugAssign', target: first, op: opToken.value.slice(0, -1) as BinaryOperator, value, ...at });
    }
    if (this.isOp(':') && (first.kind === 'Name' || first.kind === 'Attribute' || first.kind === 'Subscript')) {
      this.advance();
      this.parseTest();
      const value = this.acceptOp('=') ? this.parseTestListStarExpr() : null;
      return done({ kind: 'AnnAssign', target: first, value, ...at });
    }
    return done({ kind: 'Expr', value: first, ...at });
  }

  private checkTarget(x: Expr, verb: string): void {
    switch (x.kind) {
      case 'Name':
      case 'Attribute':
      case 'Subscript':
        return;
      case 'Tuple':
      case 'List':
        for (const e of x.elts) this.checkTarget(e, verb);
        return;
      case 'Starred':
        if (verb === 'delete') break;
        this.checkTarget(x.value, verb);
        return;
    }
    const hint = x.kind === 'Call' && verb === 'assign to' ? ". Maybe you meant '==' instead of '='?" : '';
    throw this.error(`cannot ${verb} ${describe(x)}${hint ? ' here' + hint : ''}`, { line: x.line, column: x.column } as Token);
  }

  private dottedName(): string {
    let name = this.expectName().value;
    while (this.acceptOp('.')) name += '.' + this.expectName().value;
    return name;
  }

  private parseImport(): Stmt {
    const t = this.expectKeyword('import');
    const names: ImportName[] = [];
    do {
      const name = this.dottedName();
      const asname = this.acceptKeyword('as') ? this.expectName().value : null;
      names.push({ name, asname });
    } while (this.acceptOp(','));
    return { kind: 'Import', names, line: t.line, column: t.column, endLine: t.line };
  }

  private parseFromImport(): Stmt {
    const t = this.expectKeyword('from');
    let level = 0;
    for (;;) {
      if (this.acceptOp('.')) level++;
      else if (this.acceptOp('...')) level += 3;
      else break;
    }
    const module = this.isKeyword('import') ? '' : this.dottedName();
    this.expectKeyword('import');
    if (this.acceptOp('*')) return { kind: 'ImportFrom', module, level, names: null, line: t.line, column: t.column, endLine: t.line };
    const parens = this.acceptOp('(');
    const names: ImportName[] = [];
    do {
      if (parens && this.isOp(')')) break;
      const name = this.expectName().value;
      const asname = this.acceptKeyword('as') ? this.expectName().value : null;
      names.push({ name, asname });
    } while (this.acceptOp(','));
    if (parens) this.expectOp(')');
    return { kind: 'ImportFrom', module, level, names, line: t.line, column: t.column, endLine: t.line };
  }

  // ------------------------------------------------------------------ blocks

  /** `: NEWLINE INDENT statements DEDENT`, or simple statements on the header's line. */
  private parseSuite(header: Token, what: string): Stmt[] {
    this.expectOp(':', "expected ':'");
    if (!this.isKind('newline')) return this.parseSimpleStatements();
    this.advance();
    if (!this.isKind('indent')) throw this.error(`expected an indented block after ${what} on line ${header.line}`);
    this.advance();
    const body: Stmt[] = [];
    while (!this.isKind('dedent') && !this.isKind('eof')) {
      if (this.isKind('newline')) {
        this.advance();
        continue;
      }
      body.push(...this.parseStatement());
    }
    this.advance();
    return body;
  }

  private endOf(body: Stmt[], fallback: number): number {
    return body.length ? body[body.length - 1].endLine : fallback;
  }

  private clause(keyword: string, what: string): Clause {
    const t = this.expectKeyword(keyword);
    return { line: t.line, column: t.column, body: this.parseSuite(t, what) };
  }

  private parseIf(): Stmt {
    const t = this.expectKeyword('if');
    const test = this.parseTest();
    const body = this.parseSuite(t, "'if' statement");
    const elifs: (Clause & { test: Expr })[] = [];
    let end = this.endOf(body, t.line);
    while (this.isKeyword('elif')) {
      const e = this.advance();
      const elifTest = this.parseTest();
      const elifBody = this.parseSuite(e, "'elif' statement");
      elifs.push({ test: elifTest, body: elifBody, line: e.line, column: e.column });
      end = this.endOf(elifBody, e.line);
    }
    const orelse = this.isKeyword('else') ? this.clause('else', "'else' statement") : null;
    if (orelse) end = this.endOf(orelse.body, orelse.line);
    return { kind: 'If', test, body, elifs, orelse, line: t.line, column: t.column, endLine: end };
  }

  private parseWhile(): Stmt {
    const t = this.expectKeyword('while');
    const test = this.parseTest();
    const body = this.parseSuite(t, "'while' statement");
    const orelse = this.isKeyword('else') ? this.clause('else', "'else' statement") : null;
    const end = orelse ? this.endOf(orelse.body, orelse.line) : this.endOf(body, t.line);
    return { kind: 'While', test, body, orelse, line: t.line, column: t.column, endLine: end };
  }

  private parseFor(): Stmt {
    const t = this.expectKeyword('for');
    const target = this.parseExprList();
    this.checkTarget(target, 'assign to');
    this.expectKeyword('in');
    const iter = this.parseTestListStarExpr();
    const body = this.parseSuite(t, "'for' statement");
    const orelse = this.isKeyword('else') ? this.clause('else', "'else' statement") : null;
    const end = orelse ? this.endOf(orelse.body, orelse.line) : this.endOf(body, t.line);
    return { kind: 'For', target, iter, body, orelse, line: t.line, column: t.column, endLine: end };
  }

  private parseTry(): Stmt {
    const t = this.expectKeyword('try');
    const body = this.parseSuite(t, "'try' statement");
    const handlers: ExceptHandler[] = [];
    let end = this.endOf(body, t.line);
    while (this.isKeyword('except')) {
      const e = this.advance();
      if (this.isOp('*')) throw unsupported("'except*'", e.line, e.column);
      let type: Expr | null = null;
      let name: string | null = null;
      if (!this.isOp(':')) {
        type = this.parseTest();
        if (this.isOp(',')) {
          const first = type;
          const elts = [first];
          while (this.acceptOp(',')) {
            if (this.isKeyword('as') || this.isOp(':')) break;
            elts.push(this.parseTest());
          }
          type = { kind: 'Tuple', elts, line: first.line, column: first.column };
        }
        if (this.acceptKeyword('as')) name = this.expectName().value;
      }
      const handlerBody = this.parseSuite(e, "'except' statement");
      if (handlers.length && handlers[handlers.length - 1].type === null) throw this.error("default 'except:' must be last", e);
      handlers.push({ type, name, body: handlerBody, line: e.line, column: e.column });
      end = this.endOf(handlerBody, e.line);
    }
    const orelse = this.isKeyword('else') ? this.clause('else', "'else' statement") : null;
    if (orelse) {
      if (!handlers.length) throw this.error("expected 'except' or 'finally' block", { line: orelse.line, column: orelse.column } as Token);
      end = this.endOf(orelse.body, orelse.line);
    }
    const finalbody = this.isKeyword('finally') ? this.clause('finally', "'finally' statement") : null;
    if (finalbody) end = this.endOf(finalbody.body, finalbody.line);
    if (!handlers.length && !finalbody) throw this.error("expected 'except' or 'finally' block");
    return { kind: 'Try', body, handlers, orelse, finalbody, line: t.line, column: t.column, endLine: end };
  }

  private parseWith(): Stmt {
    const t = this.expectKeyword('with');
    const items: WithItem[] = [];
    const parens = this.isOp('(') && this.parenthesizedWithItems();
    if (parens) this.advance();
    do {
      if (parens && this.isOp(')')) break;
      const context = this.parseTest();
      let target: Expr | null = null;
      if (this.acceptKeyword('as')) {
        target = this.parseBitOrTarget();
        this.checkTarget(target, 'assign to');
      }
      items.push({ context, target });
    } while (this.acceptOp(','));
    if (parens) this.expectOp(')');
    const body = this.parseSuite(t, "'with' statement");
    return { kind: 'With', items, body, line: t.line, column: t.column, endLine: this.endOf(body, t.line) };
  }

  /** `with (a as x, b as y):` — parentheses around the items rather than around an expression. */
  private parenthesizedWithItems(): boolean {
    let depth = 0;
    for (let i = this.pos; i < this.tokens.length; i++) {
      const tok = this.tokens[i];
      if (tok.kind === 'op' && '([{'.includes(tok.value)) depth++;
      else if (tok.kind === 'op' && ')]}'.includes(tok.value)) {
        depth--;
        if (depth === 0) return this.isOp(':', this.tokens[i + 1]) && this.tokens.slice(this.pos, i).some((x) => this.isKeyword('as', x));
      } else if (tok.kind === 'newline' || tok.kind === 'eof') return false;
    }
    return false;
  }

  private parseBitOrTarget(): Expr {
    if (this.isOp('(') || this.isOp('[')) return this.parseTest();
    return this.parseBitOr();
  }

  private parseDecorated(): Stmt {
    const decorators: Expr[] = [];
    while (this.acceptOp('@')) {
      decorators.push(this.parseTest());
      if (!this.isKind('newline')) throw this.unexpected();
      this.advance();
    }
    if (this.isKeyword('def')) return this.parseFunctionDef(decorators);
    if (this.isKeyword('class')) return this.parseClassDef(decorators);
    if (this.isKeyword('async')) throw this.unexpected();
    throw this.unexpected("expected 'def' or 'class' after a decorator");
  }

  private parseFunctionDef(decorators: Expr[]): Stmt {
    const t = this.expectKeyword('def');
    const name = this.expectName().value;
    this.expectOp('(', "expected '('");
    const params = this.parseParameters(')', true);
    this.expectOp(')', "expected ')'");
    if (this.acceptOp('->')) this.parseTest();
    const body = this.parseSuite(t, `function definition`);
    const line = decorators.length ? decorators[0].line : t.line;
    return { kind: 'FunctionDef', name, params, body, decorators, line, column: t.column, endLine: this.endOf(body, t.line) };
  }

  private parseClassDef(decorators: Expr[]): Stmt {
    const t = this.expectKeyword('class');
    const name = this.expectName().value;
    let bases: Expr[] = [];
    let keywords: { name: string | null; value: Expr }[] = [];
    if (this.acceptOp('(')) {
      const call = this.parseArguments();
      bases = call.args;
      keywords = call.keywords;
    }
    const body = this.parseSuite(t, 'class definition');
    const line = decorators.length ? decorators[0].line : t.line;
    return { kind: 'ClassDef', name, bases, keywords, body, decorators, line, column: t.column, endLine: this.endOf(body, t.line) };
  }
}

function describe(x: Expr): string {
  switch (x.kind) {
    case 'Call':
      return 'function call';
    case 'Constant':
      return x.value === null || typeof x.value === 'boolean' ? String(x.value === null ? 'None' : x.value ? 'True' : 'False') : 'literal';
    case 'FString':
      return 'f-string expression';
    case 'BinOp':
    case 'UnaryOp':
      return 'expression';
    case 'BoolOp':
      return 'expression';
    case 'Compare':
      return 'comparison';
    case 'IfExp':
      return 'conditional expression';
    case 'Lambda':
      return 'lambda';
    case 'Comprehension':
      return x.type === 'generator' ? 'generator expression' : `${x.type} comprehension`;
    case 'Dict':
      return 'dict literal';
    case 'Set':
      return 'set display';
    default:
      return 'expression';
  }
}
