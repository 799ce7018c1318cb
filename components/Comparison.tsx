'use client';

/**
 * Before and after, side by side: both versions run on identical fresh data,
 * several times each (median and spread), with bars for measured and modeled
 * time, rows fetched, model instances created, and whether the output is the
 * same. "Scale" re-runs both at every dataset size and charts statements
 * against size.
 */
import { useRef, useState } from 'react';
import { compareVersions, scaleSeries, type CompareOutcome, type RunFn, type ScalePoint, type Stat, type VersionResult } from '@/lib/runner/compare';
import type { BlogSize } from '@/lib/runner/protocol';
import { formatMs } from '@/lib/playground/sql-display';

export interface ComparisonProps {
  before: string;
  after: string;
  labels?: [string, string];
  run: RunFn;
  size: BlogSize;
  /** Sizes for the scale chart, with the number of posts each has. */
  scaleSizes: { size: BlogSize; scale: number }[];
  latencyMs: number;
  /** Shown instead of the controls when there is nothing to compare yet. */
  disabledReason?: string | null;
  /** What the data is called when it is not a blog size (a lesson's own data: `fixture.json`). */
  dataLabel?: string;
}

const COLORS = { before: 'var(--warning)', after: 'var(--accent)' };

export default function Comparison({ before, after, labels = ['Before', 'After'], run, size, scaleSizes, latencyMs, disabledReason, dataLabel }: ComparisonProps) {
  const [repeats, setRepeats] = useState(5);
  const [result, setResult] = useState<CompareOutcome | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; what: string } | null>(null);
  const [points, setPoints] = useState<ScalePoint[] | null>(null);
  const abort = useRef<{ aborted: boolean } | null>(null);
  const busy = progress !== null;

  const start = async () => {
    const signal = { aborted: false };
    abort.current = signal;
    setProgress({ done: 0, total: repeats * 2, what: 'Comparing' });
    const outcome = await compareVersions(run, before, after, {
      size,
      repeats,
      latencyMs,
      labels,
      signal,
      onProgress: (done, total) => setProgress({ done, total, what: 'Comparing' }),
    });
    setProgress(null);
    if (!signal.aborted) setResult(outcome);
  };

  const scale = async () => {
    const signal = { aborted: false };
    abort.current = signal;
    setPoints([]);
    setProgress({ done: 0, total: scaleSizes.length, what: 'Scaling' });
    await scaleSeries(run, before, after, scaleSizes, {
      latencyMs,
      signal,
      onPoint: (p, i) => {
        setPoints((prev) => [...(prev ?? []), p]);
        setProgress({ done: i + 1, total: scaleSizes.length, what: 'Scaling' });
      },
    });
    setProgress(null);
  };

  if (disabledReason) return <div className="px-4 py-6 text-sm text-muted">{disabledReason}</div>;

  return (
    <div className="space-y-4 px-3 py-3 text-sm" data-testid="comparison">
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={start}
          disabled={busy}
          className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-foreground hover:opacity-90 disabled:opacity-60"
          data-testid="compare-run"
        >
          Compare on {dataLabel ?? `${size} data`}
        </button>
        <label className="flex items-center gap-1 text-xs text-muted">
          runs each
          <select value={repeats} onChange={(e) => setRepeats(Number(e.target.value))} className="rounded border border-border bg-background px-1 py-0.5 text-foreground" disabled={busy}>
            {[1, 3, 5, 7, 9].map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        {scaleSizes.length > 1 && (
          <button
            type="button"
            onClick={scale}
            disabled={busy}
            className="rounded-md border border-border px-3 py-1.5 font-medium hover:bg-surface disabled:opacity-60"
            data-testid="compare-scale"
            title={`Run both once at ${scaleSizes.map((s) => s.size).join(', ')}`}
          >
            Scale: {scaleSizes.map((s) => s.size).join(' → ')}
          </button>
        )}
        {busy && (
          <span className="flex items-center gap-2 text-xs text-muted" role="status">
            <span className="spinner" aria-hidden />
            {progress.what} {progress.done}/{progress.total}
            <button
              type="button"
              className="text-accent hover:underline"
              onClick={() => {
                if (abort.current) abort.current.aborted = true;
              }}
            >
              stop
            </button>
          </span>
        )}
      </div>

      {result && !result.ok && (
        <p className="rounded-md border-l-4 border-danger bg-danger-surface px-3 py-2" role="alert">
          The {result.version === 'before' ? labels[0].toLowerCase() : labels[1].toLowerCase()} version could not run: {result.reason}.
        </p>
      )}
      {result?.ok && <CompareResult result={result} dataLabel={dataLabel} />}
      {points && points.length > 0 && <ScaleChart points={points} labels={labels} />}
    </div>
  );
}

function spread(s: Stat): string {
  return s.samples.length > 1 ? `${formatMs(s.min)}–${formatMs(s.max)}` : 'one run';
}

function CompareResult({ result, dataLabel }: { result: Extract<CompareOutcome, { ok: true }>; dataLabel?: string }) {
  const { before, after } = result;
  const metrics: { label: string; get: (v: VersionResult) => number; fmt: (n: number) => string; note?: (v: VersionResult) => string }[] = [
    { label: 'Queries', get: (v) => v.statements, fmt: (n) => String(n) },
    { label: 'SQL time (measured, median)', get: (v) => v.sqlMs.median, fmt: formatMs, note: (v) => spread(v.sqlMs) },
    { label: `Modeled time (+${result.latencyMs} ms/query)`, get: (v) => v.modeledMs.median, fmt: formatMs, note: (v) => spread(v.modeledMs) },
    { label: 'Run time (measured, median)', get: (v) => v.runMs.median, fmt: formatMs, note: (v) => spread(v.runMs) },
    { label: 'Rows fetched', get: (v) => v.rows, fmt: (n) => n.toLocaleString('en') },
    { label: 'Model instances created', get: (v) => v.instances, fmt: (n) => n.toLocaleString('en') },
  ];
  return (
    <div className="space-y-3" data-testid="compare-result">
      <p className="text-xs text-muted">
        Both versions ran {result.repeats} time{result.repeats === 1 ? '' : 's'} each, alternating, on identical fresh copies of {dataLabel ?? `the ${result.size} dataset`}.
      </p>
      <div className="overflow-hidden rounded-md border border-border">
        <div className="grid grid-cols-[minmax(8rem,1fr)_2fr] border-b border-border bg-surface px-3 py-1 text-[11px] font-semibold tracking-wide text-muted uppercase">
          <span>Metric</span>
          <span className="flex gap-4">
            <Legend color={COLORS.before} label={before.label} />
            <Legend color={COLORS.after} label={after.label} />
          </span>
        </div>
        {metrics.map((m) => {
          const a = m.get(before);
          const b = m.get(after);
          const max = Math.max(a, b) || 1;
          return (
            <div key={m.label} className="grid grid-cols-[minmax(8rem,1fr)_2fr] items-center gap-2 border-b border-border px-3 py-1.5 last:border-b-0">
              <span className="text-xs">{m.label}</span>
              <div className="space-y-1">
                <Bar value={a} max={max} color={COLORS.before} text={m.fmt(a)} note={m.note?.(before)} testId="bar-before" />
                <Bar value={b} max={max} color={COLORS.after} text={m.fmt(b)} note={m.note?.(after)} testId="bar-after" />
              </div>
            </div>
          );
        })}
      </div>
      <p
        className={`rounded-md px-3 py-2 text-sm font-medium ${result.sameOutput ? 'bg-success-surface text-success' : 'bg-danger-surface text-danger'}`}
        data-testid="compare-output"
        data-same={result.sameOutput}
      >
        {result.sameOutput ? '✓ Same output' : '✗ The output differs'}
        {!result.sameOutput && <OutputDiff a={before} b={after} />}
      </p>
    </div>
  );
}

function OutputDiff({ a, b }: { a: VersionResult; b: VersionResult }) {
  const i = a.output.findIndex((line, k) => line !== b.output[k]);
  const at = i < 0 ? Math.min(a.output.length, b.output.length) : i;
  const errors = (a.error?.type ?? '') !== (b.error?.type ?? '');
  return (
    <span className="mt-1 block text-xs font-normal text-foreground">
      {errors
        ? `${a.label}: ${a.error ? `${a.error.type}: ${a.error.message}` : 'no error'} — ${b.label}: ${b.error ? `${b.error.type}: ${b.error.message}` : 'no error'}`
        : `From line ${at + 1} of the output: ${a.label} printed ${JSON.stringify(a.output[at] ?? '(nothing)')}, ${b.label} printed ${JSON.stringify(b.output[at] ?? '(nothing)')}.`}
    </span>
  );
}

function Legend({ color, label }: { color: string; label: string }) {
  return (
    <span className="inline-flex items-center gap-1 normal-case">
      <span className="inline-block h-2 w-3 rounded-sm" style={{ background: color }} />
      {label}
    </span>
  );
}

function Bar({ value, max, color, text, note, testId }: { value: number; max: number; color: string; text: string; note?: string; testId: string }) {
  const pct = Math.max(value > 0 ? 1.5 : 0, (value / max) * 100);
  return (
    <div className="flex items-center gap-2" data-testid={testId}>
      <div className="h-3 flex-1 rounded-sm bg-surface">
        <div className="h-3 rounded-sm" style={{ width: `${pct}%`, background: color }} />
      </div>
      <span className="w-16 shrink-0 text-right font-mono text-xs tabular-nums">{text}</span>
      <span className="w-24 shrink-0 truncate text-[10px] text-muted">{note ?? ''}</span>
    </div>
  );
}

/** Statements against dataset size (log-log): N+1 climbs with the data, the fix stays flat. */
function ScaleChart({ points, labels }: { points: ScalePoint[]; labels: [string, string] }) {
  const W = 460;
  const H = 200;
  const pad = { l: 48, r: 48, t: 18, b: 34 };
  const xs = points.map((p) => p.scale);
  const ys = points.flatMap((p) => [p.before?.statements, p.after?.statements]).filter((v): v is number => typeof v === 'number' && v > 0);
  const x0 = Math.log10(Math.min(...xs));
  const x1 = Math.log10(Math.max(...xs));
  const y1 = Math.log10(Math.max(10, ...ys)) + 0.15;
  const y0 = Math.log10(0.5);
  const x = (v: number) => pad.l + (x1 === x0 ? 0.5 : (Math.log10(v) - x0) / (x1 - x0)) * (W - pad.l - pad.r);
  const y = (v: number) => H - pad.b - ((Math.log10(Math.max(1, v)) - y0) / (y1 - y0)) * (H - pad.t - pad.b);
  const ticks = Array.from({ length: Math.floor(y1) + 1 }, (_, i) => 10 ** i);
  const line = (key: 'before' | 'after') =>
    points
      .filter((p) => p[key])
      .map((p, i) => `${i ? 'L' : 'M'}${x(p.scale).toFixed(1)},${y(p[key]!.statements).toFixed(1)}`)
      .join(' ');
  return (
    <figure className="space-y-1" data-testid="scale-chart">
      <figcaption className="text-xs font-semibold text-muted">Queries vs dataset size (posts, log scales)</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full max-w-[34rem]" role="img" aria-label="Queries against dataset size">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.l} x2={W - pad.r} y1={y(t)} y2={y(t)} stroke="var(--border)" />
            <text x={pad.l - 6} y={y(t) + 4} textAnchor="end" fontSize="10" fill="var(--muted)">
              {t.toLocaleString('en')}
            </text>
          </g>
        ))}
        {points.map((p) => (
          <text key={p.size} x={x(p.scale)} y={H - pad.b + 16} textAnchor="middle" fontSize="10" fill="var(--muted)">
            {p.size} ({p.scale.toLocaleString('en')})
          </text>
        ))}
        {(['before', 'after'] as const).map((key) => (
          <g key={key}>
            <path d={line(key)} fill="none" stroke={COLORS[key]} strokeWidth="2" />
            {points
              .filter((p) => p[key])
              .map((p) => (
                <g key={p.size}>
                  <circle cx={x(p.scale)} cy={y(p[key]!.statements)} r="3.5" fill={COLORS[key]} />
                  <text x={x(p.scale) + 6} y={y(p[key]!.statements) - 6} fontSize="10" fill="var(--foreground)">
                    {p[key]!.statements.toLocaleString('en')}
                  </text>
                </g>
              ))}
          </g>
        ))}
      </svg>
      <div className="flex gap-4 text-xs">
        <Legend color={COLORS.before} label={labels[0]} />
        <Legend color={COLORS.after} label={labels[1]} />
      </div>
      {points.some((p) => p.error) && (
        <ul className="text-xs text-danger">
          {points
            .filter((p) => p.error)
            .map((p) => (
              <li key={p.size}>
                {p.size}: {p.error}
              </li>
            ))}
        </ul>
      )}
    </figure>
  );
}
