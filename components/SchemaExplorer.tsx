'use client';

/**
 * The models learner code can query: fields with their Django types, relations
 * both ways, indexes (and why each exists), and row counts of the current
 * dataset. Clicking a field or relation inserts its name into the editor.
 */
import { useState } from 'react';
import type { DatasetSchema, SchemaField, SchemaModel } from '@/lib/runner/schema-info';

export interface SchemaExplorerProps {
  schema: DatasetSchema | null;
  /** Rows per table in the current dataset. */
  rows?: Record<string, number> | null;
  onInsert?: (text: string) => void;
}

const RELATION_LABEL = { fk: 'FK', o2o: 'O2O', m2m: 'M2M' } as const;

function typeLabel(f: SchemaField): string {
  if (f.relation) return `${RELATION_LABEL[f.relation.kind]} → ${f.relation.to}`;
  return f.max_length ? `${f.type}(${f.max_length})` : f.type;
}

function flags(f: SchemaField): string[] {
  const out: string[] = [];
  if (f.primary_key) out.push('pk');
  else if (f.unique) out.push('unique');
  if (f.db_index && !f.primary_key && !f.unique) out.push('idx');
  if (f.null) out.push('null');
  return out;
}

function fieldTitle(f: SchemaField): string {
  const parts = [`${f.name}: ${f.type}${f.max_length ? `(max_length=${f.max_length})` : ''}`];
  if (f.column && f.column !== f.name) parts.push(`column ${f.column}`);
  if (f.relation?.on_delete) parts.push(`on_delete=${f.relation.on_delete}`);
  if (f.relation?.related_accessor) parts.push(`reverse: ${f.relation.to}.${f.relation.related_accessor}`);
  if (f.db_index) parts.push('indexed');
  if (f.null) parts.push('null=True');
  return `${parts.join(' · ')}\nClick to insert '${f.name}'`;
}

export default function SchemaExplorer({ schema, rows, onInsert }: SchemaExplorerProps) {
  if (!schema) {
    return (
      <div className="flex items-center gap-2 px-3 py-3 text-sm text-muted">
        <span className="spinner" aria-hidden /> Loading the models…
      </div>
    );
  }
  return (
    <div className="text-sm" data-testid="schema-explorer">
      {schema.models.map((m) => (
        <ModelEntry key={m.name} model={m} rows={rows?.[m.db_table]} onInsert={onInsert} defaultOpen={m.name === 'Post'} />
      ))}
      {rows && schema.tables.filter((t) => !schema.models.some((m) => m.db_table === t)).length > 0 && (
        <p className="px-3 py-2 text-[11px] text-muted">
          Join tables:{' '}
          {schema.tables
            .filter((t) => !schema.models.some((m) => m.db_table === t))
            .map((t) => `${t} (${(rows[t] ?? 0).toLocaleString('en')} rows)`)
            .join(', ')}
        </p>
      )}
    </div>
  );
}

function ModelEntry({ model, rows, onInsert, defaultOpen }: { model: SchemaModel; rows?: number; onInsert?: (text: string) => void; defaultOpen?: boolean }) {
  const [open, setOpen] = useState(defaultOpen ?? false);
  return (
    <section className="border-b border-border" data-testid="schema-model" data-model={model.name}>
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        className="flex w-full items-baseline gap-2 px-3 py-1.5 text-left hover:bg-surface focus-visible:bg-surface focus-visible:outline-none"
      >
        <span className="w-3 text-[10px] text-muted">{open ? '▾' : '▸'}</span>
        <span className="font-semibold">{model.name}</span>
        <span className="min-w-0 flex-1 truncate font-mono text-[11px] text-muted">{model.db_table}</span>
        {rows !== undefined && <span className="font-mono text-[11px] text-muted tabular-nums">{rows.toLocaleString('en')}</span>}
      </button>
      {open && (
        <div className="pb-2">
          <ul>
            {model.fields.map((f) => (
              <li key={f.name}>
                <button
                  type="button"
                  onClick={() => onInsert?.(f.name)}
                  className="group flex w-full items-baseline gap-2 px-3 py-0.5 pl-8 text-left hover:bg-surface"
                  title={fieldTitle(f)}
                  data-testid="schema-field"
                >
                  <span className="font-mono text-[12px] group-hover:text-accent">{f.name}</span>
                  <span className="min-w-0 flex-1 truncate text-[11px] text-muted">{typeLabel(f)}</span>
                  <span className="flex gap-1">
                    {flags(f).map((flag) => (
                      <span key={flag} className="rounded bg-surface px-1 text-[10px] text-muted">
                        {flag}
                      </span>
                    ))}
                  </span>
                </button>
              </li>
            ))}
            {model.reverse.map((r) => (
              <li key={r.accessor}>
                <button
                  type="button"
                  onClick={() => onInsert?.(r.accessor)}
                  className="group flex w-full items-baseline gap-2 px-3 py-0.5 pl-8 text-left hover:bg-surface"
                  title={`Insert '${r.accessor}' (reverse of ${r.from}.${r.field}; lookups use '${r.query_name}')`}
                  data-testid="schema-field"
                >
                  <span className="font-mono text-[12px] text-muted group-hover:text-accent">{r.accessor}</span>
                  <span className="min-w-0 flex-1 truncate text-[11px] text-muted">
                    ← {r.from}.{r.field}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <details className="mt-1 px-3 pl-8 text-[11px] text-muted">
            <summary className="cursor-pointer select-none hover:text-foreground">{model.indexes.length} indexes</summary>
            <ul className="mt-0.5 space-y-0.5">
              {model.indexes.map((ix) => (
                <li key={ix.name} className="flex gap-2" title={ix.name}>
                  <span className="font-mono text-foreground">({ix.columns.join(', ')})</span>
                  <span>{ix.unique && ix.origin !== 'primary key' ? 'unique · ' : ''}{ix.origin}</span>
                </li>
              ))}
            </ul>
          </details>
        </div>
      )}
    </section>
  );
}
