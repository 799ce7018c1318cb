'use client';

/**
 * TypeScript / Python (Django): which language the editor holds. Both run on
 * the same ORM; each language keeps its own code.
 */
import type { LearnerLanguage } from '@/lib/runner/protocol';

const OPTIONS: { id: LearnerLanguage; label: string; short: string; title: string }[] = [
  { id: 'typescript', label: 'TypeScript', short: 'TS', title: "TypeScript with Django's ORM API: typed completions and squiggles" },
  { id: 'python', label: 'Python (Django)', short: 'Python', title: "Django's own Python, run on the same ORM" },
];

export default function LanguageToggle({ language, onChange, disabled }: { language: LearnerLanguage; onChange: (language: LearnerLanguage) => void; disabled?: boolean }) {
  return (
    <div role="group" aria-label="Language" className="inline-flex h-8 shrink-0 items-center rounded-md border border-border bg-surface p-0.5 text-sm" data-testid="language-toggle" data-language={language}>
      {OPTIONS.map((o) => {
        const active = o.id === language;
        return (
          <button
            key={o.id}
            type="button"
            aria-pressed={active}
            disabled={disabled}
            title={o.title}
            onClick={() => !active && onChange(o.id)}
            className={`h-full rounded px-2.5 font-medium whitespace-nowrap transition-colors ${active ? 'bg-background text-foreground shadow-sm' : 'text-muted hover:text-foreground'}`}
            data-testid={`language-${o.id}`}
          >
            <span className="hidden sm:inline">{o.label}</span>
            <span className="sm:hidden">{o.short}</span>
          </button>
        );
      })}
    </div>
  );
}
