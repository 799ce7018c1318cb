import type { Connection } from '../backend/connection';
import { FieldDoesNotExist, FieldError, NotSupportedError, PyTypeError, ValueError } from '../errors';
import { Count } from '../expressions/aggregates';
import {
  Col,
  Exists,
  Expression,
  F,
  isResolvable,
  NOT_IMPLEMENTED,
  OuterRef,
  Ref,
  ResolvedOuterRef,
  Value,
  type Compiler,
  type SqlResult,
} from '../expressions/core';
import type { Field } from '../fields/field';
import type { ForeignObjectRel, PathInfo, RelatedFieldLike } from '../fields/related';
import { Lookup, type LookupClass, type TransformClass } from '../lookups/lookup';
import type { ModelClass } from '../model';
import type { Options } from '../options';
import { Q, type QChild } from '../q';
import { connections, DEFAULT_DB_ALIAS } from '../runtime';
import { pyStr } from '../utils/pyformat';
import { difflibCloseMatches } from '../utils/close-matches';
import { BaseTable, INNER, Join, LOUTER, type TableEntry } from './datastructures';
import { NothingNode, WhereNode } from './where';

export const LOOKUP_SEP = '__';

/** A field of the model, or a reverse relation (`post_set`'s query name `post`). */
export type FieldLike = Field | ForeignObjectRel;

export interface JoinInfo {
  final_field: FieldLike;
  targets: Field[];
  opts: Options;
  joins: string[];
  path: PathInfo[];
  transform_function: (field: Field, alias: string) => Expression;
}

/** Raised inside setup_joins when an exclude() crosses a multi-valued relation: it needs a subquery. */
class MultiJoin extends Error {
  constructor(
    readonly level: number,
    readonly names_with_path: [string, PathInfo[]][],
  ) {
    super('MultiJoin');
  }
}

export type SelectRelated = false | true | SelectRelatedTree;
export interface SelectRelatedTree {
  [name: string]: SelectRelatedTree;
}

export type SelectMask = Map<FieldLike, SelectMask>;

/** One of the values a values() query selects: a column index, an annotation name, or an expression. */
export type Selected = number | string | Expression | null;

export function getFieldNamesFromOpts(opts: Options | null): Set<string> {
  const names = new Set<string>();
  if (!opts) return names;
  for (const f of opts.get_fields()) {
    names.add(f.name);
    if (f.concrete) names.add((f as Field).attname);
  }
  return names;
}

export function getOrderDir(field: string, defaultDir: 'ASC' | 'DESC' = 'ASC'): [string, 'ASC' | 'DESC'] {
  const opposite = defaultDir === 'ASC' ? 'DESC' : 'ASC';
  if (field[0] === '-') return [field.slice(1), opposite];
  return [field, defaultDir];
}

function refsExpression(parts: string[], annotations: Map<string, Expression>): [string | null, string[]] {
  for (let n = 1; n <= parts.length; n++) {
    const name = parts.slice(0, n).join(LOOKUP_SEP);
    if (annotations.get(name)) return [name, parts.slice(n)];
  }
  return [null, []];
}

interface AddQOptions {
  branch_negated?: boolean;
  current_negated?: boolean;
  allow_joins?: boolean;
  split_subq?: boolean;
  check_filterable?: boolean;
  summarize?: boolean;
  update_join_types?: boolean;
}

const ALIAS_FORBIDDEN = /['`"\];\s]|--|\/\*|\*\//;

/**
 * The state of one SQL query (Django's sql.Query): tables and joins, WHERE,
 * annotations, ordering, limits, what to select. QuerySet methods clone it
 * and call its add_/set_/clear_ methods; the compiler turns it into SQL.
 */
export class Query {
  readonly isQuery = true;
  alias_prefix = 'T';
  subq_aliases: Set<string> = new Set(['T']);

  model: ModelClass;
  alias_refcount = new Map<string, number>();
  alias_map = new Map<string, TableEntry>();
  external_aliases = new Map<string, boolean>();
  table_map = new Map<string, string[]>();
  used_aliases = new Set<string>();
  filter_is_sticky = false;
  subquery = false;

  where = new WhereNode();
  annotations = new Map<string, Expression>();
  /** Raw SQL columns selected before the model's (Django's extra(select=...)). */
  extra = new Map<string, Expression>();
  annotation_select_mask: string[] | null = null;
  private annotationSelectCache: Map<string, Expression> | null = null;

  default_cols = true;
  default_ordering = true;
  standard_ordering = true;
  select: Expression[] = [];
  values_select: string[] = [];
  selected: Map<string, Selected> | null = null;
  group_by: null | true | Expression[] = null;
  order_by: (string | Expression)[] = [];
  low_mark = 0;
  high_mark: number | null = null;
  distinct = false;
  distinct_fields: string[] = [];
  select_for_update = false;
  select_related: SelectRelated = false;
  max_depth = 5;
  deferred_loading: [Set<string>, boolean] = [new Set(), true];
  explain_info: { format: string | null } | null = null;
  _lookup_joins: string[] = [];

  constructor(model: ModelClass) {
    this.model = model;
  }

  get output_field(): Field | null {
    if (this.select.length === 1) {
      const s = this.select[0];
      return (s as Col).target ?? s.output_field;
    }
    const annotations = [...this.annotation_select.values()];
    return annotations.length === 1 ? annotations[0].output_field : null;
  }

  get base_table(): string | undefined {
    return this.alias_map.keys().next().value;
  }

  get_meta(): Options {
    return this.model._meta;
  }

  /**
   * `print(qs.query)`: the SQL with parameters substituted the way Django's
   * `str(query)` does (`sql % params`: not quoted, so not always valid SQL).
   */
  __str__(): string {
    const [sql, params] = this.get_compiler(DEFAULT_DB_ALIAS).as_sql();
    let i = 0;
    return sql.replace(/%s|%%/g, (m) => (m === '%%' ? '%' : pyStr(params[i++])));
  }

  toString(): string {
    return this.__str__();
  }

  get_compiler(using: string | null = null, connection: Connection | null = null, elide_empty = true): SQLCompilerLike {
    if (!using && !connection) throw new ValueError('Need either using or connection');
    const conn = connection ?? connections().get(using!);
    return compilerFactory(this, conn, using ?? conn.alias, elide_empty);
  }

  /** A copy whose mutable parts can change without affecting this query. */
  clone(): this {
    // Built by the constructor so every field already exists: copying onto an Object.create()
    // shell makes V8 add 34 properties one by one, which costs more than the whole query build.
    const obj = new (this.constructor as new (model: ModelClass) => this)(this.model);
    const source = this as unknown as Record<string, unknown>;
    const target = obj as unknown as Record<string, unknown>;
    for (const key of Object.keys(source)) target[key] = source[key];
    obj.alias_refcount = new Map(this.alias_refcount);
    obj.alias_map = new Map(this.alias_map);
    obj.external_aliases = new Map(this.external_aliases);
    obj.table_map = new Map([...this.table_map].map(([k, v]) => [k, v.slice()]));
    obj.where = this.where.clone();
    obj.annotations = new Map(this.annotations);
    obj.extra = new Map(this.extra);
    obj.annotation_select_mask = this.annotation_select_mask ? this.annotation_select_mask.slice() : null;
    obj.annotationSelectCache = null;
    obj.select = this.select.slice();
    obj.values_select = this.values_select.slice();
    obj.selected = this.selected ? new Map(this.selected) : null;
    obj.group_by = Array.isArray(this.group_by) ? this.group_by.slice() : this.group_by;
    obj.order_by = this.order_by.slice();
    obj.distinct_fields = this.distinct_fields.slice();
    if (this.select_related !== false && this.select_related !== true) {
      obj.select_related = structuredCloneTree(this.select_related);
    }
    obj.subq_aliases = new Set(this.subq_aliases);
    obj.used_aliases = new Set(this.used_aliases);
    obj.deferred_loading = [new Set(this.deferred_loading[0]), this.deferred_loading[1]];
    return obj;
  }

  /** A copy ready for another queryset operation (clears the per-filter() join reuse set). */
  chain(): this {
    const obj = this.clone();
    if (!obj.filter_is_sticky) obj.used_aliases = new Set();
    obj.filter_is_sticky = false;
    return obj;
  }

  relabeled_clone(changeMap: Map<string, string>): this {
    const clone = this.clone();
    clone.change_aliases(changeMap);
    return clone;
  }

  _get_col(target: Field, field: FieldLike, alias: string): Col {
    return target.get_col(alias, field as Field);
  }

  // ---------------------------------------------------------------- aggregation

  /** Runs an aggregate() query and returns `{ alias: value }` (Django's get_aggregation). */
  get_aggregation(using: string, aggregateExprs: Map<string, Expression>): Record<string, unknown> {
    if (!aggregateExprs.size) return {};
    const annotationSelectMask = this.annotation_select_mask;
    let refsSubquery = false;
    let refsWindow = false;
    for (const [alias, expr] of aggregateExprs) {
      this.check_alias(alias);
      const aggregate = expr.resolve_expression(this, true, null, true);
      if (!aggregate.contains_aggregate) throw new PyTypeError(`${alias} is not an aggregate expression`);
      this.append_annotation_mask([alias]);
      for (const ref of aggregate.get_refs()) {
        const annotation = this.annotations.get(ref)!;
        refsSubquery ||= annotation.contains_subquery;
        refsWindow ||= annotation.contains_over_clause;
      }
      this.annotations.set(alias, aggregate);
    }
    const aggregates = new Map<string, Expression>();
    for (const alias of aggregateExprs.keys()) {
      aggregates.set(alias, this.annotations.get(alias)!);
      this.annotations.delete(alias);
    }
    this.set_annotation_mask(annotationSelectMask);
    const [, having, qualify] = this.where.split_having_qualify();
    const hasExistingAggregation = [...this.annotations.values()].some((a) => a.contains_aggregate) || !!having;

    let outer: Query;
    if (Array.isArray(this.group_by) || this.is_sliced || hasExistingAggregation || refsSubquery || refsWindow || qualify || this.distinct) {
      const inner = this.clone();
      inner.subquery = true;
      outer = new AggregateQuery(this.model, inner);
      inner.select_for_update = false;
      inner.select_related = false;
      inner.set_annotation_mask([...this.annotation_select.keys()]);
      inner.clear_ordering(false);
      if (!inner.distinct) {
        if (inner.default_cols && hasExistingAggregation) {
          inner.group_by = [this.get_meta().pk.get_col(inner.get_initial_alias()!)];
        }
        inner.default_cols = false;
        if (!qualify) {
          const mask = new Set<string>();
          if (Array.isArray(this.group_by)) for (const e of this.group_by) for (const r of e.get_refs()) mask.add(r);
          for (const a of aggregates.values()) for (const r of a.get_refs()) mask.add(r);
          for (const [alias, annotation] of this.annotation_select) if (annotation.get_group_by_cols().length) mask.add(alias);
          inner.set_annotation_mask([...mask]);
        }
      }
      const colRefs: { col: Col; ref: Ref }[] = [];
      for (const [alias, aggregate] of aggregates) {
        const replaced = replaceCols(aggregate, (col) => {
          let entry = colRefs.find((c) => c.col.sameAs(col));
          if (!entry) {
            const colAlias = `__col${colRefs.length + 1}`;
            entry = { col, ref: new Ref(colAlias, col) };
            colRefs.push(entry);
            inner.add_annotation(col, colAlias);
          }
          return entry.ref;
        });
        outer.annotations.set(alias, replaced);
      }
      if (!inner.select.length && !inner.default_cols && !inner.annotation_select_mask?.length) {
        inner.select = [this.get_meta().pk.get_col(inner.get_initial_alias()!)];
      }
    } else {
      outer = this;
      this.select = [];
      this.selected = null;
      this.default_cols = false;
      if (this.annotations.size) {
        const existing = this.annotations;
        const inlined = new Map<string, Expression>();
        for (const [alias, aggregate] of aggregates) inlined.set(alias, inlineRefs(aggregate, existing));
        this.annotations = inlined;
      } else {
        this.annotations = aggregates;
      }
      this.set_annotation_mask([...aggregates.keys()]);
    }
    const emptySetResult = [...outer.annotation_select.values()].map((e) => e.empty_result_set_value);
    const elideEmpty = !emptySetResult.some((r) => r === NOT_IMPLEMENTED);
    outer.clear_ordering(true);
    outer.clear_limits();
    outer.select_for_update = false;
    outer.select_related = false;
    const compiler = outer.get_compiler(using, null, elideEmpty);
    const row = compiler.execute_single();
    let result: unknown[];
    if (row === null) result = emptySetResult;
    else {
      const cols = [...outer.annotation_select.values()];
      const converters = compiler.get_converters(cols);
      result = compiler.apply_converters_row(row, converters);
    }
    const out: Record<string, unknown> = {};
    [...outer.annotation_select.keys()].forEach((k, i) => (out[k] = result[i]));
    return out;
  }

  get_count(using: string): number {
    const obj = this.clone();
    return obj.get_aggregation(using, new Map([['__count', new Count('*') as Expression]])).__count as number;
  }

  has_filters(): boolean {
    return this.where.children.length > 0;
  }

  /** The query EXISTS() wraps: no columns, no ordering, `SELECT 1 AS "a" ... LIMIT 1`. */
  exists(limit = true): Query {
    const q = this.clone();
    if (!(q.distinct && q.is_sliced)) {
      if (q.group_by === true) {
        q.add_fields(
          this.get_meta().concrete_fields.map((f) => f.attname),
          false,
        );
        q.set_group_by(false);
      }
      q.clear_select_clause();
    }
    q.clear_ordering(true);
    if (limit) q.set_limits(null, 1);
    q.add_annotation(new Value(1), 'a');
    return q;
  }

  has_results(using: string): boolean {
    return this.exists().get_compiler(using).has_results();
  }

  explain(using: string, format: string | null = null): string {
    const q = this.clone();
    q.explain_info = { format };
    return q.get_compiler(using).explain_query().join('\n');
  }

  // ---------------------------------------------------------------- only()/defer()

  private getDeferSelectMask(opts: Options, mask: Map<string, Map<string, unknown>>, selectMask: SelectMask = new Map()): SelectMask {
    selectMask.set(opts.pk, new Map());
    for (const field of [...opts.concrete_fields, ...opts.related_objects] as FieldLike[]) {
      const fieldMask = mask.get(field.name) as Map<string, Map<string, unknown>> | undefined;
      mask.delete(field.name);
      let attMask: unknown;
      const attname = (field as Field).attname;
      if (attname) {
        attMask = mask.get(attname);
        mask.delete(attname);
      }
      if (fieldMask === undefined && attMask === undefined) {
        if (!selectMask.has(field)) selectMask.set(field, new Map());
      } else if (fieldMask && fieldMask.size) {
        if (!field.is_relation) throw new FieldError(fieldMask.keys().next().value as string);
        if (field.many_to_many) continue;
        if (!selectMask.has(field)) selectMask.set(field, new Map());
        this.getDeferSelectMask(field.related_model!._meta, fieldMask, selectMask.get(field)!);
      }
    }
    for (const name of mask.keys()) opts.get_field(name);
    return selectMask;
  }

  private getOnlySelectMask(opts: Options, mask: Map<string, Map<string, unknown>>, selectMask: SelectMask = new Map()): SelectMask {
    selectMask.set(opts.pk, new Map());
    for (const [name, fieldMask] of mask) {
      const field = opts.get_field(name);
      if (!selectMask.has(field)) selectMask.set(field, new Map());
      if (fieldMask.size) {
        if (!field.is_relation) throw new FieldError(fieldMask.keys().next().value as string);
        this.getOnlySelectMask(field.related_model!._meta, fieldMask as Map<string, Map<string, unknown>>, selectMask.get(field)!);
      }
    }
    return selectMask;
  }

  /** Which fields to load, from only()/defer(); an empty map means "all". */
  get_select_mask(): SelectMask {
    const [names, defer] = this.deferred_loading;
    if (!names.size) return new Map();
    const mask = new Map<string, Map<string, unknown>>();
    for (const name of names) {
      let part = mask;
      for (const p of name.split(LOOKUP_SEP)) {
        if (!part.has(p)) part.set(p, new Map());
        part = part.get(p) as Map<string, Map<string, unknown>>;
      }
    }
    return defer ? this.getDeferSelectMask(this.get_meta(), mask) : this.getOnlySelectMask(this.get_meta(), mask);
  }

  // ---------------------------------------------------------------- aliases and joins

  table_alias(tableName: string, create = false): [string, boolean] {
    const aliasList = this.table_map.get(tableName);
    if (!create && aliasList && aliasList.length) {
      const alias = aliasList[0];
      this.ref_alias(alias);
      return [alias, false];
    }
    let alias: string;
    if (aliasList && aliasList.length) {
      alias = `${this.alias_prefix}${this.alias_map.size + 1}`;
      aliasList.push(alias);
    } else {
      alias = tableName;
      this.table_map.set(tableName, [alias]);
    }
    this.alias_refcount.set(alias, 1);
    return [alias, true];
  }

  ref_alias(alias: string): void {
    this.alias_refcount.set(alias, (this.alias_refcount.get(alias) ?? 0) + 1);
  }

  unref_alias(alias: string, amount = 1): void {
    this.alias_refcount.set(alias, (this.alias_refcount.get(alias) ?? 0) - amount);
  }

  /** Turns joins (and the joins that hang from them) into LEFT OUTER JOINs where a NULL side must be kept. */
  promote_joins(aliases: Iterable<string>): void {
    const queue = [...aliases];
    while (queue.length) {
      const alias = queue.shift()!;
      const entry = this.alias_map.get(alias);
      if (!entry || entry.join_type === null) continue;
      const parent = entry.parent_alias ? this.alias_map.get(entry.parent_alias) : undefined;
      const parentLouter = parent?.join_type === LOUTER;
      const alreadyLouter = entry.join_type === LOUTER;
      if ((entry.nullable || parentLouter) && !alreadyLouter) {
        this.alias_map.set(alias, entry.promote());
        for (const [a, j] of this.alias_map) if (j.parent_alias === alias && !queue.includes(a)) queue.push(a);
      }
    }
  }

  demote_joins(aliases: Iterable<string>): void {
    const queue = [...aliases];
    while (queue.length) {
      const alias = queue.shift()!;
      const entry = this.alias_map.get(alias);
      if (entry instanceof Join && entry.join_type === LOUTER) {
        this.alias_map.set(alias, entry.demote());
        const parent = this.alias_map.get(entry.parent_alias);
        if (parent?.join_type === INNER) queue.push(entry.parent_alias);
      }
    }
  }

  reset_refcounts(toCounts: Map<string, number>): void {
    for (const [alias, cur] of [...this.alias_refcount]) this.unref_alias(alias, cur - (toCounts.get(alias) ?? 0));
  }

  change_aliases(changeMap: Map<string, string>): void {
    if (!changeMap.size) return;
    this.where.relabel_aliases(changeMap);
    if (Array.isArray(this.group_by)) this.group_by = this.group_by.map((c) => c.relabeled_clone(changeMap));
    this.select = this.select.map((c) => c.relabeled_clone(changeMap));
    this.annotations = new Map([...this.annotations].map(([k, v]) => [k, v.relabeled_clone(changeMap)]));
    this.annotationSelectCache = null;
    const newMap = new Map<string, TableEntry>();
    const newRefcount = new Map<string, number>();
    for (const [alias, entry] of this.alias_map) {
      const newAlias = changeMap.get(alias);
      if (newAlias === undefined) {
        newMap.set(alias, entry.relabeled_clone(changeMap));
        newRefcount.set(alias, this.alias_refcount.get(alias) ?? 0);
        continue;
      }
      newMap.set(newAlias, entry.relabeled_clone(changeMap));
      newRefcount.set(newAlias, this.alias_refcount.get(alias) ?? 0);
      const aliases = this.table_map.get(entry.table_name);
      if (aliases) {
        const pos = aliases.indexOf(alias);
        if (pos >= 0) aliases[pos] = newAlias;
      }
    }
    this.alias_map = newMap;
    this.alias_refcount = newRefcount;
    const external = new Map<string, boolean>();
    for (const [alias, aliased] of this.external_aliases) {
      external.set(changeMap.get(alias) ?? alias, aliased || changeMap.has(alias));
    }
    this.external_aliases = external;
  }

  /** Gives this (sub)query aliases that cannot clash with `outer`'s: U0, U1, ... */
  bump_prefix(outer: Query, exclude: Set<string> = new Set()): void {
    if (this.alias_prefix !== outer.alias_prefix) return;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const candidates = function* (start: string) {
      yield String.fromCharCode(start.charCodeAt(0) + 1);
      let prefix: string | null = String.fromCharCode(start.charCodeAt(0) + 1);
      for (let n = 1; ; n++) {
        const seq = prefix ? alphabet.slice(alphabet.indexOf(prefix)) : alphabet;
        const product = (k: number): string[] => (k === 0 ? [''] : product(k - 1).flatMap((p) => [...seq].map((c) => p + c)));
        yield* product(n);
        prefix = null;
      }
    };
    for (const prefix of candidates(this.alias_prefix)) {
      if (!this.subq_aliases.has(prefix)) {
        this.alias_prefix = prefix;
        break;
      }
    }
    this.subq_aliases = new Set([...this.subq_aliases, this.alias_prefix]);
    outer.subq_aliases = new Set([...outer.subq_aliases, ...this.subq_aliases]);
    const changeMap = new Map<string, string>();
    let pos = 0;
    for (const alias of this.alias_map.keys()) {
      if (!exclude.has(alias)) changeMap.set(alias, `${this.alias_prefix}${pos}`);
      pos++;
    }
    this.change_aliases(changeMap);
  }

  get_initial_alias(): string | null {
    if (this.alias_map.size) {
      const alias = this.base_table!;
      this.ref_alias(alias);
      return alias;
    }
    return this.join(new BaseTable(this.get_meta().db_table, null as never));
  }

  count_active_tables(): number {
    let n = 0;
    for (const c of this.alias_refcount.values()) if (c) n++;
    return n;
  }

  /**
   * Returns an alias for the join, reusing an existing identical join when
   * allowed: `reuse` null means any; a set limits reuse to those aliases
   * (multi-valued joins are reused only within one filter() call).
   */
  join(join: TableEntry, reuse: Set<string> | null = null): string {
    const reuseAliases: string[] = [];
    for (const [a, j] of this.alias_map) {
      if ((reuse === null || reuse.has(a)) && (j instanceof Join ? j.equals(join) : join instanceof BaseTable && j.table_name === join.table_name && join.table_alias === null)) {
        reuseAliases.push(a);
      }
    }
    if (reuseAliases.length) {
      const alias = join.table_alias && reuseAliases.includes(join.table_alias) ? join.table_alias : reuseAliases[reuseAliases.length - 1];
      this.ref_alias(alias);
      return alias;
    }
    const [alias] = this.table_alias(join.table_name, true);
    if (join instanceof Join) {
      const parent = this.alias_map.get(join.parent_alias);
      join.join_type = parent?.join_type === LOUTER || join.nullable ? LOUTER : INNER;
      join.table_alias = alias;
      this.alias_map.set(alias, join);
    } else {
      this.alias_map.set(alias, new BaseTable(join.table_name, alias));
    }
    return alias;
  }

  check_alias(alias: string): void {
    if (ALIAS_FORBIDDEN.test(alias)) {
      throw new ValueError(
        'Column aliases cannot contain whitespace characters, hashes, control characters, quotation marks, semicolons, or SQL comments.',
      );
    }
  }

  add_annotation(annotation: Expression, alias: string, select = true): void {
    this.check_alias(alias);
    const resolved = annotation.resolve_expression(this, true, null);
    if (select) this.append_annotation_mask([alias]);
    else this.set_annotation_mask([...this.annotation_select.keys()].filter((k) => k !== alias));
    this.annotations.set(alias, resolved);
    this.annotationSelectCache = null;
    if (select && this.selected) this.selected.set(alias, alias);
  }

  get _subquery_fields_len(): number {
    return this.has_select_fields ? this.selected!.size : 1;
  }

  // ---------------------------------------------------------------- as an expression (subqueries)

  get contains_aggregate(): boolean {
    return false;
  }

  get contains_over_clause(): boolean {
    return false;
  }

  get contains_subquery(): boolean {
    return true;
  }

  get_refs(): Set<string> {
    return new Set();
  }

  resolve_expression(outer: Query, ...args: unknown[]): Query {
    const clone = this.clone();
    clone.bump_prefix(outer);
    clone.subquery = true;
    clone.where = clone.where.resolve_outer_refs(outer, ...args);
    for (const [key, value] of clone.annotations) {
      const resolved = (value.resolve_expression as (...a: unknown[]) => Expression).call(value, outer, ...args);
      const ext = (resolved as { external_aliases?: Map<string, boolean> }).external_aliases;
      if (ext) for (const [a, v] of clone.external_aliases) ext.set(a, v);
      clone.annotations.set(key, resolved);
    }
    clone.annotationSelectCache = null;
    for (const [alias, table] of outer.alias_map) {
      clone.external_aliases.set(
        alias,
        (table instanceof Join && (table.join_field.related_model as ModelClass)._meta.db_table !== alias) ||
          (table instanceof BaseTable && table.table_name !== table.table_alias),
      );
    }
    return clone;
  }

  get_external_cols(): Col[] {
    const exprs: unknown[] = [...this.annotations.values(), ...this.where.children];
    return [...genCols(exprs, true)].filter((c) => c.alias !== null && this.external_aliases.has(c.alias));
  }

  get_group_by_cols(wrapper: Expression | null = null): Expression[] {
    const external = this.get_external_cols();
    if (external.some((c) => c.possibly_multivalued)) return [wrapper ?? (this as unknown as Expression)];
    return external;
  }

  relabeled_clone_expr(changeMap: Map<string, string>): Query {
    return this.relabeled_clone(changeMap);
  }

  as_sql(_compiler: Compiler, connection: Connection): SqlResult {
    let [sql, params] = this.get_compiler(null, connection).as_sql();
    if (this.subquery) sql = `(${sql})`;
    return [sql, params];
  }

  // ---------------------------------------------------------------- filters

  resolve_lookup_value(value: unknown, canReuse: Set<string> | null, allowJoins: boolean, summarize = false): unknown {
    if (isResolvable(value)) return value.resolve_expression(this, allowJoins, canReuse, summarize);
    if (Array.isArray(value)) return value.map((v) => this.resolve_lookup_value(v, canReuse, allowJoins, summarize));
    return value;
  }

  solve_lookup_type(lookup: string, summarize = false): [string[], string[], Expression | false] {
    const parts = lookup.split(LOOKUP_SEP);
    if (this.annotations.size) {
      const [annotation, expressionLookups] = refsExpression(parts, this.annotations);
      if (annotation) {
        let expression = this.annotations.get(annotation)!;
        if (summarize) expression = new Ref(annotation, expression);
        return [expressionLookups, [], expression];
      }
    }
    const [, , , lookupParts] = this.names_to_path(parts, this.get_meta());
    const fieldParts = parts.slice(0, parts.length - lookupParts.length);
    if (lookupParts.length > 1 && !fieldParts.length) {
      throw new FieldError(`Invalid lookup "${lookup}" for model ${this.get_meta().object_name}".`);
    }
    return [lookupParts, fieldParts, false];
  }

  check_query_object_type(value: unknown, opts: Options): void {
    const meta = (value as { _meta?: Options } | null)?._meta ?? (value as { constructor?: { _meta?: Options } })?.constructor?._meta;
    if (value && typeof value === 'object' && meta && (value as { _state?: unknown })._state !== undefined) {
      if (!checkRelLookupCompatibility(meta.model, opts)) {
        throw new ValueError(`Cannot query "${String(value)}": Must be "${opts.object_name}" instance.`);
      }
    }
  }

  check_related_objects(field: FieldLike, value: unknown, opts: Options): void {
    if (!field.is_relation) return;
    if (value instanceof Query && !value.has_select_fields && !checkRelLookupCompatibility(value.model, opts)) {
      throw new ValueError(`Cannot use QuerySet for "${value.model._meta.object_name}": Use a QuerySet for "${opts.object_name}".`);
    }
    if (Array.isArray(value)) for (const v of value) this.check_query_object_type(v, opts);
    else this.check_query_object_type(value, opts);
  }

  check_filterable(expression: unknown): void {
    if (isResolvable(expression) && (expression as Expression).filterable === false) {
      throw new NotSupportedError(`${(expression as object).constructor.name} is disallowed in the filter clause.`);
    }
    const sources = (expression as Expression | null)?.get_source_expressions?.();
    if (sources) for (const e of sources) this.check_filterable(e);
  }

  /** Builds `lhs <lookup> rhs` from `['icontains']`, transforms first: `['year', 'gte']`. */
  build_lookup(lookups: string[], lhs: Expression, rhs: unknown): Lookup | null {
    const names = lookups.length ? lookups : ['exact'];
    const transforms = names.slice(0, -1);
    let lookupName = names[names.length - 1];
    for (const name of transforms) lhs = this.try_transform(lhs, name, names);
    let lookupClass = lhs.get_lookup(lookupName) as LookupClass | undefined;
    if (!lookupClass) {
      lhs = this.try_transform(lhs, lookupName);
      lookupName = 'exact';
      lookupClass = lhs.get_lookup(lookupName) as LookupClass | undefined;
      if (!lookupClass) return null;
    }
    const lookup = new lookupClass(lhs, rhs);
    if ((lookup.rhs === null || lookup.rhs === undefined) && !lookup.can_use_none_as_rhs) {
      if (lookupName !== 'exact' && lookupName !== 'iexact') throw new ValueError('Cannot use None as a query value');
      return new (lhs.get_lookup('isnull') as LookupClass)(lhs, true);
    }
    return lookup;
  }

  try_transform(lhs: Expression, name: string, lookups: string[] | null = null): Expression {
    const transformClass = lhs.get_transform(name) as TransformClass | undefined;
    if (transformClass) return new transformClass(lhs);
    const output = lhs.output_field;
    const suggested = difflibCloseMatches(name, output.get_lookups());
    const suggestion = suggested.length ? `, perhaps you meant ${suggested.join(' or ')}?` : '.';
    const unsupported = lookups ? lookups.slice(lookups.indexOf(name)).join(LOOKUP_SEP) : name;
    throw new FieldError(
      `Unsupported lookup '${unsupported}' for ${output.constructor.name} or join on the field not permitted${suggestion}`,
    );
  }

  /** One filter clause as a WhereNode, and the joins that must stay INNER for it. */
  build_filter(
    filterExpr: QChild,
    {
      branch_negated = false,
      current_negated = false,
      can_reuse = null as Set<string> | null,
      allow_joins = true,
      split_subq = true,
      check_filterable = true,
      summarize = false,
      update_join_types = true,
    } = {},
  ): [WhereNode, Set<string> | string[]] {
    if (filterExpr instanceof Q) {
      return this._add_q(filterExpr, can_reuse, {
        branch_negated,
        current_negated,
        allow_joins,
        split_subq,
        check_filterable,
        summarize,
        update_join_types,
      });
    }
    if (!Array.isArray(filterExpr)) {
      if (!(filterExpr as { conditional?: boolean }).conditional) {
        throw new PyTypeError('Cannot filter against a non-conditional expression.');
      }
      let condition = (filterExpr as Expression).resolve_expression(this, allow_joins, can_reuse, summarize) as Expression;
      if (!(condition instanceof Lookup)) condition = this.build_lookup(['exact'], condition, true)!;
      return [new WhereNode([condition], 'AND'), []];
    }
    const [arg, rawValue] = filterExpr;
    if (!arg) throw new FieldError(`Cannot parse keyword query '${arg}'`);
    const [lookups, parts, reffed] = this.solve_lookup_type(arg, summarize);
    if (check_filterable) this.check_filterable(reffed);
    if (!allow_joins && parts.length > 1) throw new FieldError('Joined field references are not permitted in this query');

    const preJoins = new Map(this.alias_refcount);
    let value = this.resolve_lookup_value(rawValue, can_reuse, allow_joins, summarize);
    const usedJoins = new Set<string>();
    for (const [k, v] of this.alias_refcount) if (v > (preJoins.get(k) ?? 0)) usedJoins.add(k);
    if (check_filterable) this.check_filterable(value);

    if (reffed) {
      const condition = this.build_lookup(lookups, reffed, value);
      return [new WhereNode([condition!], 'AND'), []];
    }

    const opts = this.get_meta();
    const alias = this.get_initial_alias()!;
    const allowMany = !branch_negated || !split_subq;
    let joinInfo: JoinInfo;
    try {
      joinInfo = this.setup_joins(parts, opts, alias, can_reuse, allowMany);
      if (value && typeof value === 'object' && !Array.isArray(value) && Symbol.iterator in value && !(typeof (value as { _fetch_all?: unknown })._fetch_all === 'function')) {
        value = [...(value as Iterable<unknown>)];
      }
      this.check_related_objects(joinInfo.final_field, value, joinInfo.opts);
      this._lookup_joins = joinInfo.joins;
    } catch (e) {
      if (e instanceof MultiJoin) return this.split_exclude(filterExpr, can_reuse ?? new Set(), e.names_with_path);
      throw e;
    }
    for (const j of joinInfo.joins) usedJoins.add(j);
    const [targets, finalAlias, joinList] = this.trim_joins(joinInfo.targets, joinInfo.joins, joinInfo.path);
    if (can_reuse) for (const j of joinList) can_reuse.add(j);

    const col = this._get_col(targets[0], joinInfo.final_field, finalAlias);
    const condition = this.build_lookup(lookups, col, value)!;
    const lookupType = condition.lookup_name;
    const clause = new WhereNode([condition], 'AND');

    let requireOuter = lookupType === 'isnull' && condition.rhs === true && !current_negated;
    if (current_negated && (lookupType !== 'isnull' || condition.rhs === false) && condition.rhs !== null && condition.rhs !== undefined) {
      requireOuter = true;
      if (lookupType !== 'isnull') {
        const lastJoin = this.alias_map.get(joinList[joinList.length - 1]);
        if (this.is_nullable(targets[0]) || lastJoin?.join_type === LOUTER) {
          const isnull = targets[0].get_lookup('isnull') as LookupClass;
          clause.add(new isnull(this._get_col(targets[0], joinInfo.targets[0], finalAlias), false), 'AND');
        }
        if (value instanceof Col && this.is_nullable(value.target)) {
          const isnull = value.target.get_lookup('isnull') as LookupClass;
          clause.add(new isnull(value, false), 'AND');
        }
      }
    }
    return [clause, requireOuter ? [] : usedJoins];
  }

  add_filter(lhs: string, rhs: unknown): void {
    this.add_q(new Q([lhs, rhs] as never));
  }

  add_q(qObject: Q, reuseAll = false): void {
    const existingInner = new Set<string>();
    for (const [a, j] of this.alias_map) if (j.join_type === INNER) existingInner.add(a);
    const canReuse = reuseAll ? new Set(this.alias_map.keys()) : this.used_aliases;
    const [clause] = this._add_q(qObject, canReuse);
    if (clause.children.length) this.where.add(clause, 'AND');
    this.demote_joins(existingInner);
  }

  build_where(filterExpr: QChild): WhereNode {
    return this.build_filter(filterExpr, { allow_joins: false })[0];
  }

  clear_where(): void {
    this.where = new WhereNode();
  }

  _add_q(qObject: Q, usedAliases: Set<string> | null, options: AddQOptions = {}): [WhereNode, Set<string> | string[]] {
    const { branch_negated = false, allow_joins = true, split_subq = true, check_filterable = true, summarize = false, update_join_types = true } = options;
    const connector = qObject.connector;
    const currentNegated = (options.current_negated ?? false) !== qObject.negated;
    const branchNegated = branch_negated || qObject.negated;
    const targetClause = new WhereNode([], connector, qObject.negated);
    const promoter = new JoinPromoter(connector, qObject.children.length, currentNegated);
    for (const child of qObject.children) {
      const [childClause, neededInner] = this.build_filter(child, {
        can_reuse: usedAliases,
        branch_negated: branchNegated,
        current_negated: currentNegated,
        allow_joins,
        split_subq,
        check_filterable,
        summarize,
        update_join_types,
      });
      promoter.add_votes(neededInner);
      if (childClause.children.length) targetClause.add(childClause, connector);
    }
    const neededInner = update_join_types ? promoter.update_join_types(this) : new Set<string>();
    return [targetClause, neededInner];
  }

  /**
   * Turns a list of names into the relations to travel. Returns the path, the
   * final field, its target fields, and the names left over (lookups/transforms).
   */
  names_to_path(names: string[], opts: Options | null, allowMany = true, failOnMissing = false): [PathInfo[], FieldLike, Field[], string[]] {
    const path: PathInfo[] = [];
    const namesWithPath: [string, PathInfo[]][] = [];
    let finalField: FieldLike | null = null;
    let targets: Field[] = [];
    let pos = 0;
    for (pos = 0; pos < names.length; pos++) {
      let name = names[pos];
      const cur: [string, PathInfo[]] = [name, []];
      if (name === 'pk' && opts) name = opts.pk.name;
      let field: FieldLike | null = null;
      if (opts) {
        try {
          field = opts.get_field(name);
        } catch (e) {
          if (!(e instanceof FieldDoesNotExist)) throw e;
          const annotation = this.annotation_select.get(name);
          if (annotation) field = annotation.output_field;
        }
      }
      if (field === null) {
        pos -= 1;
        if (pos === -1 || failOnMissing) {
          const available = [...getFieldNamesFromOpts(opts), ...this.annotation_select.keys()].sort();
          throw new FieldError(`Cannot resolve keyword '${name}' into field. Choices are: ${available.join(', ')}`);
        }
        break;
      }
      const pathInfos = (field as unknown as RelatedFieldLike).path_infos;
      if (pathInfos) {
        if (!allowMany) {
          for (let i = 0; i < pathInfos.length; i++) {
            if (pathInfos[i].m2m) {
              cur[1].push(...pathInfos.slice(0, i + 1));
              namesWithPath.push(cur);
              throw new MultiJoin(pos + 1, namesWithPath);
            }
          }
        }
        const last = pathInfos[pathInfos.length - 1];
        path.push(...pathInfos);
        finalField = last.join_field as FieldLike;
        opts = last.to_opts;
        targets = last.target_fields;
        cur[1].push(...pathInfos);
        namesWithPath.push(cur);
      } else {
        finalField = field;
        targets = [field as Field];
        if (failOnMissing && pos + 1 !== names.length) {
          throw new FieldError(`Cannot resolve keyword '${names[pos + 1]}' into field. Join on '${name}' not permitted.`);
        }
        break;
      }
    }
    return [path, finalField!, targets, names.slice(pos + 1)];
  }

  /** Adds the joins needed to reach the end of `names`, reusing joins where Django would. */
  setup_joins(names: string[], opts: Options, alias: string, canReuse: Set<string> | null = null, allowMany = true): JoinInfo {
    const joins = [alias];
    let transformFunction = (field: Field, a: string): Expression => field.get_col(a);
    let lastFieldException: FieldError | null = null;
    let path: PathInfo[] = [];
    let finalField!: FieldLike;
    let targets: Field[] = [];
    let transforms: string[] = [];
    for (let pivot = names.length; pivot > 0; pivot--) {
      try {
        [path, finalField, targets] = this.names_to_path(names.slice(0, pivot), opts, allowMany, true);
        transforms = names.slice(pivot);
        break;
      } catch (e) {
        if (!(e instanceof FieldError)) throw e;
        if (pivot === 1) throw e;
        lastFieldException = e;
      }
    }
    for (const name of transforms) {
      const previous = transformFunction;
      transformFunction = (field: Field, a: string) => {
        try {
          return this.try_transform(previous(field, a), name);
        } catch (e) {
          if (e instanceof FieldError && lastFieldException && 'attname' in finalField) throw lastFieldException;
          throw e;
        }
      };
    }
    const finalTransform = transformFunction;
    (finalTransform as { has_transforms?: boolean }).has_transforms = transforms.length > 0;
    let currentOpts = opts;
    for (const join of path) {
      currentOpts = join.to_opts;
      const nullable = join.direct ? this.is_nullable(join.join_field as Field) : true;
      const connection = new Join(currentOpts.db_table, alias, null, INNER, join.join_field, nullable);
      const reuse = join.m2m ? canReuse : null;
      alias = this.join(connection, reuse);
      joins.push(alias);
    }
    return { final_field: finalField, targets, opts: currentOpts, joins, path, transform_function: finalTransform };
  }

  /** Drops trailing direct joins whose target column is already on the previous table (`author_id` instead of joining author). */
  trim_joins(targets: Field[], joins: string[], path: PathInfo[]): [Field[], string, string[]] {
    joins = joins.slice();
    for (const info of [...path].reverse()) {
      if (joins.length === 1 || !info.direct) break;
      const joinField = info.join_field as unknown as RelatedFieldLike;
      const joinTargets = new Set(joinField.foreign_related_fields.map((t) => t.column));
      const cur = targets.map((t) => t.column);
      if (!cur.every((c) => joinTargets.has(c))) break;
      const byColumn = new Map(joinField.related_fields.filter(([, r]) => cur.includes(r.column)).map(([l, r]) => [r.column, l]));
      targets = targets.map((t) => byColumn.get(t.column)!);
      this.unref_alias(joins.pop()!);
    }
    return [targets, joins[joins.length - 1], joins];
  }

  /** Resolves F('author__follower_count') to a column, adding joins. */
  resolve_ref(name: string, allowJoins = true, reuse: Set<string> | null = null, summarize = false): Expression {
    const annotation = this.annotations.get(name);
    if (annotation) {
      if (!allowJoins) {
        for (const col of genCols([annotation])) {
          if (col.alias && this.alias_map.get(col.alias) instanceof Join) {
            throw new FieldError('Joined field references are not permitted in this query');
          }
        }
      }
      if (summarize) {
        const selected = this.annotation_select.get(name);
        if (!selected) throw new FieldError(`Cannot aggregate over the '${name}' alias. Use annotate() to promote it.`);
        return new Ref(name, selected);
      }
      return annotation;
    }
    const fieldList = name.split(LOOKUP_SEP);
    const head = this.annotations.get(fieldList[0]);
    if (head) {
      let expr = head;
      for (const t of fieldList.slice(1)) expr = this.try_transform(expr, t);
      return expr;
    }
    const joinInfo = this.setup_joins(fieldList, this.get_meta(), this.get_initial_alias()!, reuse);
    const [targets, finalAlias, joinList] = this.trim_joins(joinInfo.targets, joinInfo.joins, joinInfo.path);
    if (!allowJoins && joinList.length > 1) throw new FieldError('Joined field references are not permitted in this query');
    if (targets.length > 1) throw new FieldError("Referencing multicolumn fields with F() objects isn't supported");
    const transform = joinInfo.transform_function(targets[0], finalAlias);
    if (reuse) for (const j of joinList) reuse.add(j);
    return transform;
  }

  /**
   * exclude() across a multi-valued relation becomes `NOT EXISTS(subquery)`
   * so that "no related row matches" is what gets excluded.
   */
  split_exclude(filterExpr: [string, unknown], canReuse: Set<string>, namesWithPath: [string, PathInfo[]][]): [WhereNode, Set<string> | string[]] {
    const query = new Query(this.model);
    const [lhs, rawRhs] = filterExpr;
    let rhs = rawRhs;
    if (rhs instanceof OuterRef) rhs = new OuterRef(rhs);
    else if (rhs instanceof F) rhs = new OuterRef(rhs.name);
    query.add_filter(lhs, rhs);
    query.clear_ordering(true);
    const [trimmedPrefix, containsLouter] = query.trim_start(namesWithPath);
    const col = query.select[0] as Col;
    const selectField = col.target;
    const alias = col.alias!;
    const exact = selectField.get_lookup('exact') as LookupClass;
    if (canReuse.has(alias)) {
      const pk = selectField.model._meta.pk;
      query.bump_prefix(this);
      query.where.add(new exact(pk.get_col((query.select[0] as Col).alias), pk.get_col(alias)), 'AND');
      query.external_aliases.set(alias, true);
    } else {
      query.where.add(new exact(col, new ResolvedOuterRef(trimmedPrefix)), 'AND');
    }
    const [condition, neededInner] = this.build_filter(new Exists(query) as never);
    if (containsLouter) {
      const [orNull] = this.build_filter([`${trimmedPrefix}__isnull`, true], {
        current_negated: true,
        branch_negated: true,
        can_reuse: canReuse,
      });
      condition.add(orNull, 'OR');
    }
    return [condition, neededInner];
  }

  set_empty(): void {
    this.where.add(new NothingNode() as never, 'AND');
  }

  is_empty(): boolean {
    return this.where.children.some((c) => c instanceof NothingNode);
  }

  set_limits(low: number | null = null, high: number | null = null): void {
    if (high !== null) this.high_mark = this.high_mark !== null ? Math.min(this.high_mark, this.low_mark + high) : this.low_mark + high;
    if (low !== null) this.low_mark = this.high_mark !== null ? Math.min(this.high_mark, this.low_mark + low) : this.low_mark + low;
    if (this.low_mark === this.high_mark) this.set_empty();
  }

  clear_limits(): void {
    this.low_mark = 0;
    this.high_mark = null;
  }

  get is_sliced(): boolean {
    return this.low_mark !== 0 || this.high_mark !== null;
  }

  has_limit_one(): boolean {
    return this.high_mark !== null && this.high_mark - this.low_mark === 1;
  }

  can_filter(): boolean {
    return !this.is_sliced;
  }

  // ---------------------------------------------------------------- select

  clear_select_clause(): void {
    this.select = [];
    this.default_cols = false;
    this.select_related = false;
    this.set_annotation_mask([]);
    this.selected = null;
  }

  clear_select_fields(): void {
    this.select = [];
    this.values_select = [];
    this.selected = null;
  }

  add_select_col(col: Expression, name: string): void {
    this.select.push(col);
    this.values_select.push(name);
    this.selected?.set(name, this.select.length - 1);
  }

  set_select(cols: Expression[]): void {
    this.default_cols = false;
    this.select = cols.slice();
  }

  add_distinct_fields(...fieldNames: string[]): void {
    this.distinct_fields = fieldNames;
    this.distinct = true;
  }

  /** Selects the given (possibly related) fields, in order. */
  add_fields(fieldNames: Iterable<string>, allowM2M = true): void {
    const alias = this.get_initial_alias()!;
    const opts = this.get_meta();
    const cols: Expression[] = [];
    let current = '';
    try {
      for (const name of fieldNames) {
        current = name;
        const joinInfo = this.setup_joins(name.split(LOOKUP_SEP), opts, alias, null, allowM2M);
        const [targets, finalAlias] = this.trim_joins(joinInfo.targets, joinInfo.joins, joinInfo.path);
        cols.push(joinInfo.transform_function(targets[0], finalAlias));
      }
      if (cols.length) this.set_select(cols);
    } catch (e) {
      if (e instanceof MultiJoin) throw new FieldError(`Invalid field name: '${current}'`);
      if (e instanceof FieldError && !current.includes(LOOKUP_SEP)) {
        const names = [...getFieldNamesFromOpts(opts), ...this.annotation_select.keys()].sort();
        throw new FieldError(`Cannot resolve keyword '${current}' into field. Choices are: ${names.join(', ')}`);
      }
      throw e;
    }
  }

  add_ordering(...ordering: (string | Expression)[]): void {
    const errors: unknown[] = [];
    for (const item of ordering) {
      if (typeof item === 'string') {
        if (item === '?') continue;
        const name = item.startsWith('-') ? item.slice(1) : item;
        if (this.annotations.has(name)) continue;
        this.names_to_path(name.split(LOOKUP_SEP), this.model._meta);
      } else if (!isResolvable(item)) {
        errors.push(item);
      } else if ((item as Expression).contains_aggregate) {
        throw new FieldError(`Using an aggregate in order_by() without also including it in annotate() is not allowed: ${item}`);
      }
    }
    if (errors.length) throw new FieldError(`Invalid order_by arguments: [${errors.map(String).join(', ')}]`);
    if (ordering.length) this.order_by.push(...ordering);
    else this.default_ordering = false;
  }

  clear_ordering(force = false, clearDefault = true): void {
    if (!force && (this.is_sliced || this.distinct_fields.length || this.select_for_update)) return;
    this.order_by = [];
    if (clearDefault) this.default_ordering = false;
  }

  /** GROUP BY every selected column and non-aggregate annotation (values().annotate()). */
  set_group_by(allowAliases = true): void {
    if (allowAliases && this.values_select.length) {
      const groupByAnnotations = new Map<string, Expression>();
      const valuesSelect = new Map<string, Expression>();
      this.values_select.forEach((alias, i) => {
        const expr = this.select[i];
        if (expr instanceof Col) valuesSelect.set(alias, expr);
        else groupByAnnotations.set(alias, expr);
      });
      this.annotations = new Map([...groupByAnnotations, ...this.annotations]);
      this.append_annotation_mask([...groupByAnnotations.keys()]);
      this.select = [...valuesSelect.values()];
      this.values_select = [...valuesSelect.keys()];
      if (this.selected) [...valuesSelect.keys()].forEach((v, i) => this.selected!.set(v, i));
    }
    const groupBy: Expression[] = this.select.slice();
    for (const [alias, annotation] of this.annotation_select) {
      const cols = annotation.get_group_by_cols();
      if (!cols.length) continue;
      if (allowAliases && !annotation.contains_aggregate) groupBy.push(new Ref(alias, annotation));
      else groupBy.push(...cols);
    }
    this.group_by = groupBy;
  }

  add_select_related(fields: string[]): void {
    const tree: SelectRelatedTree = typeof this.select_related === 'object' ? this.select_related : {};
    for (const field of fields) {
      let d = tree;
      for (const part of field.split(LOOKUP_SEP)) d = d[part] ??= {};
    }
    this.select_related = tree;
  }

  clear_deferred_loading(): void {
    this.deferred_loading = [new Set(), true];
  }

  add_deferred_loading(fieldNames: string[]): void {
    const [existing, defer] = this.deferred_loading;
    if (defer) {
      this.deferred_loading = [new Set([...existing, ...fieldNames]), true];
    } else {
      const remaining = new Set([...existing].filter((n) => !fieldNames.includes(n)));
      if (remaining.size) this.deferred_loading = [remaining, false];
      else {
        this.clear_deferred_loading();
        const newOnly = fieldNames.filter((n) => !existing.has(n));
        if (newOnly.length) this.deferred_loading = [new Set(newOnly), true];
      }
    }
  }

  add_immediate_loading(fieldNames: string[]): void {
    const [existing, defer] = this.deferred_loading;
    const names = new Set(fieldNames);
    if (names.has('pk')) {
      names.delete('pk');
      names.add(this.get_meta().pk.name);
    }
    this.deferred_loading = defer ? [new Set([...names].filter((n) => !existing.has(n))), false] : [names, false];
  }

  set_annotation_mask(names: Iterable<string> | null): void {
    if (names === null) this.annotation_select_mask = null;
    else {
      const list = [...new Set(names)];
      this.annotation_select_mask = list;
      if (this.selected && this.selected.size) {
        const mask = new Set(list);
        for (const [k, v] of [...this.selected]) if (typeof v === 'string' && !mask.has(v)) this.selected.delete(k);
        for (const name of list) this.selected.set(name, name);
      }
    }
    this.annotationSelectCache = null;
  }

  append_annotation_mask(names: Iterable<string>): void {
    if (this.annotation_select_mask !== null) this.set_annotation_mask([...this.annotation_select_mask, ...names]);
  }

  get has_select_fields(): boolean {
    return this.selected !== null;
  }

  /** values()/values_list(): select exactly these fields and annotations, in this order. */
  set_values(fields: string[]): void {
    this.select_related = false;
    this.clear_deferred_loading();
    this.clear_select_fields();
    let selected = new Map<string, Selected>();
    let fieldNames: string[] = [];
    if (fields.length) {
      for (const f of fields) this.check_alias(f);
      const annotationNames: string[] = [];
      if (!this.annotations.size) {
        fieldNames = fields.slice();
        fields.forEach((f, i) => selected.set(f, i));
      } else {
        this.default_cols = false;
        for (const f of fields) {
          if (this.annotation_select.has(f)) {
            annotationNames.push(f);
            selected.set(f, f);
          } else if (this.annotations.has(f)) {
            throw new FieldError(`Cannot select the '${f}' alias. Use annotate() to promote it.`);
          } else {
            if (this.annotation_select.size) this.names_to_path(f.split(LOOKUP_SEP), this.model._meta);
            selected.set(f, fieldNames.length);
            fieldNames.push(f);
          }
        }
      }
      this.set_annotation_mask(annotationNames);
    } else {
      fieldNames = this.get_meta().concrete_fields.map((f) => f.attname);
      selected = new Map(fieldNames.map((n) => [n, null]));
    }
    if (this.group_by === true) {
      this.add_fields(
        this.get_meta().concrete_fields.map((f) => f.attname),
        false,
      );
      this.set_group_by(false);
      this.clear_select_fields();
    } else if (Array.isArray(this.group_by)) {
      this.group_by = this.group_by.map((e) => (e instanceof Ref && !selected.has(e.refs) ? this.annotations.get(e.refs)! : e));
    }
    this.values_select = fieldNames;
    this.add_fields(fieldNames, true);
    this.selected = fields.length ? selected : null;
  }

  /** Annotations that appear in SELECT (not masked out by values()). */
  get annotation_select(): Map<string, Expression> {
    if (this.annotationSelectCache) return this.annotationSelectCache;
    if (!this.annotations.size) return EMPTY_MAP;
    if (this.annotation_select_mask !== null) {
      const mask = new Set(this.annotation_select_mask);
      this.annotationSelectCache = new Map([...this.annotations].filter(([k]) => mask.has(k)));
      return this.annotationSelectCache;
    }
    return this.annotations;
  }

  /** For split_exclude(): drops the leading joins of the subquery up to the multi-valued relation. */
  trim_start(namesWithPath: [string, PathInfo[]][]): [string, boolean] {
    const allPaths = namesWithPath.flatMap(([, paths]) => paths);
    let containsLouter = false;
    const lookupTables = [...this.alias_map.keys()].filter((t) => this._lookup_joins.includes(t) || t === this.base_table);
    let trimmedPaths = 0;
    let path = allPaths[0];
    for (trimmedPaths = 0; trimmedPaths < allPaths.length; trimmedPaths++) {
      path = allPaths[trimmedPaths];
      if (path.m2m) break;
      if (this.alias_map.get(lookupTables[trimmedPaths + 1])?.join_type === LOUTER) containsLouter = true;
      this.unref_alias(lookupTables[trimmedPaths]);
    }
    const joinField = (path.join_field as ForeignObjectRel).field;
    let pathsInPrefix = trimmedPaths;
    const prefix: string[] = [];
    for (const [name, p] of namesWithPath) {
      if (pathsInPrefix - p.length < 0) break;
      prefix.push(name);
      pathsInPrefix -= p.length;
    }
    prefix.push(joinField.foreign_related_fields[0].name);
    const trimmedPrefix = prefix.join(LOOKUP_SEP);
    const firstJoin = this.alias_map.get(lookupTables[trimmedPaths + 1])!;
    let selectFields: Field[];
    let selectAlias: string;
    if (firstJoin.join_type !== LOUTER) {
      selectFields = joinField.related_fields.map(([l]) => l);
      selectAlias = lookupTables[trimmedPaths + 1];
      this.unref_alias(lookupTables[trimmedPaths]);
    } else {
      selectFields = joinField.related_fields.map(([, r]) => r);
      selectAlias = lookupTables[trimmedPaths];
    }
    for (const [table, entry] of this.alias_map) {
      if ((this.alias_refcount.get(table) ?? 0) > 0) {
        this.alias_map.set(table, new BaseTable(entry.table_name, table));
        break;
      }
    }
    this.set_select(selectFields.map((f) => f.get_col(selectAlias)));
    return [trimmedPrefix, containsLouter];
  }

  is_nullable(field: Field): boolean {
    return field.null;
  }
}

const EMPTY_MAP: Map<string, Expression> = new Map();


function checkRelLookupCompatibility(model: ModelClass, targetOpts: Options): boolean {
  return model._meta.concrete_model === targetOpts.concrete_model;
}

function structuredCloneTree(tree: SelectRelatedTree): SelectRelatedTree {
  const out: SelectRelatedTree = {};
  for (const [k, v] of Object.entries(tree)) out[k] = structuredCloneTree(v);
  return out;
}

/** Every Col inside these expressions (and, with includeExternal, subqueries' outer references). */
export function* genCols(exprs: Iterable<unknown>, includeExternal = false, resolveRefs = true): Generator<Col> {
  for (const expr of exprs) {
    if (expr === null || expr === undefined) continue;
    if (expr instanceof Col) yield expr;
    else if (includeExternal && typeof (expr as { get_external_cols?: unknown }).get_external_cols === 'function') {
      yield* (expr as { get_external_cols(): Col[] }).get_external_cols();
    } else if (expr && typeof (expr as Expression).get_source_expressions === 'function') {
      if (!resolveRefs && expr instanceof Ref) continue;
      yield* genCols((expr as Expression).get_source_expressions(), includeExternal, resolveRefs);
    }
  }
}

/** A copy of `expr` with each Col replaced by `replace(col)`. */
function replaceCols(expr: Expression, replace: (col: Col) => Expression): Expression {
  if (expr instanceof Col) return replace(expr);
  if (expr instanceof Ref) return expr;
  const sources = expr.get_source_expressions();
  if (!sources.length) return expr;
  const clone = expr.copy();
  clone.set_source_expressions(sources.map((s) => (s ? replaceNode(s, replace) : null)));
  return clone;
}

function replaceNode(node: Expression, replace: (col: Col) => Expression): Expression {
  if (node instanceof WhereNode) {
    const clone = (node as WhereNode).clone();
    clone.children = clone.children.map((c) => replaceNode(c as Expression, replace) as never);
    return clone as unknown as Expression;
  }
  return replaceCols(node, replace);
}

/** Replaces Ref(alias) with the annotation it refers to. */
function inlineRefs(expr: Expression, annotations: Map<string, Expression>): Expression {
  if (expr instanceof Ref) return annotations.get(expr.refs) ?? expr;
  const sources = expr.get_source_expressions();
  if (!sources.length) return expr;
  const clone = expr.copy();
  clone.set_source_expressions(sources.map((s) => (s ? inlineRefs(s, annotations) : null)));
  return clone;
}

/** Decides INNER vs LEFT OUTER for the joins of one AND/OR node (Django's JoinPromoter). */
export class JoinPromoter {
  readonly effective_connector: string;
  private readonly votes = new Map<string, number>();

  constructor(
    readonly connector: string,
    readonly num_children: number,
    readonly negated: boolean,
  ) {
    this.effective_connector = negated ? (connector === 'AND' ? 'OR' : 'AND') : connector;
  }

  add_votes(votes: Iterable<string>): void {
    for (const v of votes) this.votes.set(v, (this.votes.get(v) ?? 0) + 1);
  }

  update_join_types(query: Query): Set<string> {
    const toPromote = new Set<string>();
    const toDemote = new Set<string>();
    for (const [table, votes] of this.votes) {
      if (this.effective_connector === 'OR' && votes < this.num_children) toPromote.add(table);
      if (this.effective_connector === 'AND' || (this.effective_connector === 'OR' && votes === this.num_children)) {
        toDemote.add(table);
      }
    }
    query.promote_joins(toPromote);
    query.demote_joins(toDemote);
    return toDemote;
  }
}

/** `SELECT ... FROM (inner) subquery`: aggregate() over a sliced, distinct or annotated query. */
export class AggregateQuery extends Query {
  readonly inner_query: Query;

  constructor(model: ModelClass, inner: Query) {
    super(model);
    this.inner_query = inner;
  }

  override clone(): this {
    const obj = super.clone();
    (obj as { inner_query: Query }).inner_query = this.inner_query.clone();
    return obj;
  }
}

/** What Query needs from its compiler; the implementation lives in compiler.ts. */
export interface SQLCompilerLike {
  as_sql(withLimits?: boolean, withColAliases?: boolean): SqlResult;
  execute_single(): unknown[] | null;
  execute_row_count(): number;
  has_results(): boolean;
  explain_query(): string[];
  get_converters(expressions: Expression[]): [position: number, chain: ((v: unknown) => unknown)[]][];
  apply_converters_row(row: unknown[], converters: [position: number, chain: ((v: unknown) => unknown)[]][]): unknown[];
}

type CompilerFactory = (query: Query, connection: Connection, using: string, elideEmpty: boolean) => SQLCompilerLike;
const compilers = new Map<Function, CompilerFactory>();

/**
 * Compiler modules register the compiler for each query class here (Django's
 * `Query.compiler = "SQLCompiler"`), so queries never import compilers.
 */
export function registerCompiler(queryClass: Function, factory: CompilerFactory): void {
  compilers.set(queryClass, factory);
}

function compilerFactory(query: Query, connection: Connection, using: string, elideEmpty: boolean): SQLCompilerLike {
  for (let c: Function | null = query.constructor; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const factory = compilers.get(c);
    if (factory) return factory(query, connection, using, elideEmpty);
  }
  throw new Error(`No SQL compiler registered for ${query.constructor.name}`);
}

