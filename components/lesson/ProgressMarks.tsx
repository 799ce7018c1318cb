'use client';

/**
 * The learner's progress where the catalog and lesson pages show it: a badge
 * per lesson (not started / in progress / passed), a chapter's count, and the
 * overall summary with a link to continue. Read from localStorage after
 * hydration; the prerendered page shows "not started".
 */
import Link from 'next/link';
import { continueWith, countProgress, statusOf, type LessonStatus } from '@/lib/lessons-ui/progress';
import { useProgress } from '@/lib/lessons-ui/use-progress';

const LABEL: Record<LessonStatus, string> = { not_started: 'Not started', in_progress: 'In progress', passed: 'Passed' };

export function StatusIcon({ status, className = '' }: { status: LessonStatus; className?: string }) {
  if (status === 'passed') {
    return (
      <svg viewBox="0 0 16 16" className={`h-4 w-4 shrink-0 text-success ${className}`} aria-hidden>
        <circle cx="8" cy="8" r="7.25" fill="currentColor" />
        <path d="M4.6 8.3 7 10.6l4.4-4.9" fill="none" stroke="var(--background)" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    );
  }
  if (status === 'in_progress') {
    return (
      <svg viewBox="0 0 16 16" className={`h-4 w-4 shrink-0 text-warning ${className}`} aria-hidden>
        <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M8 3.5a4.5 4.5 0 0 1 0 9z" fill="currentColor" />
      </svg>
    );
  }
  return (
    <svg viewBox="0 0 16 16" className={`h-4 w-4 shrink-0 text-border ${className}`} aria-hidden>
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

/** One lesson's status: icon and label. */
export function LessonStatusBadge({ slug, compact = false }: { slug: string; compact?: boolean }) {
  const status = statusOf(useProgress(), slug);
  const tone = status === 'passed' ? 'text-success' : status === 'in_progress' ? 'text-warning' : 'text-muted';
  return (
    <span className={`inline-flex shrink-0 items-center gap-1.5 text-xs font-medium ${tone}`} data-testid="lesson-status" data-slug={slug} data-status={status} title={LABEL[status]}>
      <StatusIcon status={status} />
      <span className={compact ? 'sr-only' : ''}>{LABEL[status]}</span>
    </span>
  );
}

/** "2 / 3 passed" for a chapter. */
export function ChapterProgress({ slugs }: { slugs: string[] }) {
  const { passed, total } = countProgress(useProgress(), slugs);
  return (
    <span className={`text-xs tabular-nums ${passed === total ? 'font-medium text-success' : 'text-muted'}`} data-testid="chapter-progress">
      {passed} / {total} passed
    </span>
  );
}

/** The overall summary and a link to where the learner left off. */
export function OverallProgress({ lessons }: { lessons: { slug: string; title: string; number: number; href: string }[] }) {
  const progress = useProgress();
  const slugs = lessons.map((l) => l.slug);
  const { passed, inProgress, total } = countProgress(progress, slugs);
  const next = continueWith(progress, slugs);
  const target = lessons.find((l) => l.slug === next) ?? null;
  const pct = total ? Math.round((passed / total) * 100) : 0;
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2" data-testid="overall-progress" data-passed={passed}>
      <div className="flex min-w-48 flex-1 items-center gap-3">
        <div className="h-2 flex-1 overflow-hidden rounded-full bg-surface" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={passed} aria-label="Lessons passed">
          <div className="h-full rounded-full bg-accent transition-[width]" style={{ width: `${pct}%` }} />
        </div>
        <span className="shrink-0 text-sm text-muted tabular-nums">
          {passed} of {total} passed{inProgress ? ` · ${inProgress} in progress` : ''}
        </span>
      </div>
      {target && (
        <Link href={target.href} className="shrink-0 text-sm font-medium text-accent hover:underline" data-testid="continue-link">
          Continue: {String(target.number).padStart(2, '0')} {target.title} →
        </Link>
      )}
    </div>
  );
}
