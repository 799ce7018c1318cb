/**
 * Math functions (django/db/models/functions/math.py). SQLite 3.35+ has most
 * natively; SIGN, COT and RAND are the functions Django registers on SQLite.
 * Those marked "float" return a FloatField for integer input (NumericOutputFieldMixin):
 * `Sqrt('view_count')` reads back 12.24..., not 12.
 */
import type { Connection } from '../../backend/connection';
import { ValueError } from '../../errors';
import type { Field } from '../../fields/field';
import { Transform } from '../../lookups/lookup';
import { Func, splitOptions, Value, type Compiler, type Expression, type SqlResult } from '../core';
import { numericOutputField } from './mixins';

type Options = Record<string, unknown>;

/** A transform whose output is a float for integer input. */
abstract class NumericTransform extends Transform {
  override _resolve_output_field(): Field | null {
    return numericOutputField(this, () => super._resolve_output_field());
  }
}

/** A function whose output is a float for integer input. */
abstract class NumericFunc extends Func {
  override _resolve_output_field(): Field | null {
    return numericOutputField(this, () => super._resolve_output_field());
  }
}

/** `Abs('view_count')` → `ABS("blog_post"."view_count")`, same type as its input. */
export class Abs extends Transform {
  static override function = 'ABS';
  static override lookup_name = 'abs';
}

/** `ACos(...)` → `ACOS(...)`, float. */
export class ACos extends NumericTransform {
  static override function = 'ACOS';
  static override lookup_name = 'acos';
}

/** `ASin(...)` → `ASIN(...)`, float. */
export class ASin extends NumericTransform {
  static override function = 'ASIN';
  static override lookup_name = 'asin';
}

/** `ATan(...)` → `ATAN(...)`, float. */
export class ATan extends NumericTransform {
  static override function = 'ATAN';
  static override lookup_name = 'atan';
}

/** `ATan2('y', 'x')` → `ATAN2("y", "x")`, float. */
export class ATan2 extends NumericFunc {
  static override function = 'ATAN2';
  static override arity: number | null = 2;

  override as_sqlite(compiler: Compiler, connection: Connection): SqlResult {
    return this.as_sql(compiler, connection);
  }
}

/** `Ceil('rating')` → `CEILING("blog_comment"."rating")`, same type as its input. */
export class Ceil extends Transform {
  static override function = 'CEILING';
  static override lookup_name = 'ceil';
}

/** `Cos(...)` → `COS(...)`, float. */
export class Cos extends NumericTransform {
  static override function = 'COS';
  static override lookup_name = 'cos';
}

/** `Cot(...)` → `COT(...)`, float (a function Django registers on SQLite). */
export class Cot extends NumericTransform {
  static override function = 'COT';
  static override lookup_name = 'cot';
}

/** `Degrees(...)` → `DEGREES(...)`, float. */
export class Degrees extends NumericTransform {
  static override function = 'DEGREES';
  static override lookup_name = 'degrees';
}

/** `Exp(...)` → `EXP(...)`, float. */
export class Exp extends NumericTransform {
  static override function = 'EXP';
  static override lookup_name = 'exp';
}

/** `Floor(...)` → `FLOOR(...)`, same type as its input. */
export class Floor extends Transform {
  static override function = 'FLOOR';
  static override lookup_name = 'floor';
}

/** Natural logarithm: `Ln(...)` → `LN(...)`, float. */
export class Ln extends NumericTransform {
  static override function = 'LN';
  static override lookup_name = 'ln';
}

/** Logarithm of the second argument to the base of the first: `Log(2, 'view_count')` → `LOG(2, ...)`, float. */
export class Log extends NumericFunc {
  static override function = 'LOG';
  static override arity: number | null = 2;

  override as_sqlite(compiler: Compiler, connection: Connection): SqlResult {
    return this.as_sql(compiler, connection);
  }
}

/** Remainder: `Mod('view_count', 7)` → `MOD("blog_post"."view_count", 7)`, float. */
export class Mod extends NumericFunc {
  static override function = 'MOD';
  static override arity: number | null = 2;
}

/** `Pi()` → `PI()`, float. */
export class Pi extends NumericFunc {
  static override function = 'PI';
  static override arity: number | null = 0;
}

/** `Power('view_count', 2)` → `POWER("blog_post"."view_count", 2)`, float. */
export class Power extends NumericFunc {
  static override function = 'POWER';
  static override arity: number | null = 2;
}

/** `Radians(...)` → `RADIANS(...)`, float. */
export class Radians extends NumericTransform {
  static override function = 'RADIANS';
  static override lookup_name = 'radians';
}

/** A random float in [0, 1): `Random()` → `RAND()` on SQLite (Django registers RAND); `order_by('?')` uses it. */
export class Random extends NumericFunc {
  static override function = 'RANDOM';
  static override arity: number | null = 0;

  override as_sqlite(compiler: Compiler, connection: Connection, overrides: Options = {}): SqlResult {
    return this.as_sql(compiler, connection, { ...overrides, function: 'RAND' });
  }

  override get_group_by_cols(): Expression[] {
    return [];
  }
}

/**
 * Rounds to `precision` decimal places (default 0), keeping its input's type:
 * `Round('rating', 1)` → `ROUND("blog_comment"."rating", 1)`. SQLite rejects a negative precision.
 */
export class Round extends Transform {
  static override function = 'ROUND';
  static override lookup_name = 'round';
  static override arity: number | null = null;

  constructor(expression: unknown, ...rest: unknown[]) {
    const { expressions, options } = splitOptions(rest);
    const [precision = 0] = expressions;
    super(expression, precision, options);
  }

  override as_sqlite(compiler: Compiler, connection: Connection, overrides: Options = {}): SqlResult {
    const precision = this.get_source_expressions()[1];
    if (precision instanceof Value && (precision.value as number) < 0) throw new ValueError('SQLite does not support negative precision.');
    return super.as_sqlite(compiler, connection, overrides);
  }

  override _resolve_output_field(): Field {
    return this.get_source_expressions()[0]!.output_field;
  }
}

/** -1, 0 or 1: `Sign('view_count')` → `SIGN("blog_post"."view_count")` (a function Django registers on SQLite). */
export class Sign extends Transform {
  static override function = 'SIGN';
  static override lookup_name = 'sign';
}

/** `Sin(...)` → `SIN(...)`, float. */
export class Sin extends NumericTransform {
  static override function = 'SIN';
  static override lookup_name = 'sin';
}

/** `Sqrt('view_count')` → `SQRT("blog_post"."view_count")`, float. */
export class Sqrt extends NumericTransform {
  static override function = 'SQRT';
  static override lookup_name = 'sqrt';
}

/** `Tan(...)` → `TAN(...)`, float. */
export class Tan extends NumericTransform {
  static override function = 'TAN';
  static override lookup_name = 'tan';
}
