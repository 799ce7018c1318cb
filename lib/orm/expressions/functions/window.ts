/**
 * Window functions (django/db/models/functions/window.py), used inside
 * `Window({ expression: Rank(), order_by: F('view_count').desc() })`.
 */
import { ValueError } from '../../errors';
import type { Field } from '../../fields/field';
import { FloatField, IntegerField } from '../../fields/scalar';
import { Func, splitOptions } from '../core';

type Options = Record<string, unknown>;

/** A function that only makes sense with an OVER clause. */
abstract class WindowFunc extends Func {
  override window_compatible = true;
}

/** Relative rank in [0, 1]: `CUME_DIST()`, a float. */
export class CumeDist extends WindowFunc {
  static override function = 'CUME_DIST';
  static override output_field: Field | null = new FloatField();
}

/** Rank without gaps: `DENSE_RANK()` (1, 1, 2). */
export class DenseRank extends WindowFunc {
  static override function = 'DENSE_RANK';
  static override output_field: Field | null = new IntegerField();
}

/** The value at the frame's first row: `FirstValue('title')` → `FIRST_VALUE("blog_post"."title")`. */
export class FirstValue extends WindowFunc {
  static override function = 'FIRST_VALUE';
  static override arity: number | null = 1;
}

/** The value at the frame's last row (mind the default frame, which ends at the current row). */
export class LastValue extends WindowFunc {
  static override function = 'LAST_VALUE';
  static override arity: number | null = 1;
}

/** Lag and Lead: `(expression, offset = 1, default = null)`, positionally or as `{ offset, default }`. */
abstract class LagLeadFunction extends WindowFunc {
  constructor(expression: unknown, ...rest: unknown[]) {
    const { expressions, options } = splitOptions(rest);
    const { offset: offsetOption, default: defaultOption, ...extra } = options as Options & { offset?: number; default?: unknown };
    const [offset = offsetOption ?? 1, dflt = defaultOption ?? null] = expressions as [number?, unknown?];
    const name = new.target.name;
    if (expression === null || expression === undefined) throw new ValueError(`${name} requires a non-null source expression.`);
    if (offset === null || offset <= 0) throw new ValueError(`${name} requires a positive integer for the offset.`);
    super(...(dflt === null ? [expression, offset] : [expression, offset, dflt]), extra);
  }

  override _resolve_output_field(): Field {
    return this.get_source_expressions()[0]!.output_field;
  }
}

/** The value `offset` rows before: `Lag('view_count')` → `LAG("blog_post"."view_count", 1)`. */
export class Lag extends LagLeadFunction {
  static override function = 'LAG';
}

/** The value `offset` rows after: `Lead('view_count', 2)` → `LEAD("blog_post"."view_count", 2)`. */
export class Lead extends LagLeadFunction {
  static override function = 'LEAD';
}

/** The value at the frame's nth row: `NthValue('title', 2)` → `NTH_VALUE("blog_post"."title", 2)`. */
export class NthValue extends WindowFunc {
  static override function = 'NTH_VALUE';

  constructor(expression: unknown, ...rest: unknown[]) {
    const { expressions, options } = splitOptions(rest);
    const { nth: nthOption, ...extra } = options as Options & { nth?: number };
    const [nth = nthOption ?? 1] = expressions as [number?];
    const name = new.target.name;
    if (expression === null || expression === undefined) throw new ValueError(`${name} requires a non-null source expression.`);
    if (nth === null || nth <= 0) throw new ValueError(`${name} requires a positive integer as for nth.`);
    super(expression, nth, extra);
  }

  override _resolve_output_field(): Field {
    return this.get_source_expressions()[0]!.output_field;
  }
}

/** Splits the partition into `num_buckets` groups: `Ntile(4)` → `NTILE(4)`. */
export class Ntile extends WindowFunc {
  static override function = 'NTILE';

  constructor(...args: unknown[]) {
    const { expressions, options } = splitOptions(args);
    const { num_buckets: bucketsOption, ...extra } = options as Options & { num_buckets?: number };
    const [numBuckets = bucketsOption ?? 1] = expressions as [number?];
    if (numBuckets <= 0) throw new ValueError('num_buckets must be greater than 0.');
    super(numBuckets, extra);
  }
  static override output_field: Field | null = new IntegerField();
}

/** `(rank - 1) / (rows - 1)`: `PERCENT_RANK()`, a float. */
export class PercentRank extends WindowFunc {
  static override function = 'PERCENT_RANK';
  static override output_field: Field | null = new FloatField();
}

/** Rank with gaps: `RANK()` (1, 1, 3). */
export class Rank extends WindowFunc {
  static override function = 'RANK';
  static override output_field: Field | null = new IntegerField();
}

/** The row's position in its partition: `ROW_NUMBER()`. */
export class RowNumber extends WindowFunc {
  static override function = 'ROW_NUMBER';
  static override output_field: Field | null = new IntegerField();
}
