/** Controls shared by the sandbox's and the lesson page's panes: tabs and the fold toggle of a side pane. */
import type { ReactNode } from 'react';

export function TabButton({ active, onClick, children, testId }: { active: boolean; onClick: () => void; children: ReactNode; testId: string }) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={active}
      onClick={onClick}
      className={`inline-flex h-7 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium ${active ? 'bg-surface text-foreground' : 'text-muted hover:text-foreground'}`}
      data-testid={testId}
    >
      {children}
    </button>
  );
}

/** The header of a side pane that folds to a narrow strip: its title while open, and the « / » toggle. */
export function FoldablePaneHeader({ title, what, open, onToggle, className = 'flex' }: { title: string; what: string; open: boolean; onToggle: () => void; className?: string }) {
  const label = open ? `Hide ${what}` : `Show ${what}`;
  return (
    <div className={`${className} h-9 shrink-0 items-center justify-between border-b border-border px-2`}>
      {open && <span className="px-1 text-xs font-semibold tracking-wide text-muted uppercase">{title}</span>}
      <button
        type="button"
        onClick={onToggle}
        className="rounded px-1.5 py-0.5 text-xs text-muted hover:bg-surface hover:text-foreground"
        aria-label={label}
        aria-expanded={open}
        title={label}
      >
        {open ? '«' : '»'}
      </button>
    </div>
  );
}
