/**
 * What the page derives from a run record (pure functions, no DOM):
 * - `summarize`: statements, reads/writes, measured and modeled time;
 * - `statementViews` / `statementBlocks`: each listed statement with its
 *   similar/duplicate marks (django-debug-toolbar's definitions: *similar* =
 *   same SQL, *duplicate* = same SQL and same parameters), and consecutive
 *   similar statements folded into one block ("× 100 similar");
 * - `findings`: N+1 patterns with the fix to suggest, deferred-field reloads,
 *   duplicate queries, and eager loads that were never used;
 * - `lineCounts`: statements per line of the learner's code, for the editor;
 * - `explainLines` / `explainVerdict`: SCAN or SEARCH USING INDEX for an EXPLAIN QUERY PLAN.
 *
 * Counts come from the record's exact `totals`, `groups` and `lines`, never
 * from the (possibly elided) statement list.
 */
import type { ExplainRow } from './protocol';
import type { RunRecord, StatementEntry, StatementGroup } from './record';
import type { EagerLoad, RelationAccess } from './relation-access';
import type { DatasetSchema, SchemaModel } from './schema-info';

export const DEFAULT_LATENCY_MS = 1;

// ------------------------------------------------------------------ summary

export interface Summary {
  statements: number;
  reads: number;
  writes: number;
  transaction: number;
  /** Time spent in SQLite (sum of the statements' measured durations). */
  sqlMs: number;
  /** The whole run, measured (transpile, ORM and learner code included). */
  runMs: number;
  /** sqlMs + statements × latency: what the same queries would cost over a network. */
  modeledMs: number;
  latencyMs: number;
  rows: number;
  instances: number;
  peakInstances: number;
  /** Distinct SQL texts that ran more than once. */
  similarGroups: number;
  /** Statements that repeated an earlier one exactly (same SQL, same parameters). */
  duplicates: number;
}

/** Modeled time: measured time plus one network round trip per statement. */
export function modeledTime(measuredMs: number, statements: number, latencyMs = DEFAULT_LATENCY_MS): number {
  return measuredMs + statements * latencyMs;
}

export function summarize(record: RunRecord, latencyMs = DEFAULT_LATENCY_MS): Summary {
  const t = record.totals;
  return {
    statements: t.statements,
    reads: t.reads,
    writes: t.writes,
    transaction: t.transaction,
    sqlMs: t.sql_ms,
    runMs: record.duration_ms,
    modeledMs: modeledTime(t.sql_ms, t.statements, latencyMs),
    latencyMs,
    rows: t.rows,
    instances: t.instances,
    peakInstances: t.peak_instances,
    similarGroups: record.groups.filter((g) => g.count > 1).length,
    duplicates: record.groups.reduce((n, g) => n + g.duplicates, 0),
  };
}

// ------------------------------------------------------------------ statements

export interface StatementView {
  /** Position in record.statements. */
  index: number;
  entry: StatementEntry;
  /** Exact number of statements with this SQL in the whole run (1 = not similar). */
  similar: number;
  /** Statements with this SQL and these parameters among the listed ones (1 = no duplicate). */
  duplicates: number;
  /** A stable colour slot for the similar group (null when the SQL ran once), as the toolbar colours them. */
  similarColor: number | null;
  duplicateColor: number | null;
}

const paramKey = (s: StatementEntry) => `${s.sql}\u0000${JSON.stringify(s.params)}`;

export function statementViews(record: RunRecord): StatementView[] {
  const groups = new Map<string, StatementGroup>(record.groups.map((g) => [g.sql, g]));
  const dupCounts = new Map<string, number>();
  for (const s of record.statements) dupCounts.set(paramKey(s), (dupCounts.get(paramKey(s)) ?? 0) + 1);
  const similarColors = new Map<string, number>();
  const duplicateColors = new Map<string, number>();
  return record.statements.map((entry, index) => {
    const similar = groups.get(entry.sql)?.count ?? 1;
    const duplicates = dupCounts.get(paramKey(entry)) ?? 1;
    let similarColor: number | null = null;
    if (similar > 1) {
      if (!similarColors.has(entry.sql)) similarColors.set(entry.sql, similarColors.size);
      similarColor = similarColors.get(entry.sql)!;
    }
    let duplicateColor: number | null = null;
    if (duplicates > 1) {
      const key = paramKey(entry);
      if (!duplicateColors.has(key)) duplicateColors.set(key, duplicateColors.size);
      duplicateColor = duplicateColors.get(key)!;
    }
    return { index, entry, similar, duplicates, similarColor, duplicateColor };
  });
}

export type StatementBlock =
  | { kind: 'single'; key: string; statement: StatementView }
  | {
      kind: 'similar';
      key: string;
      sql: string;
      statements: StatementView[];
      /** Statements of this group that ran but are not listed (the record is bounded). */
      unlisted: number;
      duration_ms: number;
      rows: number;
      lines: number[];
      causes: string[];
    };

/**
 * The statement list as the inspector shows it: consecutive statements with the
 * same SQL (at least `minRun` of them) fold into one "× N similar" block.
 */
export function statementBlocks(record: RunRecord, views = statementViews(record), minRun = 3): StatementBlock[] {
  const groups = new Map<string, StatementGroup>(record.groups.map((g) => [g.sql, g]));
  const listedPerGroup = new Map<string, number>();
  for (const s of record.statements) listedPerGroup.set(s.sql, (listedPerGroup.get(s.sql) ?? 0) + 1);
  const lastRunOfGroup = new Map<string, number>();
  const runs: StatementView[][] = [];
  for (const view of views) {
    const last = runs[runs.length - 1];
    if (last && last[0].entry.sql === view.entry.sql) last.push(view);
    else runs.push([view]);
  }
  runs.forEach((run, i) => lastRunOfGroup.set(run[0].entry.sql, i));
  const blocks: StatementBlock[] = [];
  runs.forEach((run, i) => {
    const sql = run[0].entry.sql;
    const group = groups.get(sql);
    const unlisted = lastRunOfGroup.get(sql) === i && group ? Math.max(0, group.count - (listedPerGroup.get(sql) ?? 0)) : 0;
    if (run.length < minRun && unlisted === 0) {
      for (const statement of run) blocks.push({ kind: 'single', key: `s${statement.index}`, statement });
      return;
    }
    const lines = [...new Set(run.map((v) => v.entry.line).filter((l): l is number => l !== null))].sort((a, b) => a - b);
    const exact = unlisted > 0 && group !== undefined && listedPerGroup.get(sql) === run.length;
    blocks.push({
      kind: 'similar',
      key: `g${run[0].index}`,
      sql,
      statements: run,
      unlisted,
      // When this run holds every listed statement of an elided group, the group's exact totals are this block's.
      duration_ms: exact ? group.duration_ms : run.reduce((t, v) => t + v.entry.duration_ms, 0),
      rows: exact ? group.rows : run.reduce((t, v) => t + v.entry.rows, 0),
      lines,
      causes: [...new Set(run.map((v) => v.entry.cause))],
    });
  });
  return blocks;
}

// ------------------------------------------------------------------ per-line counts

export interface LineCount {
  line: number;
  count: number;
  label: string;
}

export function queriesLabel(n: number): string {
  return `${n} ${n === 1 ? 'query' : 'queries'}`;
}

export function lineCounts(record: RunRecord): LineCount[] {
  return Object.entries(record.lines)
    .map(([line, count]) => ({ line: Number(line), count, label: queriesLabel(count) }))
    .filter((l) => Number.isFinite(l.line) && l.line > 0)
    .sort((a, b) => a.line - b.line);
}

// ------------------------------------------------------------------ findings

export type FindingKind = 'n_plus_one' | 'deferred_field' | 'duplicate' | 'unused_eager_load';

export interface Finding {
  kind: FindingKind;
  severity: 'warning' | 'info';
  title: string;
  /** Plain text; code spans in backticks. */
  message: string;
  /** The code to use, e.g. select_related('author'), or null. */
  fix: string | null;
  /** Lines whose statements the finding is about. */
  lines: number[];
  /** The line the fix goes on (the query's line), when known. */
  fixLine: number | null;
  /** Statements the pattern caused (exact). */
  count: number;
  /** The SQL of the repeated statement, for linking to the list. */
  sql: string | null;
}

export interface FindingOptions {
  /** The learner's code: lets a finding point at the line where the query is built. */
  code?: string;
  schema?: DatasetSchema | null;
  access?: RelationAccess | null;
  /** How many repeats make a pattern (default 2). */
  threshold?: number;
  /** The language the code was written in: fixes are written in its syntax (default TypeScript). */
  language?: 'typescript' | 'python';
}

/**
 * A call with keyword arguments in the learner's language: Django's Python
 * `annotate(n=Count('post'))`, or the TypeScript API's trailing object
 * `annotate({ n: Count('post') })`. `args` are written as they are (the same in both).
 */
export function callWithKeywords(language: FindingOptions['language'], name: string, args: string[], keywords: [string, string][]): string {
  const kw = language === 'python' ? keywords.map(([k, v]) => `${k}=${v}`) : keywords.length ? [`{ ${keywords.map(([k, v]) => `${k}: ${v}`).join(', ')} }`] : [];
  return `${name}(${[...args, ...kw].join(', ')})`;
}

const LAZY_FORWARD = /^lazy (FK|O2O) load (\w+)\.(\w+)$/;
/** A related manager's query: `related manager Author.post_set`, `related manager Post.tags (count)`. */
const RELATED_MANAGER = /^related manager (\w+)\.(\w+)(?: \((\w+)\))?$/;
const DEFERRED = /^deferred field (\w+)\.(\w+)$/;
/** Generic causes: a related manager's query may carry one of these when the ORM gives no more specific cause. */
const MANAGER_CAUSES = new Set(['evaluate', 'count', 'exists', 'iterator', 'repr', 'aggregate']);

const lower = (model: string) => model.charAt(0).toLowerCase() + model.slice(1);
const plural = (n: number, one: string, many = `${one}s`) => (n === 1 ? one : many);

function formatLines(lines: number[]): string {
  if (!lines.length) return '';
  return lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(', ')}`;
}

function groupLines(group: StatementGroup): number[] {
  return Object.keys(group.lines)
    .map(Number)
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
}

function modelOf(schema: DatasetSchema | null | undefined, name: string): SchemaModel | undefined {
  return schema?.models.find((m) => m.name === name);
}

function modelByTable(schema: DatasetSchema | null | undefined, table: string): SchemaModel | undefined {
  return schema?.models.find((m) => m.db_table === table);
}

function tableOf(schema: DatasetSchema | null | undefined, model: string): string {
  return modelOf(schema, model)?.db_table ?? `blog_${model.toLowerCase()}`;
}

/** The model a forward relation `Model.field` points at. */
function targetOf(schema: DatasetSchema | null | undefined, model: string, field: string): string | null {
  const m = modelOf(schema, model);
  const f = m?.fields.find((x) => x.name === field);
  if (f?.relation) return f.relation.to;
  const r = m?.reverse.find((x) => x.accessor === field);
  return r ? r.from : null;
}

/**
 * The line where the queryset producing `model` rows is built: the nearest line
 * at or above `executedLine` mentioning `Model.objects` (querysets are lazy: the
 * statement runs where it is iterated, the fix goes where it is built).
 */
export function queryLine(code: string | undefined, executedLine: number | null, model: string): number | null {
  if (!code || executedLine === null) return executedLine;
  const lines = code.split('\n');
  const needle = new RegExp(`\\b${model}\\.objects\\b`);
  for (let i = Math.min(executedLine, lines.length); i >= 1; i--) {
    if (needle.test(lines[i - 1])) return i;
  }
  return executedLine;
}

/** The first listed statement reading `model`'s table before statement `before`: where the rows came from. */
function sourceStatement(record: RunRecord, schema: DatasetSchema | null | undefined, model: string, before: number): StatementEntry | null {
  const from = new RegExp(`\\bFROM "${tableOf(schema, model)}"`);
  for (let i = before - 1; i >= 0; i--) {
    const s = record.statements[i];
    if (s.kind === 'read' && from.test(s.sql)) return s;
  }
  return null;
}

interface LazyPattern {
  cause: string;
  model: string;
  field: string;
  count: number;
  duplicates: number;
  lines: number[];
  sql: string;
  firstIndex: number;
}

function causePatterns(record: RunRecord, re: RegExp): LazyPattern[] {
  const byCause = new Map<string, LazyPattern>();
  for (const g of record.groups) {
    for (const [cause, count] of Object.entries(g.causes)) {
      const m = re.exec(cause);
      if (!m) continue;
      const [model, field] = m.length === 4 ? [m[2], m[3]] : [m[1], m[2]];
      const existing = byCause.get(cause);
      const lines = groupLines(g);
      if (existing) {
        existing.count += count;
        existing.duplicates += g.duplicates;
        existing.lines = [...new Set([...existing.lines, ...lines])].sort((a, b) => a - b);
      } else {
        const firstIndex = record.statements.findIndex((s) => s.cause === cause);
        byCause.set(cause, { cause, model, field, count, duplicates: g.duplicates, lines, sql: g.sql, firstIndex });
      }
    }
  }
  return [...byCause.values()];
}

function forwardFindings(record: RunRecord, options: FindingOptions, threshold: number): { findings: Finding[]; covered: Set<string> } {
  const { schema, code } = options;
  const covered = new Set<string>();
  const patterns = causePatterns(record, LAZY_FORWARD).filter((p) => p.count >= threshold);
  // A lazy load of rows that were themselves lazy-loaded (comment.post.author):
  // fold the inner one into the outer one's select_related('post__author').
  const parentOf = new Map<LazyPattern, LazyPattern>();
  for (const p of patterns) {
    const parent = patterns.find((q) => q !== p && targetOf(schema, q.model, q.field) === p.model && q.lines.some((l) => p.lines.includes(l)));
    if (parent) parentOf.set(p, parent);
  }
  const findings: Finding[] = [];
  for (const p of patterns) {
    if (parentOf.has(p)) continue;
    const chain = [p];
    for (let child = patterns.find((c) => parentOf.get(c) === p); child; ) {
      chain.push(child);
      const current: LazyPattern = child;
      child = patterns.find((c) => parentOf.get(c) === current);
    }
    const path = chain.map((c) => c.field).join('__');
    const count = chain.reduce((n, c) => n + c.count, 0);
    const lines = [...new Set(chain.flatMap((c) => c.lines))].sort((a, b) => a - b);
    const source = p.firstIndex >= 0 ? sourceStatement(record, schema, p.model, p.firstIndex) : null;
    const fixLine = queryLine(code, source?.line ?? lines[0] ?? null, p.model);
    const fix = `select_related('${path}')`;
    const relation = chain.map((c) => `\`${c.model}.${c.field}\``).join(' then ');
    const repeats = chain.reduce((n, c) => n + c.duplicates, 0);
    const perRow = `one query per ${lower(p.model)}${chain.length > 1 ? ' per relation' : ''}`;
    let message =
      `${relation} ${chain.length > 1 ? 'were' : 'was'} loaded ${count} ${plural(count, 'time')}, ${perRow}` +
      `${lines.length ? ` (${formatLines(lines)})` : ''}.`;
    if (repeats > 0) message += ` ${repeats} of those loaded an object that had already been loaded.`;
    message += ` Add \`${fix}\` to the query${fixLine !== null ? ` on line ${fixLine}` : ''}: one JOIN instead of ${count} queries.`;
    for (const c of chain) covered.add(c.sql);
    findings.push({
      kind: 'n_plus_one',
      severity: 'warning',
      title: `N+1: ${chain.map((c) => `${c.model}.${c.field}`).join(' → ')}`,
      message,
      fix,
      lines,
      fixLine,
      count,
      sql: p.sql,
    });
  }
  return { findings, covered };
}

interface ManagerMatch {
  owner: string;
  accessor: string;
  /** The relation's name in lookups (for Count('post')). */
  queryName: string;
  /** The model the manager returns (`Post` for `author.post_set`, `Tag` for `post.tags`). */
  target: string;
}

/** Recognises a related manager's query by its SQL: `... FROM "blog_post" WHERE "blog_post"."author_id" = %s`. */
function matchManagerSql(sql: string, schema: DatasetSchema): ManagerMatch | null {
  const from = /\bFROM "(\w+)"/.exec(sql);
  if (!from) return null;
  const table = from[1];
  for (const model of schema.models) {
    for (const f of model.fields) {
      const rel = f.relation;
      if (!rel) continue;
      if (rel.kind === 'm2m' && rel.through_table && sql.includes(`INNER JOIN "${rel.through_table}"`)) {
        const target = modelOf(schema, rel.to);
        if (target?.db_table === table && sql.includes(`WHERE "${rel.through_table}"."${rel.source_column}" = %s`)) {
          return { owner: model.name, accessor: f.name, queryName: f.name, target: rel.to };
        }
        if (model.db_table === table && rel.related_accessor && sql.includes(`WHERE "${rel.through_table}"."${rel.target_column}" = %s`)) {
          return { owner: rel.to, accessor: rel.related_accessor, queryName: rel.related_query_name, target: model.name };
        }
      }
      if (rel.kind === 'fk' && model.db_table === table && rel.related_accessor) {
        const where = new RegExp(`WHERE \\(?"${table}"\\."${f.column}" = %s`);
        if (where.test(sql)) return { owner: rel.to, accessor: rel.related_accessor, queryName: rel.related_query_name, target: model.name };
      }
    }
  }
  return null;
}

/** `Author.post_set` (or the query name the ORM may use, `Tag.post`) → accessor and query name. */
function managerNames(schema: DatasetSchema | null | undefined, owner: string, attr: string): ManagerMatch {
  const m = modelOf(schema, owner);
  const reverse = m?.reverse.find((r) => r.accessor === attr || r.query_name === attr);
  if (reverse) return { owner, accessor: reverse.accessor, queryName: reverse.query_name, target: reverse.from };
  const forward = m?.fields.find((f) => f.name === attr && f.relation);
  if (forward) return { owner, accessor: forward.name, queryName: forward.name, target: forward.relation!.to };
  // Without a schema, the model is a guess from Django's default accessor (`comment_set` → Comment).
  const queryName = attr.replace(/_set$/, '');
  return { owner, accessor: attr, queryName, target: queryName.replace(/^./, (c) => c.toUpperCase()) };
}

interface ManagerPattern extends ManagerMatch {
  operation: 'all' | 'count' | 'exists';
  count: number;
  lines: number[];
  sql: string;
  /** The manager's queryset had a filter of its own (`author.post_set.filter(...)`). */
  filtered: boolean;
}

function managerPatterns(record: RunRecord, schema: DatasetSchema | null | undefined, threshold: number, covered: Set<string>): ManagerPattern[] {
  const patterns = new Map<string, ManagerPattern>();
  const add = (match: ManagerMatch, operation: ManagerPattern['operation'], count: number, g: StatementGroup) => {
    const key = `${match.owner}.${match.accessor}:${operation}`;
    const lines = groupLines(g);
    const where = g.sql.slice(g.sql.indexOf(' WHERE '));
    const filtered = /\bAND\b/.test(where);
    const existing = patterns.get(key);
    if (existing) {
      existing.count += count;
      existing.lines = [...new Set([...existing.lines, ...lines])].sort((a, b) => a - b);
      existing.filtered ||= filtered;
    } else patterns.set(key, { ...match, operation, count, lines, sql: g.sql, filtered });
  };
  for (const g of record.groups) {
    if (covered.has(g.sql) || g.kind !== 'read') continue;
    let matched = false;
    for (const [cause, count] of Object.entries(g.causes)) {
      const m = RELATED_MANAGER.exec(cause);
      if (!m) continue;
      matched = true;
      const op = m[3] === 'count' ? 'count' : m[3] === 'exists' ? 'exists' : 'all';
      add(managerNames(schema, m[1], m[2]), op, count, g);
    }
    if (matched || !schema || g.count < threshold) continue;
    // An ORM that gives manager queries a generic cause: recognise them by their SQL.
    if (!Object.keys(g.causes).every((c) => MANAGER_CAUSES.has(c))) continue;
    const match = matchManagerSql(g.sql, schema);
    if (!match) continue;
    const op = /^SELECT COUNT\(\*\)/.test(g.sql) ? 'count' : /^SELECT 1 AS "a"/.test(g.sql) ? 'exists' : 'all';
    add(match, op, g.count, g);
  }
  return [...patterns.values()].filter((p) => p.count >= threshold);
}

function managerFindings(record: RunRecord, options: FindingOptions, threshold: number, covered: Set<string>): Finding[] {
  const { schema, code, language } = options;
  return managerPatterns(record, schema, threshold, covered).map((p) => {
    covered.add(p.sql);
    const index = record.statements.findIndex((s) => s.sql === p.sql);
    const source = index >= 0 ? sourceStatement(record, schema, p.owner, index) : null;
    const fixLine = queryLine(code, source?.line ?? p.lines[0] ?? null, p.owner);
    const on = fixLine !== null ? ` on line ${fixLine}` : '';
    const owner = lower(p.owner);
    let fix: string;
    let advice: string;
    if (p.operation === 'count') {
      fix = callWithKeywords(language, 'annotate', [], [[`${p.queryName}_count`, `Count('${p.queryName}')`]]);
      advice = `Count in the query instead: add \`${fix}\` to the query${on} and read \`${owner}.${p.queryName}_count\`.`;
    } else if (p.operation === 'exists') {
      fix = callWithKeywords(language, 'annotate', [], [[`has_${p.queryName}`, 'Exists(...)']]);
      advice = `Ask once in the query: annotate an \`Exists(...)\` subquery on the query${on}, or \`prefetch_related('${p.accessor}')\` if you also need the rows.`;
    } else if (p.filtered) {
      const prefetch = (queryset: string) => `prefetch_related(${callWithKeywords(language, 'Prefetch', [`'${p.accessor}'`], [['queryset', queryset]])})`;
      fix = prefetch('...');
      advice = `Prefetch them once, filtered: \`${prefetch(`${p.target}.objects.filter(...)`)}\` on the query${on}.`;
    } else {
      fix = `prefetch_related('${p.accessor}')`;
      advice = `Add \`${fix}\` to the query${on}: one extra query for all of them.`;
    }
    const call = p.operation === 'all' ? '' : `.${p.operation}()`;
    return {
      kind: 'n_plus_one' as const,
      severity: 'warning' as const,
      title: `N+1: ${p.owner}.${p.accessor}${call}`,
      message: `\`${owner}.${p.accessor}${call}\` ran ${p.count} queries, one per ${owner}${p.lines.length ? ` (${formatLines(p.lines)})` : ''}. ${advice}`,
      fix,
      lines: p.lines,
      fixLine,
      count: p.count,
      sql: p.sql,
    };
  });
}

function deferredFindings(record: RunRecord, options: FindingOptions, threshold: number, covered: Set<string>): Finding[] {
  const { code } = options;
  return causePatterns(record, DEFERRED)
    .filter((p) => p.count >= threshold)
    .map((p) => {
      covered.add(p.sql);
      const source = p.firstIndex >= 0 ? sourceStatement(record, options.schema, p.model, p.firstIndex) : null;
      const fixLine = queryLine(code, source?.line ?? p.lines[0] ?? null, p.model);
      const text = code && fixLine !== null ? (code.split('\n')[fixLine - 1] ?? '') : '';
      const usesOnly = /\.only\(/.test(text);
      const usesDefer = /\.defer\(/.test(text);
      const on = fixLine !== null ? ` on line ${fixLine}` : '';
      const advice = usesOnly
        ? `Add '${p.field}' to \`only()\`${on}.`
        : usesDefer
          ? `Remove '${p.field}' from \`defer()\`${on}.`
          : `Load it with the query${on}: add it to \`only()\` or remove it from \`defer()\`.`;
      return {
        kind: 'deferred_field' as const,
        severity: 'warning' as const,
        title: `Deferred field read: ${p.model}.${p.field}`,
        message: `\`${p.model}.${p.field}\` was deferred but read anyway: ${p.count} extra ${plural(p.count, 'query', 'queries')}, one per ${lower(p.model)} (${formatLines(p.lines)}). ${advice}`,
        fix: usesOnly ? `only(..., '${p.field}')` : usesDefer ? `defer() without '${p.field}'` : null,
        lines: p.lines,
        fixLine,
        count: p.count,
        sql: p.sql,
      };
    });
}

function duplicateFindings(record: RunRecord, covered: Set<string>): Finding[] {
  return record.groups
    .filter((g) => g.duplicates > 0 && g.kind === 'read' && !covered.has(g.sql))
    .map((g) => {
      const lines = groupLines(g);
      return {
        kind: 'duplicate' as const,
        severity: 'info' as const,
        title: 'Duplicate queries',
        message: `The same query ran again with the same parameters ${g.duplicates} ${plural(g.duplicates, 'time')}${lines.length ? ` (${formatLines(lines)})` : ''}. Evaluate the queryset once and reuse its results (querysets cache their rows; a new queryset does not).`,
        fix: null,
        lines,
        fixLine: lines[0] ?? null,
        count: g.duplicates,
        sql: g.sql,
      };
    });
}

/** The relations a lookup path walks: `post__author` on Comment → Comment.post, Post.author. */
function walkPath(schema: DatasetSchema, model: string, lookup: string): { model: string; attr: string; target: string }[] | null {
  const hops: { model: string; attr: string; target: string }[] = [];
  let current = model;
  for (const attr of lookup.split('__')) {
    const target = targetOf(schema, current, attr);
    if (!target) return null;
    hops.push({ model: current, attr, target });
    current = target;
  }
  return hops;
}

function unusedEagerFindings(record: RunRecord, options: FindingOptions): Finding[] {
  const { schema, access } = options;
  if (!schema || !access) return [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const causes = new Set(record.groups.flatMap((g) => Object.keys(g.causes)));
  for (const e of access.eager as EagerLoad[]) {
    if (e.to_attr) continue;
    const key = `${e.kind}:${e.model}:${e.lookup}:${e.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const hops = walkPath(schema, e.model, e.lookup);
    if (!hops || hops.some((h) => !access.observed.includes(h.model))) continue;
    // Evidence the eager load happened: a JOIN of the related table, or the prefetch query.
    const loaded =
      e.kind === 'select_related'
        ? record.groups.some((g) => g.kind === 'read' && g.sql.includes(`JOIN "${tableOf(schema, hops[hops.length - 1].target)}"`))
        : causes.has(`prefetch ${hops[hops.length - 1].model}.${hops[hops.length - 1].attr}`);
    if (!loaded) continue;
    const reads = hops.map((h) => access.reads[`${h.model}.${h.attr}`] ?? 0);
    const firstUnread = reads.findIndex((r) => r === 0);
    if (firstUnread < 0) continue;
    const call = `${e.kind}('${e.lookup}')`;
    const on = e.line !== null ? ` on line ${e.line}` : '';
    const lines = e.line !== null ? [e.line] : [];
    if (firstUnread === 0) {
      findings.push({
        kind: 'unused_eager_load',
        severity: 'info',
        title: `Unused ${e.kind}: ${e.model}.${e.lookup}`,
        message: `\`${call}\`${on} loaded \`${e.model}.${hops[0].attr}\`, but the code never read it. Remove it: ${e.kind === 'select_related' ? 'the JOIN makes the query wider for nothing' : 'its extra query fetched rows for nothing'}.`,
        fix: `remove ${call}`,
        lines,
        fixLine: e.line,
        count: 0,
        sql: null,
      });
    } else {
      const enough = e.lookup.split('__').slice(0, firstUnread).join('__');
      findings.push({
        kind: 'unused_eager_load',
        severity: 'info',
        title: `Unused ${e.kind}: ${e.model}.${e.lookup}`,
        message: `\`${call}\`${on} also loaded \`${hops[firstUnread].model}.${hops[firstUnread].attr}\`, which the code never read. \`${e.kind}('${enough}')\` is enough.`,
        fix: `${e.kind}('${enough}')`,
        lines,
        fixLine: e.line,
        count: 0,
        sql: null,
      });
    }
  }
  return findings;
}

/** Every finding for a run, most important first. */
export function findings(record: RunRecord, options: FindingOptions = {}): Finding[] {
  const threshold = options.threshold ?? 2;
  const forward = forwardFindings(record, options, threshold);
  const covered = forward.covered;
  const manager = managerFindings(record, options, threshold, covered);
  const deferred = deferredFindings(record, options, threshold, covered);
  const duplicates = duplicateFindings(record, covered);
  const unused = unusedEagerFindings(record, options);
  const warnings = [...forward.findings, ...manager, ...deferred].sort((a, b) => b.count - a.count);
  return [...warnings, ...unused, ...duplicates];
}

// ------------------------------------------------------------------ EXPLAIN QUERY PLAN

export type PlanBadge = 'SCAN' | 'SEARCH' | 'COVERING INDEX' | 'TEMP B-TREE' | null;

export interface PlanLine {
  id: number;
  depth: number;
  detail: string;
  badge: PlanBadge;
}

/** Which kind of access a plan line is: a full scan is the one to worry about. */
export function planBadge(detail: string): PlanBadge {
  if (/^SCAN\b/.test(detail)) return 'SCAN';
  if (/^SEARCH\b/.test(detail)) return /USING COVERING INDEX/.test(detail) ? 'COVERING INDEX' : 'SEARCH';
  if (/USE TEMP B-TREE/.test(detail)) return 'TEMP B-TREE';
  return null;
}

/** The plan as an indented list (SQLite gives parent ids) with a badge per line. */
export function explainLines(plan: ExplainRow[]): PlanLine[] {
  const depth = new Map<number, number>();
  return plan.map((row) => {
    const d = row.parent === 0 ? 0 : (depth.get(row.parent) ?? 0) + 1;
    depth.set(row.id, d);
    return { id: row.id, depth: d, detail: row.detail, badge: planBadge(row.detail) };
  });
}

/**
 * The headline badge: SCAN (a table read row by row), SCAN USING INDEX (every
 * row, in index order), or SEARCH USING INDEX (an index lookup), the worst
 * step first.
 */
export function explainVerdict(plan: ExplainRow[]): { badge: 'SCAN' | 'SCAN USING INDEX' | 'SEARCH USING INDEX' | null; tables: string[] } {
  const table = (r: ExplainRow) => r.detail.split(/\s+/)[1];
  const scans = plan.filter((r) => /^SCAN\b/.test(r.detail));
  const full = scans.filter((r) => !/USING (COVERING )?INDEX/.test(r.detail));
  if (full.length) return { badge: 'SCAN', tables: full.map(table) };
  if (scans.length) return { badge: 'SCAN USING INDEX', tables: scans.map(table) };
  const searches = plan.filter((r) => /^SEARCH\b/.test(r.detail));
  if (searches.length) return { badge: 'SEARCH USING INDEX', tables: searches.map(table) };
  return { badge: null, tables: [] };
}
