import type { Connection } from '../backend/connection';
import { EmptyResultSet, FullResultSet, NotImplementedError } from '../errors';
import { isResolvable, type Compilable, type Compiler, type Expression, type SqlResult } from '../expressions/core';
import type { Query } from './query';
import { Node, type Connector } from '../utils/tree';

/** A child of a WHERE tree: a lookup or other boolean expression, or a nested node. */
export type WhereChild = Expression | WhereNode | NothingNode;

interface LookupLike {
  lhs: unknown;
  rhs: unknown;
}

function hasLhs(x: unknown): x is LookupLike & Expression {
  return typeof x === 'object' && x !== null && 'lhs' in x && 'rhs' in x;
}

function resolveLeaf(x: unknown, query: Query, args: unknown[]): unknown {
  return isResolvable(x) ? (x.resolve_expression as (...a: unknown[]) => unknown).call(x, query, ...args) : x;
}

/**
 * The WHERE clause as a tree of lookups joined by AND/OR/XOR, compiling to
 * `[sql, params]`; raises EmptyResultSet/FullResultSet when a branch matches
 * nothing/everything so the compiler can drop or short-circuit it.
 */
export class WhereNode extends Node<WhereChild> implements Compilable {
  resolved = false;
  readonly conditional = true;

  get contains_aggregate(): boolean {
    return this.children.some((c) => (c as { contains_aggregate?: boolean }).contains_aggregate);
  }

  get contains_over_clause(): boolean {
    return this.children.some((c) => (c as { contains_over_clause?: boolean }).contains_over_clause);
  }

  get is_summary(): boolean {
    return this.children.some((c) => (c as { is_summary?: boolean }).is_summary);
  }

  /** Splits into the parts for WHERE, HAVING (aggregates) and QUALIFY (window functions). */
  split_having_qualify(negated = false, mustGroupBy = false): [WhereNode | null, WhereNode | null, WhereNode | null] {
    if (!this.contains_aggregate && !this.contains_over_clause) return [this, null, null];
    const inNegated = negated !== this.negated;
    const mustRemainConnected =
      (inNegated && this.connector === 'AND') || (!inNegated && this.connector === 'OR') || this.connector === 'XOR';
    if (mustRemainConnected && this.contains_aggregate && !this.contains_over_clause) return [null, this, null];
    const whereParts: WhereChild[] = [];
    const havingParts: WhereChild[] = [];
    const qualifyParts: WhereChild[] = [];
    for (const c of this.children) {
      if (c instanceof WhereNode) {
        const [w, h, q] = c.split_having_qualify(inNegated, mustGroupBy);
        if (w) whereParts.push(w);
        if (h) havingParts.push(h);
        if (q) qualifyParts.push(q);
      } else if ((c as Expression).contains_over_clause) qualifyParts.push(c);
      else if ((c as Expression).contains_aggregate) havingParts.push(c);
      else whereParts.push(c);
    }
    if (mustRemainConnected && qualifyParts.length) {
      if (!whereParts.length || !mustGroupBy) return [null, null, this];
      throw new NotImplementedError(
        'Heterogeneous disjunctive predicates against window functions are not implemented when performing conditional aggregation.',
      );
    }
    const make = (parts: WhereChild[]) => (parts.length ? this.create(parts, this.connector, this.negated) : null);
    return [make(whereParts), make(havingParts), make(qualifyParts)];
  }

  as_sql(compiler: Compiler, _connection?: Connection): SqlResult {
    const result: string[] = [];
    const params: unknown[] = [];
    let fullNeeded = this.connector === 'AND' ? this.children.length : 1;
    let emptyNeeded = this.connector === 'AND' ? 1 : this.children.length;
    if (this.connector === 'XOR') {
      // SQLite has no XOR: (a OR b) AND (a + b) % 2 = 1, as Django rewrites it.
      return this.xorAsSql(compiler);
    }
    for (const child of this.children) {
      try {
        const [sql, p] = compiler.compile(child as Compilable);
        if (sql) {
          result.push(sql);
          params.push(...p);
        } else fullNeeded--;
      } catch (e) {
        if (e instanceof EmptyResultSet) emptyNeeded--;
        else if (e instanceof FullResultSet) fullNeeded--;
        else throw e;
      }
      if (emptyNeeded === 0) throw this.negated ? new FullResultSet() : new EmptyResultSet();
      if (fullNeeded === 0) throw this.negated ? new EmptyResultSet() : new FullResultSet();
    }
    let sql = result.join(` ${this.connector} `);
    if (!sql) throw new FullResultSet();
    if (this.negated) sql = `NOT (${sql})`;
    else if (result.length > 1 || this.resolved) sql = `(${sql})`;
    return [sql, params];
  }

  private xorAsSql(compiler: Compiler): SqlResult {
    const parts = this.children.map((c) => compiler.compile(c as Compilable));
    const ors = parts.map(([s]) => s).join(' OR ');
    const sum = parts.map(([s]) => `CASE WHEN ${s} THEN 1 ELSE 0 END`).join(' + ');
    const rhs = this.children.length > 2 ? `MOD((${sum}), 2)` : `(${sum})`;
    const params = [...parts.flatMap(([, p]) => p), ...parts.flatMap(([, p]) => p)];
    const sql = `((${ors}) AND 1 = ${rhs})`;
    return [this.negated ? `NOT ${sql}` : sql, params];
  }

  /** Every lookup or expression of the tree, nested nodes flattened. */
  *leaves(): Generator<Expression | NothingNode> {
    for (const child of this.children) {
      if (child instanceof WhereNode) yield* child.leaves();
      else yield child;
    }
  }

  /** A copy with the expressions found in `replacements` swapped (window filters reference the qualify subquery's columns). */
  replace_expressions(replacements: Map<unknown, Expression>): WhereNode {
    if (!replacements.size) return this;
    const clone = this.create([], this.connector, this.negated);
    for (const child of this.children) {
      clone.children.push(child instanceof NothingNode ? child : child.replace_expressions(replacements));
    }
    return clone;
  }

  get_group_by_cols(): Expression[] {
    return this.children.flatMap((c) => (c as Expression).get_group_by_cols());
  }

  get_source_expressions(): WhereChild[] {
    return this.children.slice();
  }

  set_source_expressions(children: WhereChild[]): void {
    this.children = children;
  }

  relabel_aliases(changeMap: Map<string, string>): void {
    if (!changeMap.size) return;
    this.children = this.children.map((child) => {
      if (child instanceof WhereNode) {
        child.relabel_aliases(changeMap);
        return child;
      }
      return (child as Expression).relabeled_clone(changeMap);
    });
  }

  clone(): WhereNode {
    const clone = this.create([], this.connector, this.negated);
    clone.resolved = this.resolved;
    for (const child of this.children) clone.children.push(child instanceof WhereNode ? child.clone() : child);
    return clone;
  }

  relabeled_clone(changeMap: Map<string, string>): WhereNode {
    const clone = this.clone();
    clone.relabel_aliases(changeMap);
    return clone;
  }

  /** A WHERE used as an expression (a condition in When, a filter in an aggregate). */
  resolve_expression(query: Query, ...args: unknown[]): WhereNode {
    const clone = this.resolve_outer_refs(query, ...args);
    clone.resolved = true;
    return clone;
  }

  /** Resolves references to an outer query (OuterRef) when this WHERE belongs to a subquery. */
  resolve_outer_refs(query: Query, ...args: unknown[]): WhereNode {
    const clone = this.clone();
    clone.resolveChildren(query, args);
    return clone;
  }

  private resolveChildren(query: Query, args: unknown[]): void {
    this.children = this.children.map((child) => {
      if (child instanceof WhereNode) {
        child.resolveChildren(query, args);
        return child;
      }
      if (!hasLhs(child)) return child;
      const lhs = resolveLeaf(child.lhs, query, args);
      const rhs = resolveLeaf(child.rhs, query, args);
      if (lhs === child.lhs && rhs === child.rhs) return child;
      const copy = child.copy();
      copy.lhs = lhs;
      copy.rhs = rhs;
      return copy;
    });
  }

  get_refs(): Set<string> {
    const refs = new Set<string>();
    for (const c of this.children) for (const r of (c as Expression).get_refs()) refs.add(r);
    return refs;
  }

  *flatten(): Generator<unknown> {
    yield this;
    for (const c of this.children) {
      const f = (c as { flatten?: () => Iterable<unknown> }).flatten;
      if (f) yield* f.call(c);
      else yield c;
    }
  }

  get output_field(): never {
    throw new Error('WhereNode has no output_field');
  }

  static from(children: WhereChild[], connector: Connector = 'AND', negated = false): WhereNode {
    return new WhereNode(children, connector, negated);
  }
}

/** A condition that matches nothing (`.none()`). */
export class NothingNode implements Compilable {
  readonly contains_aggregate = false;
  readonly contains_over_clause = false;

  as_sql(): SqlResult {
    throw new EmptyResultSet();
  }

  get_group_by_cols(): Expression[] {
    return [];
  }

  get_refs(): Set<string> {
    return new Set();
  }

  relabeled_clone(): this {
    return this;
  }
}
