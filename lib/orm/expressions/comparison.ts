/** Comparison functions (django/db/models/functions/comparison.py); Cast is in functions/cast.ts. */
import type { Connection } from '../backend/connection';
import { ValueError } from '../errors';
import { Func, splitOptions, type Compiler, type SqlResult } from './core';

/** The first non-null argument: `Coalesce('view_count', Value(0))` → `COALESCE("blog_post"."view_count", 0)`. */
export class Coalesce extends Func {
  static override function = 'COALESCE';

  constructor(...args: unknown[]) {
    const { expressions } = splitOptions(args);
    if (expressions.length < 2) throw new ValueError('Coalesce must take at least two expressions');
    super(...args);
  }

  override get empty_result_set_value(): unknown {
    for (const e of this.get_source_expressions()) {
      const v = e?.empty_result_set_value;
      if (v !== null && v !== undefined) return v;
    }
    return null;
  }
}

/**
 * The largest argument: `Greatest('view_count', 'author__follower_count')` →
 * `MAX("blog_post"."view_count", "blog_author"."follower_count")` on SQLite,
 * which returns NULL if any argument is NULL (PostgreSQL would skip NULLs).
 */
export class Greatest extends Func {
  static override function = 'GREATEST';

  constructor(...args: unknown[]) {
    if (splitOptions(args).expressions.length < 2) throw new ValueError('Greatest must take at least two expressions');
    super(...args);
  }

  override as_sqlite(compiler: Compiler, connection: Connection, overrides: Record<string, unknown> = {}): SqlResult {
    return super.as_sqlite(compiler, connection, { ...overrides, function: 'MAX' });
  }
}

/** The smallest argument: `Least('a', 'b')` → `MIN("a", "b")` on SQLite (NULL if any argument is NULL). */
export class Least extends Func {
  static override function = 'LEAST';

  constructor(...args: unknown[]) {
    if (splitOptions(args).expressions.length < 2) throw new ValueError('Least must take at least two expressions');
    super(...args);
  }

  override as_sqlite(compiler: Compiler, connection: Connection, overrides: Record<string, unknown> = {}): SqlResult {
    return super.as_sqlite(compiler, connection, { ...overrides, function: 'MIN' });
  }
}

/** NULL when both arguments are equal, else the first: `NullIf('view_count', Value(0))` → `NULLIF(..., 0)`. */
export class NullIf extends Func {
  static override function = 'NULLIF';
  static override arity: number | null = 2;
}
