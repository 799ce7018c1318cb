import { parse, type Node } from 'acorn';

/** The name under which instrumented code finds `learnerLine` (one property write per statement). */
export const LINE_MARKER = '__orm_lab_line';

/** The learner's line that is running now; 0 outside learner code. One run at a time per realm. */
export const learnerLine = { line: 0 };

/** The learner's line that is running now, or null outside learner code. */
export function currentLearnerLine(): number | null {
  return learnerLine.line || null;
}

interface AnyNode extends Node {
  [key: string]: unknown;
}

type Insertion = [position: number, text: string];

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) out.push(v);
    } else if (isNode(value) && key !== 'loc') {
      out.push(value);
    }
  }
  return out;
}

const STATEMENT_LISTS: Record<string, string> = {
  Program: 'body',
  BlockStatement: 'body',
  StaticBlock: 'body',
  SwitchCase: 'consequent',
};

/** Bodies that may be a single statement rather than a block (`if (x) y;`). */
const SINGLE_STATEMENT_SLOTS: Record<string, string[]> = {
  IfStatement: ['consequent', 'alternate'],
  ForStatement: ['body'],
  ForInStatement: ['body'],
  ForOfStatement: ['body'],
  WhileStatement: ['body'],
  DoWhileStatement: ['body'],
  WithStatement: ['body'],
};

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

export interface MarkedCode {
  code: string;
  /** The column in the code before instrumenting, for a 1-based column on `line` of the instrumented code. */
  originalColumn(line: number, column: number): number;
}

export class MarkerSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/**
 * Instruments JavaScript so that it records the line it is running: each
 * statement starts with `__orm_lab_line.line = N;`, and each function restores
 * its caller's line when it returns. The statement log reads the line from there
 * instead of capturing a stack trace per statement (which cost more than a
 * point query). Nothing moves to another line; columns are mapped back.
 * `sourceLine` maps a line of `js` to the learner's line when `js` was
 * translated from another source (Python mode).
 */
export function addLineMarkers(js: string, sourceLine: (line: number, column: number) => number = (line) => line): MarkedCode {
  let ast: AnyNode;
  try {
    ast = parse(js, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowReturnOutsideFunction: true,
      allowHashBang: true,
      locations: true,
    }) as unknown as AnyNode;
  } catch (e) {
    const err = e as SyntaxError & { loc?: { line: number; column: number } };
    throw new MarkerSyntaxError(err.message.replace(/\s*\(\d+:\d+\)$/, ''), err.loc?.line ?? 1, (err.loc?.column ?? 0) + 1);
  }
  const insertions: Insertion[] = [];
  const mark = (stmt: AnyNode) => `${LINE_MARKER}.line=${sourceLine(stmt.loc!.start.line, stmt.loc!.start.column + 1)};`;

  const visit = (node: AnyNode): void => {
    const listKey = STATEMENT_LISTS[node.type];
    if (listKey) {
      for (const stmt of node[listKey] as AnyNode[]) {
        if (stmt.type !== 'FunctionDeclaration' && stmt.type !== 'EmptyStatement' && !stmt.directive) insertions.push([stmt.start, mark(stmt)]);
      }
    }
    for (const slot of SINGLE_STATEMENT_SLOTS[node.type] ?? []) {
      const body = node[slot];
      if (isNode(body) && body.type !== 'BlockStatement' && body.type !== 'EmptyStatement') {
        insertions.push([body.start, `{${mark(body)}`], [body.end, '}']);
      }
    }
    if (FUNCTIONS.has(node.type) && isNode(node.body) && node.body.type === 'BlockStatement') {
      const body = node.body;
      // After any "use strict" prologue, which must stay first to count.
      const directives = (body.body as AnyNode[]).filter((s) => s.directive);
      const start = directives.length ? directives[directives.length - 1].end : body.start + 1;
      insertions.push([start, `const __caller_line=${LINE_MARKER}.line;try{`], [body.end - 1, `}finally{${LINE_MARKER}.line=__caller_line}`]);
    }
    for (const child of children(node)) visit(child);
  };
  visit(ast);

  // Apply from the end so earlier positions stay valid; at one position, keep the visit order.
  const ordered = insertions.map((ins, i) => [ins, i] as const).sort((a, b) => b[0][0] - a[0][0] || b[1] - a[1]);
  let out = js;
  for (const [[position, text]] of ordered) out = out.slice(0, position) + text + out.slice(position);
  return { code: out, originalColumn: columnMapper(js, insertions) };
}

/** Maps columns of instrumented lines back to the original line, using where text was inserted. */
function columnMapper(js: string, insertions: Insertion[]): (line: number, column: number) => number {
  const lineStarts = [0];
  for (let i = 0; i < js.length; i++) if (js.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const byLine = new Map<number, [number, number][]>();
  for (const [position, text] of insertions) {
    let line = lineStarts.length - 1;
    while (lineStarts[line] > position) line--;
    const list = byLine.get(line + 1) ?? [];
    list.push([position - lineStarts[line], text.length]);
    byLine.set(line + 1, list);
  }
  for (const list of byLine.values()) list.sort((a, b) => a[0] - b[0]);
  return (line, column) => {
    let offset = 0;
    const generated = column - 1;
    for (const [col, length] of byLine.get(line) ?? []) {
      if (generated < col + offset) break;
      if (generated < col + offset + length) return col + 1;
      offset += length;
    }
    return generated - offset + 1;
  };
}
