/**
 * A compiled-SQL cache for the commonest query shape: `Model.objects.get(pk=value)`
 * on an untouched manager queryset, which is also what every lazy foreign key
 * load runs. The first such get() of a model builds and compiles the query the
 * normal way; its SQL (one `%s` for the pk) and column converters are kept on
 * the model class, and later ones bind the new pk to the same SQL. The
 * statement, its parameters, the rows and the exceptions are exactly those of
 * the full path, which costs about three times the SQLite statement itself.
 */
import { connections } from './runtime';
import { instanceCounter } from './iterables';
import type { Model, ModelClass } from './model';
import type { Query } from './sql/query';
import { applyConverters, type RowConverters, type SQLCompiler } from './sql/compiler';

interface CompiledGet {
  sql: string;
  converters: RowConverters;
}

const compiledByModel = new WeakMap<ModelClass, Map<string, CompiledGet>>();

/** The pk value of `get({ pk: 5 })` / `get({ id: 5 })` when the filter is just that, else undefined. */
export function pkLookupValue(model: ModelClass, args: unknown[]): number | string | undefined {
  if (args.length !== 1) return undefined;
  const kwargs = args[0];
  if (typeof kwargs !== 'object' || kwargs === null || Object.getPrototypeOf(kwargs) !== Object.prototype) return undefined;
  const keys = Object.keys(kwargs);
  if (keys.length !== 1) return undefined;
  const pk = model._meta.pk;
  const key = keys[0];
  if (key !== 'pk' && key !== pk.attname && key !== pk.name) return undefined;
  const value = (kwargs as Record<string, unknown>)[key];
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  // Only values the field takes unchanged (an integer for an AutoField): the cached SQL binds them as given.
  return pk.get_prep_value(value) === value ? value : undefined;
}

/** A query exactly as a manager's get_queryset() builds it: nothing filtered, selected, ordered or sliced. */
export function isUntouched(query: Query): boolean {
  return (
    query.where.children.length === 0 &&
    query.annotations.size === 0 &&
    query.extra.size === 0 &&
    query.alias_map.size === 0 &&
    query.default_cols &&
    query.select.length === 0 &&
    query.values_select.length === 0 &&
    query.select_related === false &&
    query.order_by.length === 0 &&
    query.low_mark === 0 &&
    query.high_mark === null &&
    !query.distinct &&
    !query.select_for_update &&
    query.deferred_loading[0].size === 0 &&
    query.deferred_loading[1]
  );
}

/** The SQL a full get() compiled, kept if it has exactly the pk as its one parameter. */
export function rememberCompiledGet(model: ModelClass, db: string, compiler: SQLCompiler, sql: string, params: unknown[], value: unknown): void {
  if (params.length !== 1 || params[0] !== value) return;
  const concrete = model._meta.concrete_fields;
  const select = compiler.select;
  if (select.length !== concrete.length) return;
  for (let i = 0; i < select.length; i++) {
    if ((select[i].expr as unknown as { target?: unknown }).target !== concrete[i]) return;
  }
  let byDb = compiledByModel.get(model);
  if (!byDb) compiledByModel.set(model, (byDb = new Map()));
  byDb.set(db, { sql, converters: [...compiler.get_converters(select.map((s) => s.expr))] });
}

/** Runs a remembered get() SQL for `value`: the model instances of its rows (at most MAX_GET_RESULTS). */
export function runCompiledGet<T extends Model>(model: ModelClass<T>, db: string, value: number | string): T[] | undefined {
  const compiled = compiledByModel.get(model)?.get(db);
  if (!compiled) return undefined;
  const rows = connections().get(db).fetchAll(compiled.sql, [value]);
  const out: T[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as unknown[];
    out[r] = model.from_db(db, null, applyConverters(row, compiled.converters));
  }
  instanceCounter.created += rows.length;
  instanceCounter.noteHeld(rows.length);
  return out;
}
