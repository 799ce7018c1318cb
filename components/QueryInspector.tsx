'use client';

/**
 * The query inspector for one run: the summary (statements, reads/writes,
 * measured SQL time, modeled time with its latency control), the findings
 * (N+1 with the fix to use, deferred-field reloads, unused eager loads,
 * duplicates) and the statement list. Everything is derived from the run
 * record by lib/runner/analysis.
 */
import { useEffect, useMemo } from 'react';
import { findings as findFindings, statementBlocks, statementViews, summarize, type Finding } from '@/lib/runner/analysis';
import type { LearnerLanguage } from '@/lib/runner/protocol';
import type { RunRecord } from '@/lib/runner/record';
import type { RelationAccess } from '@/lib/runner/relation-access';
import type { DatasetSchema } from '@/lib/runner/schema-info';
import { formatMs } from '@/lib/playground/sql-display';
import type { ExplainFn } from './ExplainPlan';
import { RichText } from './RichText';
import { preloadSqlFormatter, StatementList } from './StatementList';

export interface InspectedRun {
  record: RunRecord;
  access?: RelationAccess | null;
  /** The code that ran (findings point at its lines). */
  code: string;
  /** Its language (fixes are suggested in its syntax); default TypeScript. */
  language?: LearnerLanguage;
}

export interface QueryInspectorProps {
  run: InspectedRun | null;
  schema?: DatasetSchema | null;
  latencyMs: number;
  onLatencyChange?: (ms: number) => void;
  onLine?: (line: number) => void;
  explain?: ExplainFn;
  /** Shown when there is no run yet. */
  emptyHint?: React.ReactNode;
}

export default function QueryInspector({ run, schema, latencyMs, onLatencyChange, onLine, explain, emptyHint }: QueryInspectorProps) {
  const record = run?.record ?? null;
  const summary = useMemo(() => (record ? summarize(record, latencyMs) : null), [record, latencyMs]);
  const found = useMemo(() => (run ? findFindings(run.record, { code: run.code, schema, access: run.access, language: run.language }) : []), [run, schema]);
  const blocks = useMemo(() => (record ? statementBlocks(record, statementViews(record)) : []), [record]);
  const hasRecord = record !== null;
  useEffect(() => {
    if (hasRecord) preloadSqlFormatter();
  }, [hasRecord]);

  if (!record || !summary) {
    return <div className="px-4 py-6 text-sm text-muted">{emptyHint ?? 'Run the code to see every SQL statement it caused.'}</div>;
  }
  const listed = record.statements.length;
  const elided = record.elided.statements;
  return (
    <div data-testid="query-inspector">
      <section aria-label="Summary" className="border-b border-border px-3 py-3" data-testid="summary" data-statements={summary.statements}>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          <Stat label="Queries" value={String(summary.statements)} testId="summary-statements" emphasis={summary.statements > 10 ? 'warn' : undefined}>
            {summary.reads} read{summary.reads === 1 ? '' : 's'} · {summary.writes} write{summary.writes === 1 ? '' : 's'}
            {summary.transaction ? ` · ${summary.transaction} tx` : ''}
          </Stat>
          <Stat label="SQL time" value={formatMs(summary.sqlMs)} testId="summary-sql-time">
            measured
          </Stat>
          <Stat label="Modeled time" value={formatMs(summary.modeledMs)} testId="summary-modeled-time">
            modeled, +{latencyMs} ms/query
          </Stat>
          <Stat label="Run" value={formatMs(summary.runMs)} testId="summary-run-time">
            {summary.rows.toLocaleString('en')} rows, {summary.instances.toLocaleString('en')} objects
          </Stat>
        </div>
        <LatencyControl latencyMs={latencyMs} onChange={onLatencyChange} statements={summary.statements} />
      </section>
      {record.error && (
        <p className="border-b border-border bg-danger-surface px-3 py-2 text-xs" data-testid="inspector-error">
          <span className="font-semibold text-danger">{record.error.type}</span>
          {record.error.line !== null ? (
            <>
              {' '}
              on{' '}
              <button type="button" className="font-medium text-accent underline decoration-dotted underline-offset-2" onClick={() => onLine?.(record.error!.line!)}>
                line {record.error.line}
              </button>
            </>
          ) : null}
          : the run stopped there{summary.statements ? '; the statements before it are listed below' : ' before any query ran'}.
        </p>
      )}
      {found.length > 0 && (
        <section aria-label="Findings" className="space-y-2 border-b border-border px-3 py-3" data-testid="findings">
          {found.map((f, i) => (
            <FindingCard key={i} finding={f} onLine={onLine} />
          ))}
        </section>
      )}
      <section aria-label="Statements">
        <h3 className="flex items-baseline justify-between px-3 pt-2.5 pb-1 text-xs font-semibold tracking-wide text-muted uppercase">
          <span>Statements</span>
          <span className="font-normal normal-case">
            {elided ? `${listed} of ${summary.statements} listed` : `${summary.statements} in order`}
            {summary.similarGroups > 0 && ` · ${summary.similarGroups} similar group${summary.similarGroups === 1 ? '' : 's'}`}
            {summary.duplicates > 0 && ` · ${summary.duplicates} duplicate${summary.duplicates === 1 ? '' : 's'}`}
          </span>
        </h3>
        <StatementList blocks={blocks} onLine={onLine} explain={explain} elidedNote={record.elided.note} />
      </section>
    </div>
  );
}

function Stat({ label, value, children, testId, emphasis }: { label: string; value: string; children?: React.ReactNode; testId: string; emphasis?: 'warn' }) {
  return (
    <div className="min-w-0 rounded-md border border-border px-2.5 py-1.5">
      <div className="text-[11px] font-medium tracking-wide text-muted uppercase">{label}</div>
      <div className={`font-mono text-lg leading-7 font-semibold tabular-nums ${emphasis === 'warn' ? 'text-warning' : ''}`} data-testid={testId}>
        {value}
      </div>
      <div className="text-[11px] leading-4 text-muted">{children}</div>
    </div>
  );
}

function LatencyControl({ latencyMs, onChange, statements }: { latencyMs: number; onChange?: (ms: number) => void; statements: number }) {
  return (
    <p
      className="mt-2 flex flex-wrap items-center gap-x-1.5 text-[11px] text-muted"
      title="In-memory SQLite answers without a network, so N+1 looks cheaper here than in production. The modeled time adds one round trip to a database server per query."
    >
      <span>Modeled = SQL time + {statements.toLocaleString('en')} round trips ×</span>
      {onChange ? (
        <input
          type="number"
          min={0}
          max={100}
          step={0.5}
          value={latencyMs}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isFinite(v) && v >= 0) onChange(Math.min(100, v));
          }}
          className="w-12 rounded border border-border bg-background px-1 text-right font-mono text-[11px] text-foreground"
          aria-label="Round-trip latency per query, in milliseconds (modeled)"
          data-testid="latency-input"
        />
      ) : (
        <span className="font-mono">{latencyMs}</span>
      )}
      <span>ms latency</span>
    </p>
  );
}

const KIND_LABEL: Record<Finding['kind'], string> = {
  n_plus_one: 'N+1',
  deferred_field: 'Deferred field',
  duplicate: 'Duplicates',
  unused_eager_load: 'Unused eager load',
};

function FindingCard({ finding, onLine }: { finding: Finding; onLine?: (line: number) => void }) {
  const warn = finding.severity === 'warning';
  return (
    <div
      className={`rounded-md border-l-4 px-3 py-2 text-sm ${warn ? 'border-warning bg-warning-surface' : 'border-info bg-info-surface'}`}
      data-testid="finding"
      data-kind={finding.kind}
      role="note"
    >
      <div className="flex flex-wrap items-baseline gap-x-2">
        <span className={`text-xs font-bold tracking-wide uppercase ${warn ? 'text-warning' : 'text-info'}`}>{KIND_LABEL[finding.kind]}</span>
        <span className="font-medium">{finding.title.replace(/^[^:]+: /, '')}</span>
      </div>
      <p className="mt-0.5 leading-snug">
        <RichText text={finding.message} onLine={onLine} />
      </p>
    </div>
  );
}
