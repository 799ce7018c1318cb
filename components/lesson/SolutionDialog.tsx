'use client';

/**
 * "Show solution": solution.ts as a diff against the learner's code (lines to
 * remove, lines to add), the Django solution beside it, and a button that
 * loads the solution into the editor (undoable).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { highlightHtml } from '@/lib/lessons-ui/highlight';
import { diffLines } from '@/lib/lessons-ui/line-diff';

export interface SolutionDialogProps {
  code: string;
  solution: string;
  djangoHtml: string;
  onLoad: () => void;
  onClose: () => void;
}

export default function SolutionDialog({ code, solution, djangoHtml, onLoad, onClose }: SolutionDialogProps) {
  const diff = useMemo(() => diffLines(code, solution), [code, solution]);
  const [view, setView] = useState<'diff' | 'django'>('diff');
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="fixed inset-0 z-40 flex items-start justify-center bg-black/40 p-3 sm:p-8" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div role="dialog" aria-modal="true" aria-labelledby="solution-title" className="flex max-h-full w-full max-w-3xl flex-col overflow-hidden rounded-lg border border-border bg-background shadow-2xl" data-testid="solution-dialog">
        <div className="flex items-center gap-2 border-b border-border px-3 py-2.5 sm:px-4">
          <h2 id="solution-title" className="font-semibold">
            Solution
          </h2>
          <div className="flex min-w-0 gap-1 sm:ml-2" role="tablist">
            <Tab active={view === 'diff'} onClick={() => setView('diff')}>
              <span className="sm:hidden">Diff</span>
              <span className="hidden sm:inline">TypeScript diff</span>
            </Tab>
            <Tab active={view === 'django'} onClick={() => setView('django')}>
              Django<span className="hidden sm:inline"> (Python)</span>
            </Tab>
          </div>
          <button ref={close} type="button" onClick={onClose} className="ml-auto rounded px-2 py-1 text-sm text-muted hover:bg-surface hover:text-foreground" aria-label="Close">
            ✕
          </button>
        </div>
        {view === 'diff' ? (
          <>
            <p className="border-b border-border px-4 py-2 text-xs text-muted" data-testid="solution-summary">
              {diff.identical ? (
                'Your code is the same as the solution.'
              ) : (
                <>
                  From your code to <span className="font-mono">solution.ts</span>:{' '}
                  <span className="font-medium text-danger">−{diff.removed}</span> <span className="font-medium text-success">+{diff.added}</span> lines. Other
                  answers can pass too: Check is the judge.
                </>
              )}
            </p>
            <div className="pane-scroll min-h-0 flex-1 overflow-auto py-2 font-mono text-[12.5px] leading-5" data-testid="solution-diff">
              {diff.lines.map((line, i) => (
                <div
                  key={i}
                  className={`flex min-w-max ${line.kind === 'added' ? 'bg-success-surface' : line.kind === 'removed' ? 'bg-danger-surface' : ''}`}
                  data-kind={line.kind}
                >
                  <span className="w-7 shrink-0 pr-1.5 text-right text-muted select-none sm:w-9 sm:pr-2">{line.oldLine ?? ''}</span>
                  <span className="w-7 shrink-0 pr-1.5 text-right text-muted select-none sm:w-9 sm:pr-2">{line.newLine ?? ''}</span>
                  <span className={`w-5 shrink-0 text-center select-none ${line.kind === 'added' ? 'text-success' : line.kind === 'removed' ? 'text-danger' : 'text-muted'}`}>
                    {line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ''}
                  </span>
                  <span className="pr-4 whitespace-pre" dangerouslySetInnerHTML={{ __html: highlightHtml(line.text, 'typescript') || ' ' }} />
                </div>
              ))}
            </div>
          </>
        ) : (
          <pre className="code-block pane-scroll min-h-0 flex-1 overflow-auto rounded-none border-0 px-4 py-3" data-lang="python">
            <code dangerouslySetInnerHTML={{ __html: djangoHtml }} />
          </pre>
        )}
        <div className="flex flex-wrap items-center justify-end gap-2 border-t border-border px-4 py-2.5">
          <span className="mr-auto hidden text-xs text-muted sm:inline">Loading replaces the editor&apos;s code; Undo (or Ctrl/⌘+Z) brings yours back.</span>
          <button type="button" onClick={onClose} className="rounded-md border border-border px-3 py-1.5 text-sm font-medium hover:bg-surface">
            Close
          </button>
          <button type="button" onClick={onLoad} disabled={diff.identical} className="rounded-md bg-accent px-3 py-1.5 text-sm font-semibold text-accent-foreground hover:opacity-90 disabled:opacity-50" data-testid="solution-load">
            Load into the editor
          </button>
        </div>
      </div>
    </div>
  );
}

function Tab({ active, onClick, children }: { active: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button type="button" role="tab" aria-selected={active} onClick={onClick} className={`h-7 rounded-md px-2.5 text-sm font-medium ${active ? 'bg-surface text-foreground' : 'text-muted hover:text-foreground'}`}>
      {children}
    </button>
  );
}
