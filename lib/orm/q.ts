import type { Query } from './sql/query';
import type { WhereNode } from './sql/where';
import { PyTypeError } from './errors';
import { Node, type Connector } from './utils/tree';
import { pyRepr } from './utils/pyformat';

/** A keyword filter `['author__username', 'alice']`, or a conditional expression, or a nested Q. */
export type QChild = [string, unknown] | Q | { conditional: boolean; resolve_expression: unknown };

/** Keyword filters in Django's order: sorted by name, as `Q(**kwargs)` sorts them. */
export function sortedKwargs(kwargs: Record<string, unknown>): [string, unknown][] {
  return Object.keys(kwargs)
    .sort()
    .map((k) => [k, kwargs[k]] as [string, unknown]);
}

/**
 * Encapsulates filters that can be combined with `.and()`, `.or()`, `.xor()`
 * and negated with `.not()` (Python's `&`, `|`, `^`, `~`).
 *
 * @example
 * Post.objects.filter(Q({ published: true }).or(Q({ view_count__gt: 100 })))
 * // WHERE ("blog_post"."published" OR "blog_post"."view_count" > 100)
 */
export class Q extends Node<QChild> {
  readonly conditional = true;

  constructor(...args: (Q | Record<string, unknown> | QChild)[]) {
    const children: QChild[] = [];
    for (const arg of args) {
      if (isPlainObject(arg)) children.push(...sortedKwargs(arg));
      else children.push(arg as QChild);
    }
    super(children, 'AND', false);
  }

  private combine(other: unknown, conn: Connector): Q {
    if (!isConditional(other)) throw new PyTypeError(pyRepr(other));
    if (!this.children.length) return other instanceof Q ? other.copy() : new Q(other as QChild);
    if (other instanceof Q && !other.children.length) return this.copy();
    const obj = this.create([], conn);
    obj.add(this, conn);
    obj.add(other as QChild, conn);
    return obj;
  }

  and(other: unknown): Q {
    return this.combine(other, 'AND');
  }

  or(other: unknown): Q {
    return this.combine(other, 'OR');
  }

  xor(other: unknown): Q {
    return this.combine(other, 'XOR');
  }

  not(): Q {
    const obj = this.copy();
    obj.negate();
    return obj;
  }

  resolve_expression(query: Query, _allowJoins = true, reuse: Set<string> | null = null, summarize = false): WhereNode {
    const [clause, joins] = query._add_q(this, reuse, { allow_joins: _allowJoins, split_subq: false, check_filterable: false, summarize });
    query.promote_joins(joins);
    return clause;
  }

  /** Every lookup name this Q refers to (for checks such as must_use in lessons). */
  *flatten(): Generator<unknown> {
    yield this;
    for (const child of this.children) {
      if (child instanceof Q) yield* child.flatten();
      else yield child;
    }
  }

  override toString(): string {
    const parts = this.children.map((c) => (Array.isArray(c) ? `(${pyRepr(c[0])}, ${pyRepr(c[1])})` : String(c)));
    const body = `${this.connector}: ${parts.join(', ')}`;
    return this.negated ? `(NOT (${body}))` : `(${body})`;
  }

  __repr__(): string {
    return `<Q: ${this.toString()}>`;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function isConditional(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { conditional?: boolean }).conditional === true;
}
