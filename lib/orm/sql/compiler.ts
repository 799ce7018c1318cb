import type { Connection } from '../backend/connection';
import { limitOffsetSql, quoteName } from '../backend/operations';
import type { Row } from '../../db/sqlite';
import { EmptyResultSet, FieldError, FullResultSet } from '../errors';
import {
  Col,
  Expression,
  F,
  isResolvable,
  OrderBy,
  Ref,
  Value,
  type Compilable,
  type Compiler,
  type SqlResult,
} from '../expressions/core';
import { Cast } from '../expressions/functions/cast';
import { Random } from '../expressions/functions/math';
import { Lookup } from '../lookups/lookup';
import type { Field } from '../fields/field';
import type { ForeignObjectRel } from '../fields/related';
import type { ModelClass } from '../model';
import type { Options } from '../options';
import { AggregateQuery, getOrderDir, LOOKUP_SEP, Query, registerCompiler, type FieldLike, type SelectMask, type SelectRelatedTree } from './query';

export type Converter = (value: unknown) => unknown;
/** The converter chain of each column that has one, by its position in the row. */
export type RowConverters = [position: number, chain: Converter[]][];

/** Converts a row's values in place (runs once per row: indexed loops, no per-value allocation). */
export function applyConverters(row: unknown[], converters: RowConverters): unknown[] {
  for (let i = 0; i < converters.length; i++) {
    const entry = converters[i];
    const chain = entry[1];
    let value = row[entry[0]];
    for (let j = 0; j < chain.length; j++) value = chain[j](value);
    row[entry[0]] = value;
  }
  return row;
}

/** Where the columns of one model (and its select_related models) sit in a row. */
export interface KlassInfo {
  model: ModelClass;
  select_fields: number[];
  related_klass_infos: KlassInfo[];
  /** The relation this model was reached through (select_related). */
  field?: Field | ForeignObjectRel;
  reverse?: boolean;
}

interface SelectEntry {
  expr: Expression;
  sql: SqlResult;
  alias: string | null;
}

type OrderEntry = { expr: Expression; sql: string; params: unknown[]; isRef: boolean };

/** Yields ORDER BY terms for a compiled select list (used to order by position/alias). */
class PositionRef extends Ref {
  constructor(
    readonly ordinal: number,
    refs: string,
    source: Expression,
  ) {
    super(refs, source);
  }

  override as_sql(): SqlResult {
    return [String(this.ordinal), []];
  }
}

const ORDERING_PARTS = /^([\s\S]*)\s(?:ASC|DESC)[\s\S]*$/;

function stripOrdering(sql: string): string {
  const m = ORDERING_PARTS.exec(sql);
  return m ? m[1] : sql;
}

/** Whether select_related should follow this relation (Django's select_related_descend). */
function selectRelatedDescend(field: FieldLike, restricted: boolean, requested: SelectRelatedTree | null, selectMask: SelectMask): boolean {
  if (!field.remote_field && !(field as ForeignObjectRel).field) return false;
  if (!restricted) return !(field as Field).null;
  if (!requested || !(field.name in requested)) return false;
  if (selectMask.size && !selectMask.has(field)) {
    throw new FieldError(
      `Field ${(field as Field).model._meta.object_name}.${field.name} cannot be both deferred and traversed using select_related at the same time.`,
    );
  }
  return true;
}

/**
 * Turns a Query into SQL (Django's SQLCompiler): the select list with
 * select_related columns, FROM and joins, WHERE/GROUP BY/HAVING, ORDER BY,
 * LIMIT; and runs it through the connection.
 */
export class SQLCompiler implements Compiler {
  private readonly quoteCache = new Map<string, string>([['*', '*']]);
  select: SelectEntry[] = [];
  klass_info: KlassInfo | null = null;
  annotation_col_map = new Map<string, number>();
  col_count = 0;
  has_extra_select = false;
  protected where: import('./where').WhereNode | null = null;
  protected having: import('./where').WhereNode | null = null;
  protected qualify: import('./where').WhereNode | null = null;
  private metaOrdering: (string | Expression)[] | null = null;

  constructor(
    readonly query: Query,
    readonly connection: Connection,
    readonly using: string,
    readonly elide_empty = true,
  ) {}

  compile(node: Compilable): SqlResult {
    return node.as_sqlite ? node.as_sqlite(this, this.connection) : node.as_sql(this, this.connection);
  }

  quote_name_unless_alias(name: string): string {
    const cached = this.quoteCache.get(name);
    if (cached !== undefined) return cached;
    const q = this.query;
    const unquoted =
      (q.alias_map.has(name) && !q.table_map.has(name)) || (q.external_aliases.get(name) === true && !q.table_map.has(name));
    const result = unquoted ? name : quoteName(name);
    this.quoteCache.set(name, result);
    return result;
  }

  setup_query(withColAliases = false): void {
    if ([...this.query.alias_map.keys()].every((a) => (this.query.alias_refcount.get(a) ?? 0) === 0)) {
      this.query.get_initial_alias();
    }
    const [select, klassInfo, annotations] = this.get_select(withColAliases);
    this.select = select;
    this.klass_info = klassInfo;
    this.annotation_col_map = annotations;
    this.col_count = select.length;
  }

  pre_sql_setup(withColAliases = false): { extraSelect: SelectEntry[]; orderBy: OrderEntry[]; groupBy: SqlResult[] } {
    this.setup_query(withColAliases);
    const orderBy = this.get_order_by();
    [this.where, this.having, this.qualify] = this.query.where.split_having_qualify(false, this.query.group_by !== null);
    const extraSelect = this.get_extra_select(orderBy);
    this.has_extra_select = extraSelect.length > 0;
    const groupBy = this.get_group_by([...this.select, ...extraSelect], orderBy);
    return { extraSelect, orderBy, groupBy };
  }

  /** GROUP BY: the query's minimal set plus everything selected, ordered by and in HAVING. */
  get_group_by(select: SelectEntry[], orderBy: OrderEntry[]): SqlResult[] {
    const groupBy = this.query.group_by;
    if (groupBy === null) return [];
    const expressions: Expression[] = [];
    const groupByRefs = new Set<string>();
    if (groupBy !== true) {
      for (const expr of groupBy) {
        if (expr instanceof Ref) {
          if (!groupByRefs.has(expr.refs)) {
            groupByRefs.add(expr.refs);
            expressions.push(expr.source);
          }
        } else expressions.push(expr);
      }
    }
    const selectedPositions: { expr: Expression; ordinal: number }[] = [];
    select.forEach((entry, i) => {
      if (entry.alias) selectedPositions.push({ expr: entry.expr, ordinal: i + 1 });
      if (entry.alias && groupByRefs.has(entry.alias)) return;
      expressions.push(...entry.expr.get_group_by_cols());
    });
    if (!this.metaOrdering) {
      for (const o of orderBy) if (!o.isRef) expressions.push(...o.expr.get_group_by_cols());
    }
    if (this.having) expressions.push(...this.having.get_group_by_cols());
    const result: SqlResult[] = [];
    const seen = new Set<string>();
    for (const expr of expressions) {
      let sql: string;
      let params: unknown[];
      try {
        [sql, params] = this.compile(expr);
      } catch (e) {
        if (e instanceof EmptyResultSet || e instanceof FullResultSet) continue;
        throw e;
      }
      // Django keys the positions by expression: an equal column selected twice maps to its last position.
      const position = [...selectedPositions].reverse().find((p) => p.expr === expr || (p.expr instanceof Col && p.expr.sameAs(expr)));
      if (position) {
        sql = String(position.ordinal);
        params = [];
      } else {
        [sql, params] = expr.select_format(this, sql, params);
      }
      const key = sql + '\u0000' + JSON.stringify(params);
      if (!seen.has(key)) {
        seen.add(key);
        result.push([sql, params]);
      }
    }
    return result;
  }

  /** The SELECT list, where each model's columns are, and where each annotation is. */
  get_select(withColAliases = false): [SelectEntry[], KlassInfo | null, Map<string, number>] {
    const query = this.query;
    const selectMask = query.get_select_mask();
    const cols: Expression[] = query.default_cols ? this.get_default_columns(selectMask) : query.select;
    const selected: [string | null, Expression][] = [];
    let selectFields: number[] = [];
    if (query.selected === null) {
      for (const [alias, raw] of query.extra) selected.push([alias, raw]);
      for (const col of cols) selected.push([null, col]);
      for (const [alias, ann] of query.annotation_select) selected.push([alias, ann]);
      selectFields = cols.map((_, i) => i + query.extra.size);
    } else {
      let index = 0;
      for (const [alias, value] of query.selected) {
        let expression: Expression;
        if (typeof value === 'string') expression = query.annotations.get(value)!;
        else if (typeof value === 'number') {
          selectFields.push(index);
          expression = cols[value];
        } else if (value === null) {
          selectFields.push(index);
          expression = cols[index];
        } else expression = value;
        selected.push([alias, expression]);
        index++;
      }
    }
    let klassInfo: KlassInfo | null = selectFields.length
      ? { model: query.model, select_fields: selectFields, related_klass_infos: [] }
      : null;
    const annotations = new Map<string, number>();
    const select: [Expression, string | null][] = [];
    selected.forEach(([alias, expression], i) => {
      if (alias) annotations.set(alias, i);
      select.push([expression, alias]);
    });
    if (query.select_related && klassInfo) {
      klassInfo.related_klass_infos = this.get_related_selections(select, selectMask);
    }
    const ret: SelectEntry[] = [];
    let colIdx = 1;
    for (const [col, a] of select) {
      let alias = a;
      let sql: SqlResult;
      try {
        const [s, p] = this.compile(col);
        sql = col.select_format(this, s, p);
      } catch (e) {
        if (e instanceof EmptyResultSet) {
          const empty = col.empty_result_set_value;
          sql = typeof empty === 'symbol' ? ['0', []] : this.compile(new Value(empty));
        } else if (e instanceof FullResultSet) {
          sql = this.compile(new Value(true));
        } else throw e;
      }
      if (alias === null && withColAliases) alias = `col${colIdx++}`;
      ret.push({ expr: col, sql, alias });
    }
    if (!klassInfo && selectFields.length) klassInfo = { model: query.model, select_fields: selectFields, related_klass_infos: [] };
    return [ret, klassInfo, annotations];
  }

  /** Ordering terms from order_by(), or Meta.ordering, in the standard or reversed direction. */
  private *orderByPairs(): Generator<[OrderBy, boolean]> {
    const query = this.query;
    let ordering: (string | Expression)[];
    if (!query.default_ordering) ordering = query.order_by;
    else if (query.order_by.length) ordering = query.order_by;
    else if (query.get_meta().ordering.length) {
      ordering = query.get_meta().ordering;
      this.metaOrdering = ordering;
    } else ordering = [];
    const defaultOrder = query.standard_ordering ? 'ASC' : 'DESC';
    const selectedExprs = new Map<unknown, PositionRef>();
    if (ordering.length && this.select.length) {
      this.select.forEach((entry, i) => {
        const ref = new PositionRef(i + 1, entry.alias ?? '', entry.expr);
        if (entry.alias) selectedExprs.set(entry.alias, ref);
        selectedExprs.set(entry.expr, ref);
      });
    }
    for (const item of ordering) {
      if (typeof item !== 'string') {
        // A constant's output_field must be resolved: ORDER BY CAST('x' AS text).
        const expr = item instanceof Value ? new Cast(item, item.output_field) : (item as Expression);
        let field: OrderBy = expr instanceof OrderBy ? expr : expr.asc();
        if (!query.standard_ordering) {
          field = field.copy();
          field.reverse_ordering();
        }
        let selectRef = selectedExprs.get(field.expression);
        if (!selectRef && field.expression instanceof F) selectRef = selectedExprs.get(field.expression.name);
        // SQLite supports NULLS FIRST/LAST, so ordering by position works with them too.
        if (selectRef) {
          field = field.copy();
          field.expression = selectRef;
        }
        yield [field, selectRef !== undefined];
        continue;
      }
      if (item === '?') {
        yield [new OrderBy(new Random()), false];
        continue;
      }
      const [col, order] = getOrderDir(item, defaultOrder);
      const descending = order === 'DESC';
      const selectRef = selectedExprs.get(col);
      if (selectRef) {
        yield [new OrderBy(selectRef, descending), true];
        continue;
      }
      let expr = query.annotations.get(col);
      let transforms: string[] = [];
      if (!expr) {
        const [ref, ...rest] = col.split(LOOKUP_SEP);
        expr = query.annotations.get(ref);
        transforms = rest;
      }
      if (expr) {
        for (const name of transforms) expr = query.try_transform(expr, name);
        if (expr instanceof Value) expr = new Cast(expr, expr.output_field);
        yield [new OrderBy(expr, descending), false];
        continue;
      }
      for (const pair of this.find_ordering_name(item, query.get_meta(), null, defaultOrder)) yield pair;
    }
  }

  get_order_by(): OrderEntry[] {
    const result: OrderEntry[] = [];
    const seen = new Set<string>();
    for (const [expr, isRef] of this.orderByPairs()) {
      const resolved = expr.resolve_expression(this.query, true, null);
      const [sql, params] = this.compile(resolved);
      const key = stripOrdering(sql) + '\u0000' + JSON.stringify(params);
      if (seen.has(key)) continue;
      seen.add(key);
      result.push({ expr: resolved, sql, params, isRef });
    }
    return result;
  }

  /** With DISTINCT, ORDER BY columns must also be selected. */
  get_extra_select(orderBy: OrderEntry[]): SelectEntry[] {
    const extra: SelectEntry[] = [];
    if (this.query.distinct && !this.query.distinct_fields.length) {
      const selectSql = new Set(this.select.map((s) => s.sql[0] + '\u0000' + JSON.stringify(s.sql[1])));
      for (const o of orderBy) {
        const without = stripOrdering(o.sql);
        if (!o.isRef && !selectSql.has(without + '\u0000' + JSON.stringify(o.params))) {
          extra.push({ expr: o.expr, sql: [without, o.params], alias: null });
        }
      }
    }
    return extra;
  }

  /** The full SELECT statement and its parameters. */
  as_sql(withLimits = true, withColAliases = false): SqlResult {
    const refcountsBefore = new Map(this.query.alias_refcount);
    try {
      const { extraSelect, orderBy: initialOrderBy, groupBy } = this.pre_sql_setup(withColAliases);
      let orderBy: OrderEntry[] | null = initialOrderBy;
      const withLimitOffset = withLimits && this.query.is_sliced;
      let result: string[];
      let params: unknown[];
      if (this.qualify) {
        [result, params] = this.get_qualify_sql();
        orderBy = null;
      } else {
        const [from, fromParams] = this.get_from_clause();
        let where = '';
        let whereParams: unknown[] = [];
        try {
          // An empty WHERE raises FullResultSet; skipping it spares an exception on every unfiltered query.
          if (this.where?.children.length) [where, whereParams] = this.compile(this.where);
        } catch (e) {
          if (e instanceof EmptyResultSet) {
            if (this.elide_empty) throw e;
            where = '0 = 1';
          } else if (!(e instanceof FullResultSet)) throw e;
        }
        let having = '';
        let havingParams: unknown[] = [];
        try {
          if (this.having?.children.length) [having, havingParams] = this.compile(this.having);
        } catch (e) {
          if (!(e instanceof FullResultSet)) throw e;
        }
        result = ['SELECT'];
        params = [];
        if (this.query.distinct) result.push('DISTINCT');
        const outCols: string[] = [];
        for (const { sql: [s, p], alias } of [...this.select, ...extraSelect]) {
          outCols.push(alias ? `${s} AS ${quoteName(alias)}` : s);
          params.push(...p);
        }
        result.push(outCols.join(', '));
        if (from.length) result.push('FROM', ...from);
        params.push(...fromParams);
        if (where) {
          result.push(`WHERE ${where}`);
          params.push(...whereParams);
        }
        if (groupBy.length) {
          if (this.query.distinct_fields.length) throw new Error('annotate() + distinct(fields) is not implemented.');
          result.push(`GROUP BY ${groupBy.map(([s]) => s).join(', ')}`);
          for (const [, p] of groupBy) params.push(...p);
          if (this.metaOrdering) orderBy = null;
        }
        if (having) {
          result.push(`HAVING ${having}`);
          params.push(...havingParams);
        }
      }
      if (this.query.explain_info) result.unshift('EXPLAIN QUERY PLAN');
      if (orderBy && orderBy.length) {
        result.push(`ORDER BY ${orderBy.map((o) => o.sql).join(', ')}`);
        for (const o of orderBy) params.push(...o.params);
      }
      if (withLimitOffset) result.push(limitOffsetSql(this.query.low_mark, this.query.high_mark));
      if (this.query.subquery && extraSelect.length) {
        const subSelects: string[] = [];
        const subParams: unknown[] = [];
        for (const { expr, alias } of this.select) {
          if (alias) subSelects.push(`${quoteName('subquery')}.${quoteName(alias)}`);
          else {
            const col = expr as Col;
            const [s, p] = col.relabeled_clone(new Map([[col.alias!, 'subquery']])).as_sql(this);
            subSelects.push(s);
            subParams.push(...p);
          }
        }
        return [`SELECT ${subSelects.join(', ')} FROM (${result.join(' ')}) subquery`, [...subParams, ...params]];
      }
      return [result.join(' '), params];
    } finally {
      this.query.reset_refcounts(refcountsBefore);
    }
  }

  /**
   * Filtering on a window function (Django 4.2+): the query becomes a subquery
   * selecting the window values, filtered outside:
   * `SELECT * FROM (...) "qualify" WHERE "rank" <= 2`; window values that are not
   * selected are added as `qual0, ...` and masked again by `SELECT ... FROM (...) "qualify_mask"`.
   */
  protected get_qualify_sql(): [string[], unknown[]] {
    const whereParts = [this.where, this.having].filter((w): w is NonNullable<typeof w> => w !== null);
    const inner = this.query.clone();
    inner.subquery = true;
    inner.where = this.query.where.create(whereParts);
    const select = new Map<Expression, string>();
    for (const { expr, alias } of this.get_select(true)[0]) select.set(expr, alias!);
    const selectAliases = new Set(select.values());
    const qualAliases = new Set<string>();
    const replacements = new Map<unknown, string>();
    // Equal expressions (Django compares them structurally) share one alias: compare their SQL.
    const sqlKeys = new Map<unknown, string | null>();
    const sqlKey = (expr: unknown): string | null => {
      if (!sqlKeys.has(expr)) {
        let key: string | null = null;
        try {
          key = expr instanceof Expression ? JSON.stringify(this.compile(expr)) : null;
        } catch {
          key = null;
        }
        sqlKeys.set(expr, key);
      }
      return sqlKeys.get(expr)!;
    };
    const known = <V>(map: Map<unknown, V>, expr: unknown): V | undefined => {
      if (map.has(expr)) return map.get(expr);
      if (expr instanceof Col) for (const [k, v] of map) if (expr.sameAs(k)) return v;
      const key = sqlKey(expr);
      if (key !== null) for (const [k, v] of map) if (sqlKey(k) === key) return v;
      return undefined;
    };
    const collectReplacements = (expressions: unknown[]) => {
      while (expressions.length) {
        const expr = expressions.pop();
        const replaced = known(replacements, expr);
        if (replaced !== undefined) {
          replacements.set(expr, replaced);
          continue;
        }
        const selectAlias = known(select, expr);
        if (selectAlias) replacements.set(expr, selectAlias);
        else if (expr instanceof Lookup) expressions.push(...expr.get_source_expressions());
        else if (expr instanceof Ref) {
          if (!selectAliases.has(expr.refs)) expressions.push(...expr.get_source_expressions());
        } else {
          const alias = `qual${qualAliases.size}`;
          qualAliases.add(alias);
          inner.add_annotation(expr as Expression, alias);
          replacements.set(expr, alias);
        }
      }
    };
    const refs = () => new Map([...replacements].map(([expr, alias]) => [expr, new Ref(alias, expr as Expression)]));
    collectReplacements([...this.qualify!.leaves()]);
    this.qualify = this.qualify!.replace_expressions(refs());
    const orderBy: Expression[] = [];
    for (const { expr } of this.get_order_by()) {
      collectReplacements(expr.get_source_expressions());
      orderBy.push(expr.replace_expressions(refs()));
    }
    const innerCompiler = inner.get_compiler(this.using, this.connection, this.elide_empty) as SQLCompiler;
    const [innerSql, innerParams] = innerCompiler.as_sql(false, true);
    const [qualifySql, qualifyParams] = this.compile(this.qualify);
    let result = ['SELECT * FROM (', innerSql, ')', quoteName('qualify'), 'WHERE', qualifySql];
    if (qualAliases.size) {
      const cols = [...select.values()].map((alias) => quoteName(alias));
      result = ['SELECT', cols.join(', '), 'FROM (', ...result, ')', quoteName('qualify_mask')];
    }
    const params = [...innerParams, ...qualifyParams];
    if (orderBy.length) {
      const orderingSqls: string[] = [];
      for (const ordering of orderBy) {
        const [sql, p] = this.compile(ordering);
        orderingSqls.push(sql);
        params.push(...p);
      }
      result.push('ORDER BY', orderingSqls.join(', '));
    }
    return [result, params];
  }

  /** Every concrete column of the model (or the ones only()/defer() keep). */
  get_default_columns(selectMask: SelectMask, startAlias: string | null = null, opts: Options | null = null): Col[] {
    const meta = opts ?? this.query.get_meta();
    const alias = startAlias ?? this.query.get_initial_alias()!;
    const result: Col[] = [];
    for (const field of meta.concrete_fields) {
      if (selectMask.size && !selectMask.has(field)) continue;
      result.push(field.get_col(alias));
    }
    return result;
  }

  /** ORDER BY a field name, following relations and their Meta.ordering. */
  find_ordering_name(name: string, opts: Options, alias: string | null = null, defaultOrder: 'ASC' | 'DESC' = 'ASC', alreadySeen: Set<string> = new Set()): [OrderBy, boolean][] {
    const [fieldName, order] = getOrderDir(name, defaultOrder);
    const descending = order === 'DESC';
    const pieces = fieldName.split(LOOKUP_SEP);
    const startAlias = alias ?? this.query.get_initial_alias()!;
    const info = this.query.setup_joins(pieces, opts, startAlias);
    const field = info.final_field;
    const hasTransforms = (info.transform_function as { has_transforms?: boolean }).has_transforms;
    if (field.is_relation && info.opts.ordering.length && (field as Field).attname !== pieces[pieces.length - 1] && fieldName !== 'pk' && !hasTransforms) {
      const joinTuple = JSON.stringify(info.joins.map((j) => (this.query.alias_map.get(j) as { join_cols?: unknown }).join_cols ?? null));
      if (alreadySeen.has(joinTuple)) throw new FieldError('Infinite loop caused by ordering.');
      alreadySeen.add(joinTuple);
      const results: [OrderBy, boolean][] = [];
      for (const item of info.opts.ordering) {
        if (isResolvable(item) && !(item instanceof OrderBy)) {
          const ob = descending ? (item as Expression).desc() : (item as Expression).asc();
          results.push([ob.prefix_references(`${fieldName}${LOOKUP_SEP}`), false]);
          continue;
        }
        if (item instanceof OrderBy) {
          results.push([item.prefix_references(`${fieldName}${LOOKUP_SEP}`), false]);
          continue;
        }
        results.push(...this.find_ordering_name(item as string, info.opts, info.joins[info.joins.length - 1], order, alreadySeen));
      }
      return results;
    }
    const [targets, finalAlias] = this.query.trim_joins(info.targets, info.joins, info.path);
    return targets.map((t) => [new OrderBy(info.transform_function(t, finalAlias), descending), false]);
  }

  get_from_clause(): [string[], unknown[]] {
    const result: string[] = [];
    const params: unknown[] = [];
    for (const [alias, entry] of [...this.query.alias_map]) {
      if (!this.query.alias_refcount.get(alias)) continue;
      const [sql, p] = this.compile(entry as unknown as Compilable);
      result.push(sql);
      params.push(...p);
    }
    return [result, params];
  }

  /** Adds the columns of select_related models to `select`; returns where each model's columns are. */
  get_related_selections(
    select: [Expression, string | null][],
    selectMask: SelectMask,
    opts: Options | null = null,
    rootAlias: string | null = null,
    curDepth = 1,
    requested: SelectRelatedTree | null = null,
    restricted: boolean | null = null,
  ): KlassInfo[] {
    const related: KlassInfo[] = [];
    if (!restricted && curDepth > this.query.max_depth) return related;
    if (!opts) {
      opts = this.query.get_meta();
      rootAlias = this.query.get_initial_alias();
    }
    const meta = opts;
    const fieldsFound = new Set<string>();
    if (requested === null) {
      restricted = typeof this.query.select_related === 'object';
      if (restricted) requested = this.query.select_related as SelectRelatedTree;
    }
    const choices = () => [
      ...meta.fields.filter((f) => f.is_relation).map((f) => f.name),
      ...meta.related_objects.filter((r) => r.field.unique).map((r) => r.field.related_query_name()),
    ];
    for (const f of meta.fields) {
      fieldsFound.add(f.name);
      let next: SelectRelatedTree | null = null;
      if (restricted) {
        next = requested![f.name] ?? {};
        if (!f.is_relation && (Object.keys(next).length || f.name in requested!)) {
          throw new FieldError(
            `Non-relational field given in select_related: '${f.name}'. Choices are: ${choices().join(', ') || '(none)'}`,
          );
        }
      }
      if (!f.is_relation || !selectRelatedDescend(f, !!restricted, requested, selectMask)) continue;
      const relatedMask = selectMask.get(f) ?? new Map();
      const model = f.related_model!;
      const info = this.query.setup_joins([f.name], meta, rootAlias!);
      const alias = info.joins[info.joins.length - 1];
      const klass: KlassInfo = { model, field: f, reverse: false, select_fields: [], related_klass_infos: [] };
      related.push(klass);
      for (const col of this.get_default_columns(relatedMask, alias, model._meta)) {
        klass.select_fields.push(select.length);
        select.push([col, null]);
      }
      klass.related_klass_infos = this.get_related_selections(select, relatedMask, model._meta, alias, curDepth + 1, next ?? {}, restricted);
    }
    if (restricted) {
      for (const rel of meta.related_objects) {
        if (!rel.field.unique || rel.many_to_many) continue;
        if (!selectRelatedDescend(rel, true, requested, selectMask)) continue;
        const name = rel.field.related_query_name();
        fieldsFound.add(name);
        const relatedMask = selectMask.get(rel) ?? new Map();
        const info = this.query.setup_joins([name], meta, rootAlias!);
        const alias = info.joins[info.joins.length - 1];
        const model = rel.related_model;
        const klass: KlassInfo = { model, field: rel, reverse: true, select_fields: [], related_klass_infos: [] };
        related.push(klass);
        for (const col of this.get_default_columns(relatedMask, alias, model._meta)) {
          klass.select_fields.push(select.length);
          select.push([col, null]);
        }
        klass.related_klass_infos = this.get_related_selections(select, relatedMask, model._meta, alias, curDepth + 1, requested![name] ?? {}, restricted);
      }
      const notFound = Object.keys(requested!).filter((n) => !fieldsFound.has(n));
      if (notFound.length) {
        throw new FieldError(
          `Invalid field name(s) given in select_related: ${notFound.map((n) => `'${n}'`).join(', ')}. Choices are: ${choices().join(', ') || '(none)'}`,
        );
      }
    }
    return related;
  }

  get_converters(expressions: Expression[]): RowConverters {
    const converters: RowConverters = [];
    expressions.forEach((expr, i) => {
      if (!expr) return;
      const chain = expr.get_db_converters();
      if (chain.length) converters.push([i, chain]);
    });
    return converters;
  }

  apply_converters_row(row: unknown[], converters: RowConverters): unknown[] {
    return applyConverters(row, converters);
  }

  /** Runs the query; EmptyResultSet means no statement is sent and no rows come back. */
  execute_rows(): Row[] {
    let sql: SqlResult;
    try {
      sql = this.as_sql();
    } catch (e) {
      if (e instanceof EmptyResultSet) return [];
      throw e;
    }
    return this.connection.fetchAll(sql[0], sql[1]);
  }

  /** Rows with converters applied (dates parsed, booleans made true/false). */
  results_iter(rows: Row[] = this.execute_rows()): unknown[][] {
    const converters = this.get_converters(this.select.map((s) => s.expr));
    if (converters.length) for (const row of rows) applyConverters(row, converters);
    return rows as unknown[][];
  }

  /** Streams rows (QuerySet.iterator()); converters are applied per row. */
  *results_stream(): Generator<unknown[]> {
    let sql: SqlResult;
    try {
      sql = this.as_sql();
    } catch (e) {
      if (e instanceof EmptyResultSet) return;
      throw e;
    }
    const converters = this.get_converters(this.select.map((s) => s.expr));
    for (const row of this.connection.fetchIter(sql[0], sql[1])) {
      yield converters.length ? applyConverters(row, converters) : row;
    }
  }

  /** Runs an UPDATE/DELETE; returns how many rows it changed (no statement when nothing can match). */
  execute_row_count(): number {
    let sql: SqlResult;
    try {
      sql = this.as_sql();
    } catch (e) {
      if (e instanceof EmptyResultSet) return 0;
      throw e;
    }
    return sql[0] ? this.connection.execute(sql[0], sql[1]) : 0;
  }

  execute_single(): unknown[] | null {
    const rows = this.execute_rows();
    return rows.length ? rows[0] : null;
  }

  has_results(): boolean {
    return this.execute_single() !== null;
  }

  /** EXPLAIN QUERY PLAN, formatted as Django's SQLite backend formats it. */
  explain_query(): string[] {
    const rows = this.execute_rows();
    return formatQueryPlan(rows);
  }
}

/** SQLite's EXPLAIN QUERY PLAN rows as Django prints them: each row's columns joined by spaces. */
export function formatQueryPlan(rows: Row[]): string[] {
  return rows.map((row) => row.map(String).join(' '));
}

/** `SELECT agg FROM (inner) subquery` for aggregate() over sliced/distinct/annotated querysets. */
export class SQLAggregateCompiler extends SQLCompiler {
  override as_sql(): SqlResult {
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const annotation of this.query.annotation_select.values()) {
      const [s, p] = this.compile(annotation);
      const [fs, fp] = annotation.select_format(this, s, p);
      parts.push(fs);
      params.push(...fp);
    }
    this.col_count = this.query.annotation_select.size;
    const inner = (this.query as AggregateQuery).inner_query;
    const [innerSql, innerParams] = (inner.get_compiler(this.using, null, this.elide_empty) as SQLCompiler).as_sql(true, true);
    this.select = [...this.query.annotation_select.values()].map((expr) => ({ expr, sql: ['', []], alias: null }));
    return [`SELECT ${parts.join(', ')} FROM (${innerSql}) subquery`, [...params, ...innerParams]];
  }
}

registerCompiler(Query, (query, connection, using, elideEmpty) => new SQLCompiler(query, connection, using, elideEmpty));
registerCompiler(AggregateQuery, (query, connection, using, elideEmpty) => new SQLAggregateCompiler(query, connection, using, elideEmpty));

export type { ForeignObjectRel };
