'use client';

/**
 * The reading column of a lesson page: where the lesson sits, its title and
 * summary, what Check verifies (with the last check's marks), the prose
 * (HTML rendered at build time), the hints one at a time, and the previous /
 * next lessons.
 */
import Link from 'next/link';
import type { CheckRowView } from '@/lib/lessons-ui/check-view';
import { lessonNumber } from '@/lib/lessons-ui/catalog';
import type { LessonLink, LessonPageData } from '@/lib/lessons-ui/page-data';
import { Mark } from './CheckPanel';

export interface LessonProseProps {
  data: LessonPageData;
  goal: CheckRowView[];
  hintsShown: number;
  onRevealHint: () => void;
}

export default function LessonProse({ data, goal, hintsShown, onRevealHint }: LessonProseProps) {
  const hints = data.hintsHtml;
  const shown = Math.min(hintsShown, hints.length);
  return (
    <article className="px-5 py-5 sm:px-6" data-testid="lesson-prose">
      <p className="text-xs font-medium text-muted">
        <span className="text-accent">Chapter {data.chapter.number}</span> · {data.chapter.title} · Lesson {data.position} of {data.total}
      </p>
      <h1 className="mt-1 text-2xl leading-tight font-bold tracking-tight" data-testid="lesson-title">
        <span className="mr-2 font-mono text-lg font-medium text-muted">{lessonNumber(data.number)}</span>
        {data.title}
      </h1>
      <p className="mt-1.5 text-[15px] text-muted">{data.summary}</p>

      <section className="mt-4 rounded-lg border border-border bg-surface/60 px-3.5 py-2.5" aria-label="To pass" data-testid="lesson-goal">
        <h2 className="text-[11px] font-semibold tracking-wide text-muted uppercase">To pass</h2>
        <ul className="mt-1.5 space-y-1 text-sm">
          {goal.map((row) => (
            <li key={row.check} className="flex items-start gap-2" data-state={row.state}>
              <Mark state={row.state} />
              <span>{row.label}</span>
            </li>
          ))}
        </ul>
        {data.hiddenLabel && <p className="mt-1.5 text-xs text-muted">on the lesson&apos;s data ({data.visibleLabel}), then on hidden data</p>}
      </section>

      <div className="lesson-prose mt-5" dangerouslySetInnerHTML={{ __html: data.bodyHtml }} />

      {hints.length > 0 && (
        <section className="mt-6 border-t border-border pt-4" aria-label="Hints" data-testid="hints">
          <h2 className="text-sm font-semibold">Hints</h2>
          {shown > 0 && (
            <ol className="mt-2 space-y-2">
              {hints.slice(0, shown).map((html, i) => (
                <li key={i} className="flex gap-2.5 rounded-md border-l-4 border-info bg-info-surface px-3 py-2 text-sm" data-testid="hint">
                  <span className="font-mono text-xs font-semibold text-info">{i + 1}</span>
                  <span className="lesson-inline min-w-0" dangerouslySetInnerHTML={{ __html: html }} />
                </li>
              ))}
            </ol>
          )}
          {shown < hints.length ? (
            <button type="button" onClick={onRevealHint} className="mt-2 rounded-md border border-border px-3 py-1.5 text-sm font-medium hover:bg-surface" data-testid="hint-button">
              {shown === 0 ? 'Show a hint' : 'Show the next hint'} <span className="text-muted">({shown + 1} of {hints.length})</span>
            </button>
          ) : (
            <p className="mt-2 text-xs text-muted">That was the last hint. Still stuck? &ldquo;Solution&rdquo; above the editor shows one answer as a diff.</p>
          )}
        </section>
      )}

      <nav className="mt-8 grid grid-cols-2 gap-3 border-t border-border pt-4" aria-label="Lessons">
        <NavLink link={data.previous} direction="previous" />
        <NavLink link={data.next} direction="next" />
      </nav>
    </article>
  );
}

function NavLink({ link, direction }: { link: LessonLink | null; direction: 'previous' | 'next' }) {
  const next = direction === 'next';
  if (!link) {
    return next ? (
      <Link href="/" className="col-start-2 rounded-md border border-border px-3 py-2 text-right text-sm hover:bg-surface">
        <span className="block text-xs text-muted">Last lesson</span>
        <span className="font-medium">All lessons</span>
      </Link>
    ) : (
      <span />
    );
  }
  return (
    <Link href={link.href} className={`rounded-md border border-border px-3 py-2 text-sm hover:bg-surface ${next ? 'col-start-2 text-right' : ''}`} data-testid={`${direction}-lesson`} rel={direction === 'next' ? 'next' : 'prev'}>
      <span className="block text-xs text-muted">{next ? 'Next →' : '← Previous'}</span>
      <span className="font-medium">
        <span className="font-mono text-muted">{lessonNumber(link.number)}</span> {link.title}
      </span>
    </Link>
  );
}
