import type { Connection } from '../backend/connection';
import {
  dateExtractSql,
  dateTruncSql,
  datetimeCastDateSql,
  datetimeCastTimeSql,
  datetimeExtractSql,
  datetimeTruncSql,
  timeExtractSql,
} from '../backend/operations';
import { PyTypeError, ValueError } from '../errors';
import type { Field } from '../fields/field';
import { DateField, DateTimeField, TimeField } from '../fields/scalar';
import { outputField } from '../fields/registry';
import { builtinLookups } from '../lookups/builtin';
import { Lookup, Transform } from '../lookups/lookup';
import { registerLookup } from '../lookups/registry';
import type { Query } from '../sql/query';
import { parseDatetime, PyDate } from '../utils/datetime';
import { Func, splitOptions, type Compiler, type Expression, type SqlResult } from './core';

/** With USE_TZ and TIME_ZONE='UTC', every conversion runs in UTC. */
const TZNAME = 'UTC';

/**
 * Extract a component of a date/time: `ExtractYear('created_at')`, or the
 * transform behind `created_at__year`. SQLite runs Django's django_datetime_extract().
 */
export class Extract extends Transform {
  static override lookup_name = '';
  kind: string;

  constructor(expression: unknown, ...rest: unknown[]) {
    const { expressions, options } = splitOptions([expression, ...rest]);
    const [expr, lookupName] = expressions;
    super(expr, { ...options, output_field: outputField('IntegerField') });
    const name = (this.constructor as typeof Extract).lookup_name || (lookupName as string | undefined);
    if (!name) throw new ValueError('lookup_name must be provided');
    this.kind = name;
  }

  override as_sql(compiler: Compiler): SqlResult {
    const [sql, params] = compiler.compile(this.lhs);
    const field = this.lhs.output_field;
    if (field instanceof DateTimeField) return datetimeExtractSql(this.kind, sql, params as never, TZNAME);
    if (field instanceof DateField) return dateExtractSql(this.kind, sql, params as never);
    if (field instanceof TimeField) return timeExtractSql(this.kind, sql, params as never);
    throw new ValueError('Extract input expression must be DateField, DateTimeField, TimeField, or DurationField.');
  }

  override resolve_expression(query?: Query, allow_joins = true, reuse: Set<string> | null = null, summarize = false, for_save = false): Expression {
    const copy = super.resolve_expression(query, allow_joins, reuse, summarize, for_save) as Extract;
    const field = copy.lhs._output_field_or_none;
    if (!field) return copy;
    if (!(field instanceof DateField || field instanceof DateTimeField || field instanceof TimeField)) {
      throw new ValueError('Extract input expression must be DateField, DateTimeField, TimeField, or DurationField.');
    }
    if (field instanceof DateField && ['hour', 'minute', 'second'].includes(copy.kind)) {
      throw new ValueError(`Cannot extract time component '${copy.kind}' from DateField '${field.name}'.`);
    }
    return copy;
  }
}

export class ExtractYear extends Extract {
  static override lookup_name = 'year';
}
export class ExtractIsoYear extends Extract {
  static override lookup_name = 'iso_year';
}
export class ExtractMonth extends Extract {
  static override lookup_name = 'month';
}
export class ExtractDay extends Extract {
  static override lookup_name = 'day';
}
export class ExtractWeek extends Extract {
  static override lookup_name = 'week';
}
export class ExtractWeekDay extends Extract {
  static override lookup_name = 'week_day';
}
export class ExtractIsoWeekDay extends Extract {
  static override lookup_name = 'iso_week_day';
}
export class ExtractQuarter extends Extract {
  static override lookup_name = 'quarter';
}
export class ExtractHour extends Extract {
  static override lookup_name = 'hour';
}
export class ExtractMinute extends Extract {
  static override lookup_name = 'minute';
}
export class ExtractSecond extends Extract {
  static override lookup_name = 'second';
}

/** The current time: `STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')` on SQLite. */
export class Now extends Func {
  constructor(options: Record<string, unknown> = {}) {
    super({ output_field: outputField('DateTimeField'), ...options });
  }

  override as_sql(compiler: Compiler, connection?: Connection): SqlResult {
    return super.as_sql(compiler, connection, { template: "STRFTIME('%%%%Y-%%%%m-%%%%d %%%%H:%%%%M:%%%%f', 'NOW')" });
  }
}

/** Truncate to a unit: `TruncMonth('created_at')` → `django_datetime_trunc('month', ...)`. */
export class TruncBase extends Transform {
  static kind = '';
  kind: string;

  constructor(expression: unknown, ...rest: unknown[]) {
    const { expressions, options } = splitOptions([expression, ...rest]);
    super(expressions[0], options);
    this.kind = (this.constructor as typeof TruncBase).kind || (expressions[1] as string);
  }

  override _resolve_output_field(): Field | null {
    return this.lhs._output_field_or_none;
  }

  override as_sql(compiler: Compiler): SqlResult {
    const [sql, params] = compiler.compile(this.lhs);
    const tz = this.lhs.output_field instanceof DateTimeField ? TZNAME : null;
    const out = this.output_field;
    if (out instanceof DateTimeField) return datetimeTruncSql(this.kind, sql, params as never, tz);
    if (out instanceof DateField) return dateTruncSql(this.kind, sql, params as never, tz);
    throw new ValueError('Trunc only valid on DateField, TimeField, or DateTimeField.');
  }

  override resolve_expression(query?: Query, allow_joins = true, reuse: Set<string> | null = null, summarize = false, for_save = false): Expression {
    const copy = super.resolve_expression(query, allow_joins, reuse, summarize, for_save) as TruncBase;
    const field = copy.lhs._output_field_or_none;
    if (field && !(field instanceof DateField || field instanceof DateTimeField || field instanceof TimeField)) {
      throw new PyTypeError(`'${field.name}' isn't a DateField, TimeField, or DateTimeField.`);
    }
    if (field instanceof DateField && ['hour', 'minute', 'second', 'time'].includes(copy.kind)) {
      throw new ValueError(`Cannot truncate DateField '${field.name}' to DateTimeField.`);
    }
    return copy;
  }

  override convert_value(): ((v: unknown) => unknown) | null {
    const out = this.output_field;
    if (out instanceof DateField) return (v) => (typeof v === 'string' ? PyDate.fromText(v) : v);
    if (out instanceof DateTimeField) return (v) => (typeof v === 'string' ? parseDatetime(v) : v);
    return null;
  }

  override get_db_converters(): ((v: unknown) => unknown)[] {
    const own = this.convert_value();
    return own ? [own] : [];
  }
}

/** `Trunc('created_at', 'month')` */
export class Trunc extends TruncBase {}
export class TruncYear extends TruncBase {
  static override kind = 'year';
}
export class TruncQuarter extends TruncBase {
  static override kind = 'quarter';
}
export class TruncMonth extends TruncBase {
  static override kind = 'month';
}
export class TruncWeek extends TruncBase {
  static override kind = 'week';
}
export class TruncDay extends TruncBase {
  static override kind = 'day';
}
export class TruncHour extends TruncBase {
  static override kind = 'hour';
}
export class TruncMinute extends TruncBase {
  static override kind = 'minute';
}
export class TruncSecond extends TruncBase {
  static override kind = 'second';
}

/** The date part of a datetime: `created_at__date` → `django_datetime_cast_date(...)`. */
export class TruncDate extends TruncBase {
  static override kind = 'date';
  static override lookup_name = 'date';

  override _resolve_output_field(): Field {
    return outputField('DateField');
  }

  override as_sql(compiler: Compiler): SqlResult {
    const [sql, params] = compiler.compile(this.lhs);
    return datetimeCastDateSql(sql, params as never, TZNAME);
  }
}

/** The time part of a datetime: `created_at__time`. */
export class TruncTime extends TruncBase {
  static override kind = 'time';
  static override lookup_name = 'time';

  override _resolve_output_field(): Field {
    return outputField('TimeField');
  }

  override as_sql(compiler: Compiler): SqlResult {
    const [sql, params] = compiler.compile(this.lhs);
    return datetimeCastTimeSql(sql, params as never, TZNAME);
  }
}

/**
 * `created_at__year=2025` skips the extract so an index can be used:
 * `"created_at" BETWEEN '2025-01-01 00:00:00' AND '2025-12-31 23:59:59.999999'`.
 */
function yearBounds(lookup: Lookup, year: number): [string, string] {
  const iso = lookup.lhs instanceof ExtractIsoYear;
  const source = (lookup.lhs as Transform).lhs.output_field;
  let start: string;
  let end: string;
  if (iso) {
    const monday = (y: number) => {
      const jan4 = Date.UTC(y, 0, 4);
      const dow = (new Date(jan4).getUTCDay() + 6) % 7;
      return new Date(jan4 - dow * 86400000).toISOString().slice(0, 10);
    };
    start = monday(year);
    const next = new Date(Date.parse(monday(year + 1) + 'T00:00:00Z') - 86400000).toISOString().slice(0, 10);
    end = next;
  } else {
    start = `${String(year).padStart(4, '0')}-01-01`;
    end = `${String(year).padStart(4, '0')}-12-31`;
  }
  return source instanceof DateTimeField ? [`${start} 00:00:00`, `${end} 23:59:59.999999`] : [start, end];
}

type YearKind = 'exact' | 'gt' | 'gte' | 'lt' | 'lte';

function yearLookup(base: typeof Lookup, kind: YearKind) {
  class YearLookup extends (base as unknown as new (lhs: Expression, rhs: unknown) => Lookup) {
    override as_sql(compiler: Compiler, connection: Connection): SqlResult {
      if (!this.rhs_is_direct_value()) return (base.prototype as unknown as { as_sql: (c: Compiler, k: Connection) => SqlResult }).as_sql.call(this, compiler, connection);
      const [lhsSql, params] = this.process_lhs(compiler, connection, (this.lhs as Transform).lhs);
      const [start, finish] = yearBounds(this, Number(this.rhs));
      const bounds = { exact: [start, finish], gt: [finish], gte: [start], lt: [start], lte: [finish] }[kind];
      const op = kind === 'exact' ? 'BETWEEN %s AND %s' : { gt: '> %s', gte: '>= %s', lt: '< %s', lte: '<= %s' }[kind];
      return [`${lhsSql} ${op}`, [...params, ...bounds]];
    }
  }
  return YearLookup as unknown as typeof Lookup;
}

const yearLookups = [
  yearLookup(builtinLookups.Exact, 'exact'),
  yearLookup(builtinLookups.GreaterThan, 'gt'),
  yearLookup(builtinLookups.GreaterThanOrEqual, 'gte'),
  yearLookup(builtinLookups.LessThan, 'lt'),
  yearLookup(builtinLookups.LessThanOrEqual, 'lte'),
];

for (const extract of [ExtractYear, ExtractIsoYear]) for (const lookup of yearLookups) registerLookup(extract, lookup);

const DATE_PARTS = [ExtractYear, ExtractMonth, ExtractDay, ExtractWeekDay, ExtractIsoWeekDay, ExtractWeek, ExtractIsoYear, ExtractQuarter];
const TIME_PARTS = [ExtractHour, ExtractMinute, ExtractSecond];
for (const t of DATE_PARTS) {
  registerLookup(DateField, t);
  registerLookup(DateTimeField, t);
}
for (const t of TIME_PARTS) {
  registerLookup(TimeField, t);
  registerLookup(DateTimeField, t);
}
registerLookup(DateTimeField, TruncDate);
registerLookup(DateTimeField, TruncTime);
