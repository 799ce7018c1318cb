'use client';

/** EXPLAIN QUERY PLAN for one statement, run on demand, with a SCAN / SEARCH USING INDEX badge. */
import { useState } from 'react';
import { explainLines, explainVerdict } from '@/lib/runner/analysis';
import type { ExplainRow } from '@/lib/runner/protocol';

export type ExplainFn = (sql: string, params: unknown[]) => Promise<{ plan: ExplainRow[]; error: string | null } | { timeout: true; limit_ms: number } | { cancelled: true } | { failed: string }>;

export function PlanBadge({ badge }: { badge: string | null }) {
  if (!badge) return null;
  const tone = badge === 'SCAN' ? 'bg-warning-surface text-warning' : badge === 'SCAN USING INDEX' ? 'bg-info-surface text-info' : 'bg-success-surface text-success';
  const title =
    badge === 'SCAN'
      ? 'SQLite reads the whole table, row by row'
      : badge === 'SCAN USING INDEX'
        ? 'SQLite walks the whole table in index order (it can stop early with a LIMIT)'
        : 'SQLite jumps to the rows through an index';
  return (
    <span data-testid="explain-badge" className={`inline-flex items-center rounded px-1.5 py-0.5 font-mono text-[11px] font-semibold ${tone}`} title={title}>
      {badge}
    </span>
  );
}

export function ExplainPlan({ sql, params, explain }: { sql: string; params: unknown[]; explain: ExplainFn }) {
  const [state, setState] = useState<{ status: 'idle' | 'loading' | 'done' | 'error'; plan: ExplainRow[]; message?: string }>({ status: 'idle', plan: [] });

  const run = async () => {
    setState({ status: 'loading', plan: [] });
    const outcome = await explain(sql, params);
    if ('plan' in outcome) {
      setState(outcome.error ? { status: 'error', plan: [], message: outcome.error } : { status: 'done', plan: outcome.plan });
    } else if ('timeout' in outcome) setState({ status: 'error', plan: [], message: `Stopped after ${outcome.limit_ms / 1000} s.` });
    else if ('failed' in outcome) setState({ status: 'error', plan: [], message: outcome.failed });
    else setState({ status: 'idle', plan: [] });
  };

  if (state.status === 'idle' || state.status === 'loading') {
    return (
      <button
        type="button"
        onClick={run}
        disabled={state.status === 'loading'}
        className="inline-flex items-center gap-1.5 rounded border border-border px-2 py-1 text-xs font-medium hover:bg-surface disabled:opacity-60"
        data-testid="explain-button"
      >
        {state.status === 'loading' && <span className="spinner" aria-hidden />}
        EXPLAIN QUERY PLAN
      </button>
    );
  }
  if (state.status === 'error') {
    return (
      <p className="text-xs text-danger" data-testid="explain-error">
        EXPLAIN failed: {state.message}
      </p>
    );
  }
  const verdict = explainVerdict(state.plan);
  return (
    <div className="rounded border border-border bg-background p-2" data-testid="explain-plan">
      <div className="mb-1 flex items-center gap-2 text-xs font-semibold text-muted">
        QUERY PLAN <PlanBadge badge={verdict.badge} />
        {verdict.badge === 'SCAN' && <span className="font-normal">full scan of {verdict.tables.join(', ')}</span>}
        {verdict.badge === 'SCAN USING INDEX' && <span className="font-normal">every row of {verdict.tables.join(', ')}, in index order</span>}
      </div>
      {state.plan.length === 0 && <p className="text-xs text-muted">SQLite gives no plan for this statement.</p>}
      <ul className="font-mono text-xs leading-5">
        {explainLines(state.plan).map((line) => (
          <li key={line.id} style={{ paddingLeft: `${line.depth * 1.25}rem` }} className="flex items-start gap-2">
            <span className="text-muted">{line.depth ? '└─' : '•'}</span>
            <span className={line.badge === 'SCAN' ? 'text-warning' : line.badge === 'SEARCH' || line.badge === 'COVERING INDEX' ? 'text-success' : ''}>{line.detail}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
