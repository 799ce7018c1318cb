'use client';

/**
 * The Check tab: before a check, what it will verify; while checking, which
 * run is going; after, the headline, every check passed / failed / not run
 * with its reason (grouped: your code, the lesson's data, hidden data), and
 * before.ts → your code from the check's own runs. Everything shown comes
 * from lib/lessons-ui/check-view.ts.
 */
import Link from 'next/link';
import type { BeforeAfter, CheckRowView, CheckSectionView, CheckView } from '@/lib/lessons-ui/check-view';
import { formatMs } from '@/lib/playground/sql-display';
import { RichText } from '../RichText';

export interface CheckPanelProps {
  view: CheckView | null;
  pending: CheckRowView[];
  comparison: BeforeAfter | null;
  hiddenLabel: string | null;
  checking: string | null;
  /** The code changed since the shown check. */
  stale: boolean;
  next: { href: string; title: string } | null;
  onCheck: () => void;
  onLine?: (line: number) => void;
  onCompare?: () => void;
  disabled?: boolean;
}

export default function CheckPanel({ view, pending, comparison, hiddenLabel, checking, stale, next, onCheck, onLine, onCompare, disabled }: CheckPanelProps) {
  if (checking && !view) {
    return (
      <div className="flex items-center gap-2 px-4 py-6 text-sm text-muted" role="status" data-testid="check-progress">
        <span className="spinner" aria-hidden /> {checking}
      </div>
    );
  }
  if (!view) {
    return (
      <div className="space-y-4 px-4 py-4 text-sm" data-testid="check-intro">
        <p className="text-muted">
          <strong className="text-foreground">Check</strong> runs <code className="font-mono text-[0.92em]">before.ts</code> and your code on identical fresh
          copies of the data and verifies:
        </p>
        <ul className="space-y-1.5">
          {pending.map((row) => (
            <li key={row.check} className="flex items-center gap-2">
              <Mark state="not_run" />
              <span>{row.label}</span>
            </li>
          ))}
        </ul>
        {hiddenLabel && (
          <p className="text-xs text-muted">Then the same checks again on hidden data ({hiddenLabel}), so that an answer tuned to the visible rows does not pass.</p>
        )}
        <button
          type="button"
          onClick={onCheck}
          disabled={disabled}
          className="rounded-md bg-accent px-3.5 py-1.5 text-sm font-semibold text-accent-foreground shadow-sm hover:opacity-90 disabled:opacity-50"
        >
          Check my code
        </button>
      </div>
    );
  }
  return (
    <div className={`text-sm ${checking ? 'opacity-60 transition-opacity' : ''}`} data-testid="check-result" data-passed={view.passed ? 'true' : 'false'}>
      <div className={`border-b border-border px-4 py-3 ${view.passed ? 'bg-success-surface' : 'bg-danger-surface'}`} role="status">
        <p className={`flex items-center gap-2 text-base font-semibold ${view.passed ? 'text-success' : 'text-danger'}`} data-testid="check-headline">
          <Mark state={view.passed ? 'passed' : 'failed'} large />
          {view.headline}
        </p>
        <p className="mt-0.5 text-[13px] text-foreground" data-testid="check-detail">
          <RichText text={view.detail} onLine={view.detailCheck === 'same_output_as_before' ? undefined : onLine} />
        </p>
        {stale && <p className="mt-1.5 text-xs text-muted">You changed the code since this check: check again to see where it stands.</p>}
        {checking && (
          <p className="mt-1.5 flex items-center gap-2 text-xs text-muted">
            <span className="spinner" aria-hidden /> {checking}
          </p>
        )}
        {view.passed && next && !stale && (
          <Link href={next.href} className="mt-2.5 inline-flex items-center gap-1 rounded-md bg-accent px-3 py-1.5 text-sm font-semibold text-accent-foreground hover:opacity-90" data-testid="check-next">
            Next: {next.title} →
          </Link>
        )}
      </div>

      {view.problems.length > 1 && (
        <ul className="space-y-1 border-b border-border px-4 py-2 font-mono text-xs text-danger">
          {view.problems.slice(1).map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}

      {view.sections.map((section) => (
        <Section key={section.id} section={section} onLine={onLine} />
      ))}

      {comparison && <Figures comparison={comparison} onCompare={onCompare} />}
    </div>
  );
}

function Section({ section, onLine }: { section: CheckSectionView; onLine?: (line: number) => void }) {
  return (
    <section className="border-b border-border px-4 py-3" data-testid="check-section" data-section={section.id} data-state={section.state}>
      <h3 className="flex flex-wrap items-baseline gap-x-2 text-xs font-semibold tracking-wide text-muted uppercase">
        <span>{section.title}</span>
        <span className="font-mono font-normal normal-case">{section.subtitle}</span>
      </h3>
      <ul className="mt-2 space-y-2">
        {section.rows.map((row, i) => (
          <li key={`${row.check}-${i}`} className="flex gap-2" data-testid="check-row" data-check={row.check} data-state={row.state}>
            <Mark state={row.state} />
            <div className="min-w-0">
              <p className={`font-medium ${row.state === 'not_run' ? 'text-muted' : ''}`}>{row.label}</p>
              {row.reason && (
                <p className={`text-[13px] leading-snug break-words ${row.state === 'failed' ? 'text-foreground' : 'text-muted'}`} data-testid="check-reason">
                  <RichText text={row.reason} onLine={row.check === 'same_output_as_before' ? undefined : onLine} />
                </p>
              )}
            </div>
          </li>
        ))}
      </ul>
      {section.note && <p className="mt-2 text-xs text-muted">{section.note}</p>}
    </section>
  );
}

function Figures({ comparison, onCompare }: { comparison: BeforeAfter; onCompare?: () => void }) {
  const { before, after } = comparison;
  const rows: { label: string; a: string; b: string; better: boolean | null }[] = [
    { label: 'Queries', a: String(before.statements), b: String(after.statements), better: after.statements === before.statements ? null : after.statements < before.statements },
    { label: 'SQL time (measured)', a: formatMs(before.sqlMs), b: formatMs(after.sqlMs), better: null },
    { label: 'Modeled time', a: formatMs(before.modeledMs), b: formatMs(after.modeledMs), better: Math.abs(after.modeledMs - before.modeledMs) < 0.5 ? null : after.modeledMs < before.modeledMs },
    { label: 'Rows fetched', a: before.rows.toLocaleString('en'), b: after.rows.toLocaleString('en'), better: after.rows === before.rows ? null : after.rows < before.rows },
  ];
  return (
    <section className="px-4 py-3" data-testid="check-figures">
      <h3 className="text-xs font-semibold tracking-wide text-muted uppercase">
        before.ts → your code <span className="font-mono font-normal normal-case">{comparison.dataLabel}</span>
      </h3>
      <table className="mt-2 w-full text-[13px]">
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} className="border-b border-border last:border-b-0">
              <td className="py-1 pr-2 text-muted">{r.label}</td>
              <td className="py-1 pr-2 text-right font-mono tabular-nums">{r.a}</td>
              <td className="w-4 py-1 text-center text-muted">→</td>
              <td className={`py-1 text-right font-mono font-semibold tabular-nums ${r.better === true ? 'text-success' : r.better === false ? 'text-danger' : ''}`}>{r.b}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-muted">
        One run each, from the check. Modeled time adds {comparison.latencyMs} ms of round trip per query.{' '}
        {onCompare && (
          <button type="button" onClick={onCompare} className="font-medium text-accent hover:underline">
            Compare over several runs →
          </button>
        )}
      </p>
    </section>
  );
}

export function Mark({ state, large = false }: { state: 'passed' | 'failed' | 'not_run'; large?: boolean }) {
  const size = large ? 'h-5 w-5' : 'mt-0.5 h-4 w-4';
  if (state === 'passed') {
    return (
      <svg viewBox="0 0 16 16" className={`${size} shrink-0 text-success`} aria-label="passed" role="img">
        <circle cx="8" cy="8" r="7.25" fill="currentColor" />
        <path d="M4.6 8.3 7 10.6l4.4-4.9" fill="none" stroke="var(--background)" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    );
  }
  if (state === 'failed') {
    return (
      <svg viewBox="0 0 16 16" className={`${size} shrink-0 text-danger`} aria-label="failed" role="img">
        <circle cx="8" cy="8" r="7.25" fill="currentColor" />
        <path d="m5.5 5.5 5 5m0-5-5 5" fill="none" stroke="var(--background)" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
    );
  }
  return (
    <svg viewBox="0 0 16 16" className={`${size} shrink-0 text-muted`} aria-label="not run yet" role="img">
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeDasharray="2.5 2" />
    </svg>
  );
}
