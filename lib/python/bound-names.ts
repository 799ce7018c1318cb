import type { Expr, Parameters, Stmt } from './ast';

/** The names a block of statements binds (Python's local variables), and those it declares global. */
export interface BlockNames {
  bound: Set<string>;
  globals: Set<string>;
  nonlocals: Set<string>;
}

/** Names bound by an assignment target (`a`, `a, (b, *c)`); attributes and subscripts bind nothing. */
export function targetNames(target: Expr, out: Set<string> = new Set()): Set<string> {
  switch (target.kind) {
    case 'Name':
      out.add(target.id);
      break;
    case 'Tuple':
    case 'List':
      for (const e of target.elts) targetNames(e, out);
      break;
    case 'Starred':
      targetNames(target.value, out);
      break;
  }
  return out;
}

export function parameterNames(params: Parameters): string[] {
  const names = params.args.map((p) => p.name);
  if (params.vararg) names.push(params.vararg);
  names.push(...params.kwonly.map((p) => p.name));
  if (params.kwarg) names.push(params.kwarg);
  return names;
}

/**
 * Walks a function (or module, or class) body without entering nested
 * functions and classes, collecting what it binds.
 */
export function blockNames(body: Stmt[]): BlockNames {
  const names: BlockNames = { bound: new Set(), globals: new Set(), nonlocals: new Set() };
  for (const s of body) visit(s, names);
  for (const g of names.globals) names.bound.delete(g);
  for (const n of names.nonlocals) names.bound.delete(n);
  return names;
}

/** Every name some function declares `global` (the module must declare it). */
export function declaredGlobals(body: Stmt[], out: Set<string> = new Set()): Set<string> {
  for (const s of body) {
    if (s.kind === 'Global' && !s.nonlocal) s.names.forEach((n) => out.add(n));
    for (const child of childBlocks(s)) declaredGlobals(child, out);
  }
  return out;
}

function childBlocks(s: Stmt): Stmt[][] {
  switch (s.kind) {
    case 'If':
      return [s.body, ...s.elifs.map((e) => e.body), ...(s.orelse ? [s.orelse.body] : [])];
    case 'While':
    case 'For':
      return [s.body, ...(s.orelse ? [s.orelse.body] : [])];
    case 'Try':
      return [s.body, ...s.handlers.map((h) => h.body), ...(s.orelse ? [s.orelse.body] : []), ...(s.finalbody ? [s.finalbody.body] : [])];
    case 'With':
    case 'FunctionDef':
    case 'ClassDef':
      return [s.body];
    default:
      return [];
  }
}

function visit(s: Stmt, names: BlockNames): void {
  const bind = (t: Expr) => targetNames(t, names.bound);
  switch (s.kind) {
    case 'Assign':
      s.targets.forEach(bind);
      break;
    case 'AugAssign':
    case 'AnnAssign':
      bind(s.target);
      break;
    case 'For':
      bind(s.target);
      break;
    case 'With':
      for (const item of s.items) if (item.target) bind(item.target);
      break;
    case 'Try':
      for (const h of s.handlers) if (h.name) names.bound.add(h.name);
      break;
    case 'Del':
      s.targets.forEach(bind);
      break;
    case 'Import':
      for (const n of s.names) names.bound.add(n.asname ?? n.name.split('.')[0]);
      break;
    case 'ImportFrom':
      for (const n of s.names ?? []) names.bound.add(n.asname ?? n.name);
      break;
    case 'FunctionDef':
    case 'ClassDef':
      names.bound.add(s.name);
      return;
    case 'Global':
      for (const n of s.names) (s.nonlocal ? names.nonlocals : names.globals).add(n);
      break;
  }
  for (const child of childBlocks(s)) for (const c of child) visit(c, names);
}
