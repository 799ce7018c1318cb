'use client';

/** Small controls shared by the sandbox and lesson pages: Run/Stop, the runner's status, the dataset size. */
import type { BlogSize } from '@/lib/runner/protocol';
import type { RunnerStatus } from '@/lib/runner/worker-client';

const SIZE_LABEL: Record<BlogSize, string> = { tiny: 'tiny', default: 'default', large: 'large' };

export function RunButton({ running, disabled, onRun, onStop, timeLimitMs }: { running: boolean; disabled?: boolean; onRun: () => void; onStop: () => void; timeLimitMs: number }) {
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  return (
    <div className="flex items-center gap-2">
      <span className="hidden text-[11px] text-muted xl:inline" title="A run that takes longer is stopped">
        limit {timeLimitMs / 1000} s
      </span>
      {running ? (
        <button
          type="button"
          onClick={onStop}
          className="inline-flex h-8 items-center gap-2 rounded-md border border-danger px-3 text-sm font-semibold text-danger hover:bg-danger-surface"
          data-testid="stop-button"
        >
          <span className="spinner" aria-hidden /> Stop
        </button>
      ) : (
        <button
          type="button"
          onClick={onRun}
          disabled={disabled}
          className="inline-flex h-8 items-center gap-2 rounded-md bg-accent px-3.5 text-sm font-semibold text-accent-foreground shadow-sm hover:opacity-90 focus-visible:ring-2 focus-visible:ring-accent focus-visible:ring-offset-2 focus-visible:ring-offset-background focus-visible:outline-none disabled:opacity-50"
          data-testid="run-button"
          title={`Run (${mac ? '⌘' : 'Ctrl'}+Enter)`}
        >
          <svg width="10" height="12" viewBox="0 0 10 12" aria-hidden>
            <path d="M0 0 L10 6 L0 12 Z" fill="currentColor" />
          </svg>
          Run
          <kbd className="hidden rounded bg-black/15 px-1 font-sans text-[10px] font-medium sm:inline">{mac ? '⌘↵' : 'Ctrl ↵'}</kbd>
        </button>
      )}
    </div>
  );
}

export function RunnerStatusBadge({ status, size }: { status: RunnerStatus | null; size: BlogSize }) {
  const dataset = status?.datasets[size];
  const phase = status?.phase ?? 'starting';
  const ready = (phase === 'ready' || phase === 'busy') && !!dataset;
  let text: string;
  let tone: 'ok' | 'wait' | 'bad';
  if (!status) {
    text = 'Starting the runner…';
    tone = 'wait';
  } else if (phase === 'failed') {
    text = status.message;
    tone = 'bad';
  } else if (phase === 'restarting') {
    text = status.message;
    tone = 'wait';
  } else if (!dataset || phase === 'starting') {
    text = status.message === 'Ready' ? `Preparing the ${size} dataset…` : status.message;
    tone = 'wait';
  } else {
    const posts = dataset.rows.blog_post;
    text = `${SIZE_LABEL[size]} data ready${posts !== undefined ? ` · ${posts.toLocaleString('en')} posts` : ''}`;
    tone = 'ok';
  }
  return (
    <span
      className="inline-flex min-w-0 items-center gap-1.5 truncate text-xs text-muted"
      role="status"
      data-testid="runner-status"
      data-phase={phase}
      data-ready={ready ? 'true' : 'false'}
      title={text}
    >
      {tone === 'wait' ? (
        <span className="spinner shrink-0 text-muted" aria-hidden />
      ) : (
        <span className={`inline-block h-2 w-2 shrink-0 rounded-full ${tone === 'ok' ? 'bg-success' : 'bg-danger'}`} aria-hidden />
      )}
      <span className="truncate">{text}</span>
    </span>
  );
}

export function DatasetSizeSelect({ size, onChange, counts }: { size: BlogSize; onChange: (s: BlogSize) => void; counts: Record<BlogSize, number> }) {
  return (
    <label className="flex items-center gap-1.5 text-xs text-muted">
      <span className="hidden sm:inline">Dataset</span>
      <select
        value={size}
        onChange={(e) => onChange(e.target.value as BlogSize)}
        className="h-8 rounded-md border border-border bg-background px-1.5 text-sm text-foreground"
        data-testid="size-select"
        aria-label="Dataset size"
      >
        {(Object.keys(SIZE_LABEL) as BlogSize[]).map((s) => (
          <option key={s} value={s}>
            {SIZE_LABEL[s]} ({counts[s].toLocaleString('en')} posts)
          </option>
        ))}
      </select>
    </label>
  );
}
