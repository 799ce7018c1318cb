'use client';

/**
 * The statements of a run, in order. Consecutive similar statements fold into
 * one "× N similar" block; similar statements get a coloured bar per group and
 * duplicates a "duplicate" mark (django-debug-toolbar's definitions). A row opens
 * to the formatted SQL, its parameters and EXPLAIN QUERY PLAN.
 */
import { memo, useEffect, useState } from 'react';
import type { StatementBlock, StatementView } from '@/lib/runner/analysis';
import { formatMs, formatParam, previewSql } from '@/lib/playground/sql-display';
import { ExplainPlan, type ExplainFn } from './ExplainPlan';
import { SqlCode } from './SqlCode';

const GROUP_COLORS = ['#8b5cf6', '#0ea5e9', '#f59e0b', '#ec4899', '#10b981', '#ef4444', '#6366f1', '#84cc16'];
const colorOf = (slot: number | null) => (slot === null ? 'transparent' : GROUP_COLORS[slot % GROUP_COLORS.length]);

const INITIAL_BLOCKS = 150;
const BLOCK_PAGE = 50;

interface Props {
  blocks: StatementBlock[];
  onLine?: (line: number) => void;
  explain?: ExplainFn;
  /** Statements that ran but are not listed at all (beyond the record's bounds). */
  elidedNote?: string | null;
}

export function StatementList({ blocks, onLine, explain, elidedNote }: Props) {
  const [shown, setShown] = useState(INITIAL_BLOCKS);
  if (!blocks.length) return <p className="px-3 py-4 text-sm text-muted">No SQL statements ran.</p>;
  return (
    <div data-testid="statement-list">
      <ol className="divide-y divide-border">
        {blocks.slice(0, shown).map((block) =>
          block.kind === 'single' ? (
            <li key={block.key}>
              <StatementRow view={block.statement} onLine={onLine} explain={explain} />
            </li>
          ) : (
            <li key={block.key}>
              <SimilarBlock block={block} onLine={onLine} explain={explain} />
            </li>
          ),
        )}
      </ol>
      {blocks.length > shown && (
        <button type="button" className="w-full py-2 text-xs font-medium text-accent hover:bg-surface" onClick={() => setShown((n) => n + BLOCK_PAGE)}>
          Show {Math.min(BLOCK_PAGE, blocks.length - shown)} more ({blocks.length - shown} not shown)
        </button>
      )}
      {elidedNote && <p className="border-t border-border px-3 py-2 text-xs text-muted">{elidedNote}</p>}
    </div>
  );
}

/** Time and rows, right-aligned in a fixed column. */
function Figures({ ms, rows }: { ms: number; rows: number }) {
  return (
    <span className="flex w-16 shrink-0 flex-col items-end font-mono text-[11px] leading-5 tabular-nums">
      <span>{formatMs(ms)}</span>
      <span className="text-muted" title="rows returned">
        {rows.toLocaleString('en')} {rows === 1 ? 'row' : 'rows'}
      </span>
    </span>
  );
}

function LineChip({ line, onLine }: { line: number | null; onLine?: (line: number) => void }) {
  if (line === null) return <span className="w-9 shrink-0 text-right font-mono text-[11px] text-muted">—</span>;
  return (
    <button
      type="button"
      onClick={(e) => {
        e.stopPropagation();
        onLine?.(line);
      }}
      className="w-9 shrink-0 rounded text-right font-mono text-[11px] text-accent hover:underline"
      title={`Go to line ${line}`}
      data-testid="statement-line"
    >
      L{line}
    </button>
  );
}

const StatementRow = memo(function StatementRow({ view, onLine, explain, nested }: { view: StatementView; onLine?: (line: number) => void; explain?: ExplainFn; nested?: boolean }) {
  const [open, setOpen] = useState(false);
  const s = view.entry;
  return (
    <div className={`group relative ${nested ? 'pl-4' : ''}`} data-testid="statement" data-cause={s.cause}>
      <span className="absolute inset-y-0 left-0 w-[3px]" style={{ background: colorOf(view.similarColor) }} aria-hidden />
      <div className="flex w-full items-start gap-2 px-3 py-1.5 hover:bg-surface">
        <button
          type="button"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          className="flex min-w-0 flex-1 items-start gap-2 text-left focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
        >
          <span className="w-7 shrink-0 pt-px text-right font-mono text-[11px] text-muted">{view.index + 1}</span>
          <span className="min-w-0 flex-1">
            <span className="block truncate font-mono text-xs leading-5">
              <SqlCode sql={previewSql(s.display_sql)} />
            </span>
            <span className="flex flex-wrap items-center gap-x-2 text-[11px] text-muted">
              <span>{s.cause}</span>
              {s.alias !== 'default' && <span className="rounded bg-surface px-1">{s.alias}</span>}
              {view.similar > 1 && (
                <span className="inline-flex items-center gap-1" title="Statements with the same SQL (different parameters)">
                  <span className="inline-block h-2 w-2 rounded-full" style={{ background: colorOf(view.similarColor) }} />
                  {view.similar} similar
                </span>
              )}
              {view.duplicates > 1 && (
                <span className="rounded bg-danger-surface px-1 font-medium text-danger" title="Same SQL and same parameters">
                  duplicated {view.duplicates}×
                </span>
              )}
            </span>
          </span>
        </button>
        <LineChip line={s.line} onLine={onLine} />
        <Figures ms={s.duration_ms} rows={s.rows} />
      </div>
      {open && <StatementDetail view={view} explain={explain} />}
    </div>
  );
});

function StatementDetail({ view, explain }: { view: StatementView; explain?: ExplainFn }) {
  const s = view.entry;
  const formatted = useFormattedSql(s.display_sql);
  return (
    <div className="space-y-2 px-3 pb-3 pl-12" data-testid="statement-detail">
      <pre className="pane-scroll max-h-72 overflow-auto rounded border border-border bg-background p-2 text-xs leading-5">
        <SqlCode sql={formatted} />
      </pre>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        <dt className="text-muted">params</dt>
        <dd className="font-mono break-all">{s.params.length ? `[${s.params.map(formatParam).join(', ')}]` : '—'}</dd>
        <dt className="text-muted">time</dt>
        <dd className="font-mono">{formatMs(s.duration_ms)} (measured)</dd>
        <dt className="text-muted">rows</dt>
        <dd className="font-mono">{s.rows}</dd>
        <dt className="text-muted">database</dt>
        <dd className="font-mono">{s.alias}</dd>
        <dt className="text-muted">cause</dt>
        <dd>{s.cause}</dd>
      </dl>
      <div className="flex flex-wrap items-start gap-2">
        {explain && (s.kind === 'read' || s.kind === 'write') && <ExplainPlan sql={s.sql} params={s.params} explain={explain} />}
        <CopyButton text={s.display_sql} />
      </div>
    </div>
  );
}

/** The SQL pretty-printed once the formatter has loaded (the raw SQL until then). */
function useFormattedSql(sql: string): string {
  const [formatted, setFormatted] = useState<{ sql: string; text: string } | null>(null);
  useEffect(() => {
    let live = true;
    void import('@/lib/playground/sql-format').then((m) => {
      if (live) setFormatted({ sql, text: m.formatSql(sql) });
    });
    return () => {
      live = false;
    };
  }, [sql]);
  return formatted?.sql === sql ? formatted.text : sql;
}

/** Loads the formatter ahead of the first click on a statement. */
export function preloadSqlFormatter(): void {
  const load = () => void import('@/lib/playground/sql-format');
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 3000 });
  else setTimeout(load, 500);
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="rounded border border-border px-2 py-1 text-xs font-medium hover:bg-surface"
      onClick={() => {
        navigator.clipboard?.writeText(text).then(
          () => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          },
          () => undefined,
        );
      }}
    >
      {copied ? 'Copied' : 'Copy SQL'}
    </button>
  );
}

const NESTED_PAGE = 50;

function SimilarBlock({ block, onLine, explain }: { block: Extract<StatementBlock, { kind: 'similar' }>; onLine?: (line: number) => void; explain?: ExplainFn }) {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState(NESTED_PAGE);
  const first = block.statements[0];
  const total = block.statements.length + block.unlisted;
  return (
    <div className="relative" data-testid="similar-block" data-count={total}>
      <span className="absolute inset-y-0 left-0 w-[3px]" style={{ background: colorOf(first.similarColor) }} aria-hidden />
      <div className="flex w-full items-start gap-2 px-3 py-1.5 hover:bg-surface">
        <button
          type="button"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          className="flex min-w-0 flex-1 items-start gap-2 text-left focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
          data-testid="similar-toggle"
        >
          <span className="w-7 shrink-0 pt-px text-right text-[11px] text-muted">{open ? '▾' : '▸'}</span>
          <span className="min-w-0 flex-1">
            <span className="flex items-center gap-2">
              <span className="shrink-0 rounded bg-warning-surface px-1.5 py-px text-xs font-semibold text-warning" data-testid="similar-count">
                × {total} similar
              </span>
              <span className="block min-w-0 truncate font-mono text-xs leading-5">
                <SqlCode sql={previewSql(first.entry.display_sql)} />
              </span>
            </span>
            <span className="flex flex-wrap gap-x-2 text-[11px] text-muted">
              <span>{block.causes.join(', ')}</span>
              {block.unlisted > 0 && (
                <span>
                  {block.statements.length} listed, {block.unlisted} more counted
                </span>
              )}
            </span>
          </span>
        </button>
        {block.lines.length === 1 ? (
          <LineChip line={block.lines[0]} onLine={onLine} />
        ) : (
          <span className="w-9 shrink-0 text-right font-mono text-[11px] text-muted">{block.lines.length} lines</span>
        )}
        <Figures ms={block.duration_ms} rows={block.rows} />
      </div>
      {open && (
        <div className="border-t border-dashed border-border">
          {block.statements.slice(0, shown).map((v) => (
            <StatementRow key={v.index} view={v} onLine={onLine} explain={explain} nested />
          ))}
          {block.statements.length > shown && (
            <button type="button" className="w-full py-1.5 text-xs font-medium text-accent hover:bg-surface" onClick={() => setShown((n) => n + NESTED_PAGE)}>
              Show more ({block.statements.length - shown} hidden)
            </button>
          )}
        </div>
      )}
    </div>
  );
}
