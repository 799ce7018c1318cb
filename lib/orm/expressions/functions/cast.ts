import type { Connection } from '../../backend/connection';
import type { Field } from '../../fields/field';
import { CharField } from '../../fields/scalar';
import { Func, type Compiler, type SqlResult } from '../core';

/** SQLite's DatabaseOperations.cast_data_types. */
const CAST_DATA_TYPES: Record<string, string> = { DateField: 'TEXT', DateTimeField: 'TEXT' };

/** Field.cast_db_type on SQLite: a CharField without max_length casts to `text`. */
function castDbType(field: Field): string | null {
  if (field instanceof CharField && field.max_length === null) return 'text';
  return CAST_DATA_TYPES[field.get_internal_type()] ?? field.db_type();
}

/**
 * Converts a value to another type: `Cast('view_count', FloatField())` →
 * `CAST("blog_post"."view_count" AS real)`. On SQLite a DateTimeField cast is
 * `strftime('%Y-%m-%d %H:%M:%f', ...)` and a DateField cast `date(...)`.
 * The target may also be given as `{ output_field: FloatField() }`.
 */
export class Cast extends Func {
  static override function = 'CAST';
  static override template = '%(function)s(%(expressions)s AS %(db_type)s)';

  constructor(expression: unknown, output: Field | { output_field: Field }) {
    super(expression, { output_field: 'output_field' in output ? output.output_field : output });
  }

  override as_sql(compiler: Compiler, connection?: Connection, overrides: Record<string, unknown> = {}): SqlResult {
    return super.as_sql(compiler, connection, { ...overrides, db_type: castDbType(this.output_field) });
  }

  override as_sqlite(compiler: Compiler, connection: Connection, overrides: Record<string, unknown> = {}): SqlResult {
    const dbType = this.output_field.db_type();
    if (dbType === 'datetime' || dbType === 'time') {
      const [sql, params] = super.as_sql(compiler, connection, { ...overrides, template: 'strftime(%%s, %(expressions)s)' });
      return [sql, [dbType === 'time' ? '%H:%M:%f' : '%Y-%m-%d %H:%M:%f', ...params]];
    }
    if (dbType === 'date') return super.as_sql(compiler, connection, { ...overrides, template: 'date(%(expressions)s)' });
    return this.as_sql(compiler, connection, overrides);
  }
}
