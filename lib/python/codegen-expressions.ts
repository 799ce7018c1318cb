import type { BinaryOperator, Call, CompareOperator, Comprehension, Expr, FString, Keyword, Lambda, Parameters, Slice } from './ast';
import { Frame } from './frames';
import { jsKey, jsName, jsString } from './identifiers';
import { parameterNames, targetNames } from './bound-names';
import { PythonSyntaxError } from './syntax-error';
import { JsWriter } from './writer';

/** The runtime's name in the generated code (`$` cannot start a Python name). */
export const RT = '$py';

const BINARY: Record<BinaryOperator, string> = {
  '+': 'add', '-': 'sub', '*': 'mul', '/': 'truediv', '//': 'floordiv', '%': 'mod', '**': 'pow',
  '<<': 'lshift', '>>': 'rshift', '&': 'and', '|': 'or', '^': 'xor', '@': 'matmul',
};

const COMPARE: Record<CompareOperator, string> = {
  '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge', in: 'in', 'not in': 'notIn', is: 'is', 'is not': 'isNot',
};

/**
 * Python expressions → JavaScript, written straight into the line-preserving
 * writer. Python semantics the JavaScript operators lack go through the
 * runtime (`$py.add`, `$py.getattr`, `$py.callm`, ...).
 */
export class ExpressionGenerator {
  protected readonly w = new JsWriter();
  protected frame: Frame;
  private tempCounter = 0;

  constructor(moduleFrame: Frame) {
    this.frame = moduleFrame;
  }

  protected temp(): string {
    const name = `$t${++this.tempCounter}`;
    this.frame.temps.push(name);
    return name;
  }

  protected error(message: string, at: { line: number; column: number }): PythonSyntaxError {
    return new PythonSyntaxError(message, at.line, at.column);
  }

  protected at(node: { line: number; column: number }): void {
    this.w.moveTo(node.line);
  }

  protected loadName(id: string): string {
    const classNames = this.frame.classNames;
    if (classNames?.has(id)) return `(${jsString(id)} in $ns ? $ns.${id} : ${jsName(id)})`;
    return jsName(id);
  }

  protected storeName(id: string): string {
    return this.frame.classNames?.has(id) ? `$ns.${id}` : jsName(id);
  }

  /** Runs `body` as the code of a new JavaScript function frame; returns its temporaries' declaration. */
  protected inFrame(frame: Frame, body: () => void): string {
    const outer = this.frame;
    this.frame = frame;
    try {
      body();
    } finally {
      this.frame = outer;
    }
    return frame.temps.length ? ` var ${frame.temps.join(', ')};` : '';
  }

  expr(node: Expr): void {
    this.at(node);
    const w = this.w;
    switch (node.kind) {
      case 'Name':
        w.mark(node.line, node.column);
        w.write(this.loadName(node.id));
        return;
      case 'Constant':
        w.write(literal(node.value));
        return;
      case 'FString':
        this.fstring(node);
        return;
      case 'List':
        this.sequence('[', node.elts, ']');
        return;
      case 'Tuple':
        this.sequence(`${RT}.tuple([`, node.elts, '])');
        return;
      case 'Set':
        this.sequence(`${RT}.set([`, node.elts, '])');
        return;
      case 'Dict':
        w.write(`${RT}.dict([`);
        node.items.forEach((item, i) => {
          if (i) w.write(', ');
          if (item.key === null) {
            w.write(`...${RT}.items(`);
            this.expr(item.value);
            w.write(')');
          } else {
            w.write('[');
            this.expr(item.key);
            w.write(', ');
            this.expr(item.value);
            w.write(']');
          }
        });
        w.write('])');
        return;
      case 'Starred':
        throw this.error("can't use starred expression here", node);
      case 'Attribute':
        w.mark(node.attrLine, node.attrColumn);
        w.write(`${RT}.getattr(`);
        this.expr(node.value);
        w.write(`, ${jsString(node.attr)})`);
        return;
      case 'Subscript':
        w.mark(node.bracketLine, node.bracketColumn);
        if (node.index.kind === 'Slice') {
          w.write(`${RT}.getslice(`);
          this.expr(node.value);
          this.sliceBounds(node.index);
        } else {
          w.write(`${RT}.getitem(`);
          this.expr(node.value);
          w.write(', ');
          this.expr(node.index);
        }
        w.write(')');
        return;
      case 'Call':
        this.call(node);
        return;
      case 'BinOp':
        if (node.op === '@') throw this.error("unsupported Python syntax: '@' (matrix multiplication)", node);
        w.mark(node.opLine, node.opColumn);
        w.write(`${RT}.${BINARY[node.op]}(`);
        this.expr(node.left);
        w.write(', ');
        this.expr(node.right);
        w.write(')');
        return;
      case 'UnaryOp':
        w.mark(node.line, node.column);
        if (node.op === 'not') {
          w.write('!');
          this.test(node.operand);
        } else {
          w.write(`${RT}.${node.op === '-' ? 'neg' : node.op === '+' ? 'pos' : 'invert'}(`);
          this.expr(node.operand);
          w.write(')');
        }
        return;
      case 'BoolOp':
        this.boolOp(node.op, node.values);
        return;
      case 'Compare':
        this.compare(node.left, node.ops, node.comparators, node);
        return;
      case 'IfExp':
        this.ifExp(node.test, node.body, node.orelse);
        return;
      case 'Lambda':
        this.lambda(node);
        return;
      case 'Comprehension':
        this.comprehension(node);
        return;
    }
  }

  /** An expression in a boolean context (if/while/not/assert): a JavaScript boolean. */
  test(node: Expr): void {
    const w = this.w;
    this.at(node);
    if (node.kind === 'Compare' || (node.kind === 'UnaryOp' && node.op === 'not') || (node.kind === 'Constant' && typeof node.value === 'boolean')) {
      this.expr(node);
    } else if (node.kind === 'BoolOp') {
      w.write('(');
      node.values.forEach((v, i) => {
        if (i) w.write(node.op === 'and' ? ' && ' : ' || ');
        this.test(v);
      });
      w.write(')');
    } else {
      w.write(`${RT}.truthy(`);
      this.expr(node);
      w.write(')');
    }
  }

  private sequence(open: string, elts: Expr[], close: string): void {
    const w = this.w;
    w.write(open);
    elts.forEach((e, i) => {
      if (i) w.write(', ');
      this.element(e);
    });
    w.write(close);
  }

  /** A list/tuple/set/argument element: `*x` spreads an iterable. */
  private element(e: Expr): void {
    if (e.kind === 'Starred') {
      this.at(e);
      this.w.write(`...${RT}.iter(`);
      this.expr(e.value);
      this.w.write(')');
    } else {
      this.expr(e);
    }
  }

  private sliceBounds(s: Slice): void {
    for (const part of [s.lower, s.upper, s.step]) {
      this.w.write(', ');
      if (part) this.expr(part);
      else this.w.write('null');
    }
  }

  private call(node: Call): void {
    const w = this.w;
    const func = node.func;
    if (func.kind === 'Name' && func.id === 'super' && node.args.length === 0 && !node.keywords.length) {
      const method = this.frame.method;
      if (!method) throw this.error('super(): no arguments (use it inside a method)', node);
      w.mark(node.line, node.column);
      w.write(`${RT}.superOf(${this.loadName(method.className)}, ${jsName(method.self)})`);
      return;
    }
    if (func.kind === 'Attribute') {
      w.mark(func.attrLine, func.attrColumn);
      w.write(`${RT}.callm(`);
      this.expr(func.value);
      w.write(`, ${jsString(func.attr)}, `);
    } else {
      w.mark(node.line, node.column);
      w.write(`${RT}.call(`);
      this.expr(func);
      w.write(', ');
    }
    this.sequence('[', node.args, ']');
    if (node.keywords.length) {
      w.write(', ');
      this.keywords(node.keywords);
    }
    w.write(')');
  }

  private keywords(keywords: Keyword[]): void {
    const w = this.w;
    w.write('{ ');
    keywords.forEach((k, i) => {
      if (i) w.write(', ');
      this.at(k.value);
      if (k.name === null) {
        w.write(`...${RT}.kwargs(`);
        this.expr(k.value);
        w.write(')');
      } else {
        w.write(`${jsKey(k.name)}: `);
        this.expr(k.value);
      }
    });
    w.write(' }');
  }

  private boolOp(op: 'and' | 'or', values: Expr[]): void {
    const w = this.w;
    const t = this.temp();
    // a and b and c → (truthy(t = a) ? (truthy(t = b) ? c : t) : t); `or` swaps the branches.
    let closers = '';
    values.forEach((v, i) => {
      if (i === values.length - 1) {
        this.expr(v);
        return;
      }
      w.write(`(${RT}.truthy(${t} = `);
      this.expr(v);
      w.write(op === 'and' ? ') ? ' : `) ? ${t} : `);
      closers = (op === 'and' ? ` : ${t})` : ')') + closers;
    });
    w.write(closers);
  }

  private compare(left: Expr, ops: CompareOperator[], comparators: Expr[], at: { line: number; column: number }): void {
    const w = this.w;
    if (ops.length > 1) w.write('(');
    let previous: string | null = null;
    ops.forEach((op, i) => {
      if (i) w.write(' && ');
      const right = comparators[i];
      const last = i === ops.length - 1;
      if ((op === 'is' || op === 'is not') && right.kind === 'Constant' && right.value === null && previous === null) {
        w.write('(');
        this.expr(left);
        w.write(op === 'is' ? ' == null)' : ' != null)');
        return;
      }
      w.mark(at.line, at.column);
      w.write(`${RT}.${COMPARE[op]}(`);
      if (previous) w.write(previous);
      else this.expr(left);
      w.write(', ');
      if (last) this.expr(right);
      else {
        previous = this.temp();
        w.write(`${previous} = `);
        this.expr(right);
      }
      w.write(')');
    });
    if (ops.length > 1) w.write(')');
  }

  private ifExp(test: Expr, body: Expr, orelse: Expr): void {
    const w = this.w;
    if (body.line < test.line) {
      // keep the body on its own (earlier) line: define it first, call it after the test
      const t = this.temp();
      w.write(`((${t} = () => (`);
      this.expr(body);
      w.write(')), ');
      this.test(test);
      w.write(` ? ${t}() : (`);
      this.expr(orelse);
      w.write('))');
      return;
    }
    w.write('(');
    this.test(test);
    w.write(' ? (');
    this.expr(body);
    w.write(') : (');
    this.expr(orelse);
    w.write('))');
  }

  /** `function (a, b) {` after `$py.def("name", "a,b=", [defaults], `: Python argument binding lives in the runtime. */
  protected functionHead(name: string, params: Parameters): void {
    const w = this.w;
    w.write(`${RT}.def(${jsString(name)}, ${jsString(signature(params))}, [`);
    const defaults = [...params.args, ...params.kwonly].filter((p) => p.default);
    defaults.forEach((p, i) => {
      if (i) w.write(', ');
      this.expr(p.default!);
    });
    w.write(`], function (${parameterNames(params).map(jsName).join(', ')}) {`);
  }

  private lambda(node: Lambda): void {
    const w = this.w;
    const names = parameterNames(node.params);
    const simple = !node.params.vararg && !node.params.kwarg && !node.params.kwonly.length && node.params.args.every((p) => !p.default);
    const frame = new Frame('lambda', new Set(names), this.frame);
    if (simple) w.write(`((${names.map(jsName).join(', ')}) => {`);
    else {
      w.write('(');
      this.functionHead('<lambda>', node.params);
    }
    const decl = this.inFrame(frame, () => {
      w.write(' return (');
      this.expr(node.body);
      w.write(');');
    });
    w.write(`${decl} }${simple ? ')' : '))'}`);
  }

  /**
   * `[elt for x in it if c]` → `$py.listcomp((x) => elt, function* () { let x; for (x of $py.iter(it)) { if (!c) continue; yield [x]; } })`:
   * the element comes first so that every part stays on its line.
   */
  private comprehension(node: Comprehension): void {
    const w = this.w;
    const vars = new Set<string>();
    for (const g of node.generators) targetNames(g.target, vars);
    const params = [...vars].map(jsName).join(', ');
    w.write(`${RT}.${node.type === 'generator' ? 'genexp' : node.type + 'comp'}((${params}) => {`);
    const eltDecl = this.inFrame(new Frame('comprehension', vars, this.frame), () => {
      w.write(' return (');
      if (node.value) {
        w.write('[');
        this.expr(node.elt);
        w.write(', ');
        this.expr(node.value);
        w.write(']');
      } else {
        this.expr(node.elt);
      }
      w.write(');');
    });
    w.write(`${eltDecl} }, function* () {${vars.size ? ` let ${params};` : ''}`);
    const loopDecl = this.inFrame(new Frame('comprehension', vars, this.frame), () => {
      let closers = '';
      for (const g of node.generators) {
        w.write(' for (');
        const simpleTarget = g.target.kind === 'Name';
        const item = simpleTarget ? jsName((g.target as { id: string }).id) : this.temp();
        w.write(`${item} of ${RT}.iter(`);
        this.expr(g.iter);
        w.write(')) {');
        if (!simpleTarget) {
          w.write(' ');
          this.assignTo(g.target, () => w.write(item));
        }
        for (const cond of g.ifs) {
          w.write(' if (!');
          this.test(cond);
          w.write(') continue;');
        }
        closers += ' }';
      }
      w.write(` yield [${params}];${closers}`);
    });
    w.write(`${loopDecl} })`);
  }

  /** Statement(s) assigning the value `value` writes to a target (name, attribute, item, or unpacking). */
  protected assignTo(target: Expr, value: () => void): void {
    const w = this.w;
    switch (target.kind) {
      case 'Name':
        w.write(`${this.storeName(target.id)} = `);
        value();
        w.write(';');
        return;
      case 'Attribute':
        w.mark(target.attrLine, target.attrColumn);
        w.write(`${RT}.setattr(`);
        this.expr(target.value);
        w.write(`, ${jsString(target.attr)}, `);
        value();
        w.write(');');
        return;
      case 'Subscript':
        w.mark(target.bracketLine, target.bracketColumn);
        if (target.index.kind === 'Slice') {
          w.write(`${RT}.setslice(`);
          this.expr(target.value);
          this.sliceBounds(target.index);
        } else {
          w.write(`${RT}.setitem(`);
          this.expr(target.value);
          w.write(', ');
          this.expr(target.index);
        }
        w.write(', ');
        value();
        w.write(');');
        return;
      case 'Tuple':
      case 'List': {
        const star = target.elts.findIndex((e) => e.kind === 'Starred');
        if (target.elts.filter((e) => e.kind === 'Starred').length > 1) throw this.error('multiple starred expressions in assignment', target);
        const t = this.temp();
        w.mark(target.line, target.column);
        w.write(`${t} = ${RT}.unpack(`);
        value();
        w.write(`, ${target.elts.length}${star >= 0 ? `, ${star}` : ''});`);
        target.elts.forEach((e, i) => {
          w.write(' ');
          this.assignTo(e.kind === 'Starred' ? e.value : e, () => w.write(`${t}[${i}]`));
        });
        return;
      }
      case 'Starred':
        throw this.error('starred assignment target must be in a list or tuple', target);
      default:
        throw this.error('cannot assign to expression', target);
    }
  }

  private fstring(node: FString): void {
    const w = this.w;
    if (!node.parts.length) {
      w.write('""');
      return;
    }
    w.write('(');
    node.parts.forEach((part, i) => {
      if (i) w.write(' + ');
      if (typeof part === 'string') {
        w.write(jsString(part));
        return;
      }
      if (part.debugText !== null) w.write(`${jsString(part.debugText)} + `);
      w.write(`${RT}.format(`);
      this.expr(part.value);
      w.write(`, ${part.conversion ? jsString(part.conversion) : 'null'}, `);
      if (part.spec) this.fstring(part.spec);
      else w.write('""');
      w.write(')');
    });
    w.write(')');
  }
}

function literal(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return jsString(value);
  if (typeof value === 'number') {
    if (value === Infinity) return 'Infinity';
    return Object.is(value, -0) ? '-0' : String(value);
  }
  return String(value);
}

/** The parameter list for `$py.def`: `a,b=,*args,c,d=,**kw` (`=` marks a default, `*` alone starts keyword-only). */
function signature(params: Parameters): string {
  const parts = params.args.map((p) => p.name + (p.default ? '=' : ''));
  if (params.vararg) parts.push('*' + params.vararg);
  else if (params.kwonly.length) parts.push('*');
  parts.push(...params.kwonly.map((p) => p.name + (p.default ? '=' : '')));
  if (params.kwarg) parts.push('**' + params.kwarg);
  return parts.join(',');
}
