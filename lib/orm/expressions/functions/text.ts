/**
 * Text functions (django/db/models/functions/text.py) as SQLite runs them:
 * `Concat` becomes `||` with COALESCE, `Substr` is `SUBSTR`, `Ord` is `UNICODE`;
 * LPAD, RPAD, REPEAT, REVERSE and MD5 are the functions Django registers on SQLite.
 */
import type { Connection } from '../../backend/connection';
import { ValueError } from '../../errors';
import type { Field } from '../../fields/field';
import { CharField, IntegerField } from '../../fields/scalar';
import { Transform } from '../../lookups/lookup';
import { Coalesce } from '../comparison';
import { Func, isResolvable, splitOptions, Value, type Compiler, type Expression, type SqlResult } from '../core';

type Options = Record<string, unknown>;

/** The character with this code point: `Chr(65)` → `CHAR(65)` on SQLite. */
export class Chr extends Transform {
  static override function = 'CHR';
  static override lookup_name = 'chr';
  static override output_field: Field | null = new CharField();

  override as_sqlite(compiler: Compiler, connection: Connection, overrides: Options = {}): SqlResult {
    return this.as_sql(compiler, connection, { ...overrides, function: 'CHAR' });
  }
}

/**
 * Two arguments concatenated; on SQLite `(COALESCE(a, '') || COALESCE(b, ''))`,
 * so that a NULL side does not make the whole result NULL. Concat builds these.
 */
export class ConcatPair extends Func {
  static override function = 'CONCAT';

  override as_sqlite(compiler: Compiler, connection: Connection, overrides: Options = {}): SqlResult {
    return Func.prototype.as_sql.call(this.coalesce(), compiler, connection, { ...overrides, template: '(%(expressions)s)', arg_joiner: ' || ' });
  }

  /** A copy whose arguments are wrapped in `COALESCE(arg, '')`. */
  coalesce(): ConcatPair {
    const c = this.copy();
    c.set_source_expressions(c.get_source_expressions().map((e) => new Coalesce(e, new Value(''))));
    return c;
  }
}

/**
 * Text concatenation: `Concat('title', Value(' by '), 'author__username')` →
 * `COALESCE("blog_post"."title", '') || COALESCE(' by ', '') || ...` (nested pairs).
 * Mixing CharField and TextField needs `{ output_field: TextField() }`, as in Django.
 */
export class Concat extends Func {
  static override function = null;
  static override template = '%(expressions)s';

  constructor(...args: unknown[]) {
    const { expressions, options } = splitOptions(args);
    if (expressions.length < 2) throw new ValueError('Concat must take at least two expressions');
    super(Concat.paired(expressions, (options.output_field as Field | undefined) ?? null), options);
  }

  /** `[a, b, c]` → `ConcatPair(a, ConcatPair(b, c))` */
  private static paired(expressions: unknown[], output_field: Field | null): ConcatPair {
    if (expressions.length === 2) return new ConcatPair(...expressions, { output_field });
    return new ConcatPair(expressions[0], Concat.paired(expressions.slice(1), output_field), { output_field });
  }
}

/** The first `length` characters: `Left('title', 5)` → `SUBSTR("blog_post"."title", 1, 5)` on SQLite. */
export class Left extends Func {
  static override function = 'LEFT';
  static override arity: number | null = 2;
  static override output_field: Field | null = new CharField();

  constructor(expression: unknown, length: unknown, options: Options = {}) {
    if (!isResolvable(length) && (length as number) < 1) throw new ValueError("'length' must be greater than 0.");
    super(expression, length, options);
  }

  get_substr(): Substr {
    const [expression, length] = this.source_expressions;
    return new Substr(expression, new Value(1), length);
  }

  override as_sqlite(compiler: Compiler, connection: Connection, overrides: Options = {}): SqlResult {
    return this.get_substr().as_sqlite(compiler, connection, overrides);
  }
}

/** The last `length` characters: `Right('title', 5)` → `SUBSTR("blog_post"."title", (5 * -1), 5)`. */
export class Right extends Left {
  static override function = 'RIGHT';

  override get_substr(): Substr {
    const [expression, length] = this.source_expressions as Expression[];
    return new Substr(expression, length.mul(new Value(-1)), length);
  }
}

/** The number of characters: `Length('title')` → `LENGTH("blog_post"."title")`, an integer. */
export class Length extends Transform {
  static override function = 'LENGTH';
  static override lookup_name = 'length';
  static override output_field: Field | null = new IntegerField();
}

/** `Lower('title')` → `LOWER("blog_post"."title")` */
export class Lower extends Transform {
  static override function = 'LOWER';
  static override lookup_name = 'lower';
}

/** `Upper('title')` → `UPPER("blog_post"."title")` */
export class Upper extends Transform {
  static override function = 'UPPER';
  static override lookup_name = 'upper';
}

/** Pads on the left to `length`: `LPad('title', 10, Value('*'))` → `LPAD("blog_post"."title", 10, '*')`. */
export class LPad extends Func {
  static override function = 'LPAD';
  static override output_field: Field | null = new CharField();

  constructor(expression: unknown, length: unknown, ...rest: unknown[]) {
    const { expressions, options } = splitOptions(rest);
    const [fillText = new Value(' ')] = expressions;
    if (!isResolvable(length) && length !== null && (length as number) < 0) {
      throw new ValueError("'length' must be greater or equal to 0.");
    }
    super(expression, length, fillText, options);
  }
}

/** Pads on the right: `RPad('title', 10)` → `RPAD("blog_post"."title", 10, ' ')`. */
export class RPad extends LPad {
  static override function = 'RPAD';
}

/** `LTrim('title')` → `LTRIM("blog_post"."title")` */
export class LTrim extends Transform {
  static override function = 'LTRIM';
  static override lookup_name = 'ltrim';
}

/** `RTrim('title')` → `RTRIM("blog_post"."title")` */
export class RTrim extends Transform {
  static override function = 'RTRIM';
  static override lookup_name = 'rtrim';
}

/** `Trim('title')` → `TRIM("blog_post"."title")` */
export class Trim extends Transform {
  static override function = 'TRIM';
  static override lookup_name = 'trim';
}

/** The hex MD5 of the text: `MD5('title')` → `MD5("blog_post"."title")`. */
export class MD5 extends Transform {
  static override function = 'MD5';
  static override lookup_name = 'md5';
}

/** The code point of the first character: `Ord('title')` → `UNICODE("blog_post"."title")` on SQLite. */
export class Ord extends Transform {
  static override function = 'ASCII';
  static override lookup_name = 'ord';
  static override output_field: Field | null = new IntegerField();

  override as_sqlite(compiler: Compiler, connection: Connection, overrides: Options = {}): SqlResult {
    return this.as_sql(compiler, connection, { ...overrides, function: 'UNICODE' });
  }
}

/** The text repeated: `Repeat('slug', 2)` → `REPEAT("blog_post"."slug", 2)`. */
export class Repeat extends Func {
  static override function = 'REPEAT';
  static override output_field: Field | null = new CharField();

  constructor(expression: unknown, number: unknown, options: Options = {}) {
    if (!isResolvable(number) && number !== null && (number as number) < 0) {
      throw new ValueError("'number' must be greater or equal to 0.");
    }
    super(expression, number, options);
  }
}

/** `Replace('title', Value('ORM'), Value('orm'))` → `REPLACE("blog_post"."title", 'ORM', 'orm')`; the replacement defaults to ''. */
export class Replace extends Func {
  static override function = 'REPLACE';

  constructor(expression: unknown, text: unknown, ...rest: unknown[]) {
    const { expressions, options } = splitOptions(rest);
    const [replacement = new Value('')] = expressions;
    super(expression, text, replacement, options);
  }
}

/** `Reverse('title')` → `REVERSE("blog_post"."title")` */
export class Reverse extends Transform {
  static override function = 'REVERSE';
  static override lookup_name = 'reverse';
}

/** The 1-based position of a substring, 0 if absent: `StrIndex('title', Value('ORM'))` → `INSTR(...)`. */
export class StrIndex extends Func {
  static override function = 'INSTR';
  static override arity: number | null = 2;
  static override output_field: Field | null = new IntegerField();
}

/** A substring from a 1-based position: `Substr('title', 1, 5)` → `SUBSTR("blog_post"."title", 1, 5)` on SQLite. */
export class Substr extends Func {
  static override function = 'SUBSTRING';
  static override output_field: Field | null = new CharField();

  constructor(expression: unknown, pos: unknown, ...rest: unknown[]) {
    const { expressions, options } = splitOptions(rest);
    const [length = null] = expressions;
    if (!isResolvable(pos) && (pos as number) < 1) throw new ValueError("'pos' must be greater than 0");
    super(...(length === null ? [expression, pos] : [expression, pos, length]), options);
  }

  override as_sqlite(compiler: Compiler, connection: Connection, overrides: Options = {}): SqlResult {
    return this.as_sql(compiler, connection, { ...overrides, function: 'SUBSTR' });
  }
}
