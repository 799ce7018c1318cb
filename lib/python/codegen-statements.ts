import type { ClassDef, Expr, For, FunctionDef, If, Module, Stmt, Try, While, With, WithItem } from './ast';
import { ExpressionGenerator, RT } from './codegen-expressions';
import { Frame, type ClosureFlow } from './frames';
import { jsName, jsString } from './identifiers';
import { blockNames, declaredGlobals, parameterNames } from './bound-names';
import type { SourcePosition } from './writer';

/** The Django app relative imports (`from .models import Post`) resolve against. */
const APP_PACKAGE = 'blog';

export interface GeneratedCode {
  code: string;
  mapPosition: (line: number, column: number) => SourcePosition;
}

/**
 * Translates a module. A program that is one expression sets `result` to its
 * value (as Django's `ask` evaluates it); otherwise statements run and the
 * program sets `result` itself.
 */
export function generateModule(module: Module): GeneratedCode {
  const names = blockNames(module.body);
  const locals = new Set([...names.bound, ...declaredGlobals(module.body)]);
  const generator = new StatementGenerator(new Frame('module', locals, null));
  return generator.module(module);
}

class StatementGenerator extends ExpressionGenerator {
  private readonly classNames: string[] = [];
  private handlerCounter = 0;

  module(module: Module): GeneratedCode {
    const w = this.w;
    const locals = [...this.frame.locals];
    if (locals.length) w.write(`let ${locals.map(jsName).join(', ')}; `);
    const only = module.body.length === 1 ? module.body[0] : null;
    if (only && only.kind === 'Expr') {
      this.at(only);
      w.write('result = (');
      this.expr(only.value);
      w.write(');');
    } else {
      this.block(module.body);
    }
    if (this.frame.temps.length) w.write(` var ${this.frame.temps.join(', ')};`);
    return { code: w.toString(), mapPosition: w.positionMap() };
  }

  private block(body: Stmt[]): void {
    for (const s of body) this.stmt(s);
  }

  private stmt(s: Stmt): void {
    const w = this.w;
    this.at(s);
    w.write(' ');
    switch (s.kind) {
      case 'Expr':
        if (s.value.kind === 'Constant' && typeof s.value.value === 'string') return;
        this.expr(s.value);
        w.write(';');
        return;
      case 'Assign':
        this.assign(s.targets, s.value);
        return;
      case 'AugAssign':
        this.augAssign(s.target, s.op, s.value);
        return;
      case 'AnnAssign':
        if (s.value) this.assign([s.target], s.value);
        return;
      case 'Pass':
      case 'Global':
        return;
      case 'Break':
      case 'Continue':
        this.jump(s.kind === 'Break' ? 'break' : 'continue', s);
        return;
      case 'Return':
        this.returnStmt(s.value, s);
        return;
      case 'Raise':
        if (!s.exc) {
          const handler = this.frame.handlers[this.frame.handlers.length - 1];
          w.write(handler ? `throw ${handler};` : `throw ${RT}.reraise();`);
          return;
        }
        w.mark(s.line, s.column);
        w.write(`throw ${RT}.raise(`);
        this.expr(s.exc);
        if (s.cause) {
          w.write(', ');
          this.expr(s.cause);
        }
        w.write(');');
        return;
      case 'Del':
        for (const t of s.targets) this.del(t);
        return;
      case 'Assert':
        w.write('if (!');
        this.test(s.test);
        w.mark(s.line, s.column);
        w.write(`) throw ${RT}.assertionError(`);
        if (s.msg) this.expr(s.msg);
        w.write(');');
        return;
      case 'Import':
        for (const n of s.names) {
          w.mark(s.line, s.column);
          if (n.asname) w.write(`${this.storeName(n.asname)} = ${RT}.importModule(${jsString(n.name)});`);
          else w.write(`${this.storeName(n.name.split('.')[0])} = ${RT}.importModule(${jsString(n.name)}, true);`);
        }
        return;
      case 'ImportFrom': {
        const module = s.level ? [APP_PACKAGE, s.module].filter(Boolean).join('.') : s.module;
        w.mark(s.line, s.column);
        if (!s.names) {
          w.write(`${RT}.importStar(${jsString(module)});`);
          return;
        }
        for (const n of s.names) {
          w.write(`${this.storeName(n.asname ?? n.name)} = ${RT}.importFrom(${jsString(module)}, ${jsString(n.name)});`);
        }
        return;
      }
      case 'If':
        this.ifStmt(s);
        return;
      case 'While':
        this.whileStmt(s);
        return;
      case 'For':
        this.forStmt(s);
        return;
      case 'Try':
        this.tryStmt(s);
        return;
      case 'With':
        this.withStmt(s);
        return;
      case 'FunctionDef':
        this.functionDef(s);
        return;
      case 'ClassDef':
        this.classDef(s);
        return;
    }
  }

  private assign(targets: Expr[], value: Expr): void {
    if (targets.length === 1) {
      this.assignTo(targets[0], () => this.expr(value));
      return;
    }
    const t = this.temp();
    this.w.write(`${t} = `);
    this.expr(value);
    this.w.write(';');
    for (const target of targets) {
      this.w.write(' ');
      this.assignTo(target, () => this.w.write(t));
    }
  }

  private augAssign(target: Expr, op: string, value: Expr): void {
    const w = this.w;
    const fn = op === '+' ? 'iadd' : op === '|' ? 'ior' : op === '-' ? 'isub' : op === '&' ? 'iand' : op === '^' ? 'ixor' : null;
    const apply = (read: () => void) => {
      w.write(`${RT}.${fn ?? binaryName(op)}(`);
      read();
      w.write(', ');
      this.expr(value);
      w.write(')');
    };
    if (target.kind === 'Name') {
      this.assignTo(target, () => apply(() => w.write(this.loadName(target.id))));
    } else if (target.kind === 'Attribute') {
      const obj = this.temp();
      w.mark(target.attrLine, target.attrColumn);
      w.write(`${RT}.setattr(${obj} = `);
      this.expr(target.value);
      w.write(`, ${jsString(target.attr)}, `);
      apply(() => w.write(`${RT}.getattr(${obj}, ${jsString(target.attr)})`));
      w.write(');');
    } else if (target.kind === 'Subscript' && target.index.kind !== 'Slice') {
      const obj = this.temp();
      const key = this.temp();
      w.mark(target.bracketLine, target.bracketColumn);
      w.write(`${RT}.setitem(${obj} = `);
      this.expr(target.value);
      w.write(`, ${key} = `);
      this.expr(target.index);
      w.write(', ');
      apply(() => w.write(`${RT}.getitem(${obj}, ${key})`));
      w.write(');');
    } else {
      throw this.error('unsupported Python syntax: augmented assignment to a slice', target);
    }
  }

  private del(target: Expr): void {
    const w = this.w;
    switch (target.kind) {
      case 'Name':
        w.write(`${this.storeName(target.id)} = undefined;`);
        return;
      case 'Attribute':
        w.mark(target.attrLine, target.attrColumn);
        w.write(`${RT}.delattr(`);
        this.expr(target.value);
        w.write(`, ${jsString(target.attr)});`);
        return;
      case 'Subscript':
        if (target.index.kind === 'Slice') throw this.error('unsupported Python syntax: del of a slice', target);
        w.mark(target.bracketLine, target.bracketColumn);
        w.write(`${RT}.delitem(`);
        this.expr(target.value);
        w.write(', ');
        this.expr(target.index);
        w.write(');');
        return;
      case 'Tuple':
      case 'List':
        for (const e of target.elts) this.del(e);
        return;
      default:
        throw this.error('cannot delete expression', target);
    }
  }

  private jump(kind: 'break' | 'continue', at: { line: number; column: number }): void {
    const frame = this.frame;
    if (!frame.insideLoop) throw this.error(kind === 'break' ? "'break' outside loop" : "'continue' not properly in loop", at);
    const flow = frame.innermostFlow!;
    if (flow.kind === 'closure') {
      if (kind === 'break') flow.usesBreak = true;
      else flow.usesContinue = true;
      this.w.write(`return ${RT}.${kind === 'break' ? 'BREAK' : 'CONTINUE'};`);
    } else if (kind === 'break' && flow.breakFlag) {
      this.w.write(`{ ${flow.breakFlag} = true; break; }`);
    } else {
      this.w.write(`${kind};`);
    }
  }

  private returnStmt(value: Expr | null, at: { line: number; column: number }): void {
    const w = this.w;
    if (this.frame.kind !== 'function') throw this.error("'return' outside function", at);
    const closure = [...this.frame.flow].reverse().find((f): f is ClosureFlow => f.kind === 'closure');
    if (closure) {
      closure.usesReturn = true;
      w.write(`return ${RT}.ret(`);
      if (value) this.expr(value);
      w.write(');');
      return;
    }
    if (!value) {
      w.write('return;');
      return;
    }
    w.write('return (');
    this.expr(value);
    w.write(');');
  }

  private ifStmt(s: If): void {
    const w = this.w;
    w.write('if (');
    this.test(s.test);
    w.write(') {');
    this.block(s.body);
    for (const elif of s.elifs) {
      this.at(elif);
      w.write(' } else if (');
      this.test(elif.test);
      w.write(') {');
      this.block(elif.body);
    }
    if (s.orelse) {
      this.at(s.orelse);
      w.write(' } else {');
      this.block(s.orelse.body);
    }
    w.write(' }');
  }

  /**
   * The loop body, with an `else:` clause run when no `break` left the loop.
   * `head` writes the loop header; for a `for` with an unpacking target it returns the item variable.
   */
  private loop(s: While | For, head: () => string | null): void {
    const w = this.w;
    const flag = s.orelse ? this.temp() : null;
    if (flag) w.write(`${flag} = false; `);
    const item = head();
    this.frame.flow.push({ kind: 'loop', breakFlag: flag });
    try {
      if (s.kind === 'For' && item) {
        w.write(' ');
        this.assignTo(s.target, () => w.write(item));
      }
      this.block(s.body);
    } finally {
      this.frame.flow.pop();
    }
    if (s.orelse) {
      this.at(s.orelse);
      w.write(` } if (!${flag}) {`);
      this.block(s.orelse.body);
    }
    w.write(' }');
  }

  private whileStmt(s: While): void {
    this.loop(s, () => {
      this.w.write('while (');
      this.test(s.test);
      this.w.write(') {');
      return null;
    });
  }

  private forStmt(s: For): void {
    this.loop(s, () => {
      const simple = s.target.kind === 'Name';
      const item = simple ? this.storeName((s.target as { id: string }).id) : this.temp();
      this.w.write(`for (${item} of ${RT}.iter(`);
      this.expr(s.iter);
      this.w.write(')) {');
      return simple ? null : item;
    });
  }

  private tryStmt(s: Try): void {
    const w = this.w;
    const ok = s.orelse ? this.temp() : null;
    if (s.finalbody) w.write('try { ');
    if (s.handlers.length) w.write(`${ok ? `${ok} = false; ` : ''}try {`);
    this.block(s.body);
    if (s.handlers.length) {
      if (ok) w.write(` ${ok} = true;`);
      const e = `$e${++this.handlerCounter}`;
      s.handlers.forEach((h, i) => {
        this.at(h);
        w.write(i === 0 ? ` } catch (${e}) { ${e} = ${RT}.exc(${e}); ` : ' } else ');
        if (h.type) {
          w.mark(h.line, h.column);
          w.write(`if (${RT}.excMatch(${e}, `);
          this.expr(h.type);
          w.write(')) {');
        } else {
          w.write('{');
        }
        if (h.name) w.write(` ${this.storeName(h.name)} = ${e};`);
        this.frame.handlers.push(e);
        try {
          this.block(h.body);
        } finally {
          this.frame.handlers.pop();
        }
      });
      const last = s.handlers[s.handlers.length - 1];
      w.write(last.type ? ` } else { throw ${e}; } }` : ' } }');
      if (s.orelse) {
        this.at(s.orelse);
        w.write(` if (${ok}) {`);
        this.block(s.orelse.body);
        w.write(' }');
      }
    }
    if (s.finalbody) {
      this.at(s.finalbody);
      w.write(' } finally {');
      this.block(s.finalbody.body);
      w.write(' }');
    }
  }

  /** `with cm as x:` → `$py.with(cm, ($v) => { x = $v; ... })`; break/continue/return come back as tokens. */
  private withStmt(s: With): void {
    const w = this.w;
    const closure: ClosureFlow = { kind: 'closure', usesBreak: false, usesContinue: false, usesReturn: false };
    const token = this.temp();
    w.write(`${token} = `);
    this.frame.flow.push(closure);
    try {
      this.withItems(s.items, s.body);
    } finally {
      this.frame.flow.pop();
    }
    w.write(';');
    if (!closure.usesBreak && !closure.usesContinue && !closure.usesReturn) return;
    const outer = this.frame.innermostFlow;
    if (outer && outer.kind === 'closure') {
      outer.usesBreak ||= closure.usesBreak;
      outer.usesContinue ||= closure.usesContinue;
      outer.usesReturn ||= closure.usesReturn;
      w.write(` if (${token} !== undefined) return ${token};`);
      return;
    }
    let dispatch = '';
    if (closure.usesBreak) {
      const flag = outer && outer.kind === 'loop' ? outer.breakFlag : null;
      dispatch += ` if (${token} === ${RT}.BREAK) ${flag ? `{ ${flag} = true; break; }` : 'break;'}`;
    }
    if (closure.usesContinue) dispatch += ` if (${token} === ${RT}.CONTINUE) continue;`;
    if (closure.usesReturn) dispatch += ` return ${token}.value;`;
    w.write(` if (${token} !== undefined) {${dispatch} }`);
  }

  private withItems(items: WithItem[], body: Stmt[]): void {
    const w = this.w;
    const [item, ...rest] = items;
    w.mark(item.context.line, item.context.column);
    w.write(`${RT}.with(`);
    this.expr(item.context);
    w.write(', ($v) => {');
    if (item.target) {
      w.write(' ');
      this.assignTo(item.target, () => w.write('$v'));
    }
    if (rest.length) {
      w.write(' return ');
      this.withItems(rest, body);
      w.write(';');
    } else {
      this.block(body);
    }
    w.write(' })');
  }

  /** Writes `target = dec1(dec2(` for decorators; returns the closing text. */
  private decorated(decorators: Expr[], target: string): string {
    const w = this.w;
    w.write(`${target} = `);
    for (const d of decorators) {
      this.at(d);
      w.write(`${RT}.call(`);
      this.expr(d);
      w.write(', [');
    }
    return '])'.repeat(decorators.length);
  }

  private functionDef(s: FunctionDef): void {
    const w = this.w;
    const closing = this.decorated(s.decorators, this.storeName(s.name));
    this.functionHead(s.name, s.params);
    const params = parameterNames(s.params);
    const names = blockNames(s.body);
    const locals = [...names.bound].filter((n) => !params.includes(n));
    if (locals.length) w.write(` let ${locals.map(jsName).join(', ')};`);
    const className = this.frame.kind === 'class' ? this.classNames[this.classNames.length - 1] : null;
    const method = className && s.params.args.length ? { className, self: s.params.args[0].name } : null;
    const frame = new Frame('function', new Set([...params, ...names.bound]), this.frame, null, method ?? this.frame.method);
    const decl = this.inFrame(frame, () => this.block(s.body));
    w.write(`${decl} })${closing};`);
  }

  private classDef(s: ClassDef): void {
    const w = this.w;
    const closing = this.decorated(s.decorators, this.storeName(s.name));
    w.write(`${RT}.class(${jsString(s.name)}, [`);
    s.bases.forEach((b, i) => {
      if (i) w.write(', ');
      this.expr(b);
    });
    w.write('], {');
    s.keywords.forEach((k, i) => {
      if (k.name === null) throw this.error('unsupported Python syntax: ** in class arguments', k.value);
      w.write(`${i ? ',' : ''} ${k.name}: `);
      this.expr(k.value);
    });
    w.write(' }, ($ns) => {');
    const frame = new Frame('class', new Set(), this.frame, blockNames(s.body).bound);
    this.classNames.push(s.name);
    try {
      const decl = this.inFrame(frame, () => this.block(s.body));
      w.write(`${decl} })${closing};`);
    } finally {
      this.classNames.pop();
    }
  }
}

function binaryName(op: string): string {
  const names: Record<string, string> = { '*': 'mul', '/': 'truediv', '//': 'floordiv', '%': 'mod', '**': 'pow', '<<': 'lshift', '>>': 'rshift' };
  return names[op];
}
