/**
 * The blog models at a glance (home page): one card per model with its
 * fields, Django types, relations and indexed columns. Static: rendered at
 * build time from the ORM's own description of the models.
 */
import type { DatasetSchema, SchemaField } from '@/lib/runner/schema-info';

const RELATION = { fk: 'ForeignKey', o2o: 'OneToOneField', m2m: 'ManyToManyField' } as const;

function typeOf(f: SchemaField): string {
  if (f.relation) return `${RELATION[f.relation.kind]} → ${f.relation.to}`;
  return f.max_length ? `${f.type}(${f.max_length})` : f.type;
}

function notes(f: SchemaField): string[] {
  const out: string[] = [];
  if (f.unique && !f.primary_key) out.push('unique');
  if (f.db_index && !f.unique && !f.primary_key && !f.relation) out.push('index');
  if (f.null) out.push('null');
  if (f.relation?.on_delete) out.push(f.relation.on_delete);
  return out;
}

export default function BlogSchema({ schema }: { schema: DatasetSchema }) {
  return (
    <div className="mt-5 gap-3 sm:columns-2 lg:columns-3" data-testid="blog-schema">
      {schema.models.map((m) => (
        <article key={m.name} className="mb-3 break-inside-avoid rounded-lg border border-border" data-model={m.name}>
          <header className="flex items-baseline justify-between gap-2 border-b border-border bg-surface px-3 py-2">
            <h3 className="font-semibold">{m.name}</h3>
            <span className="font-mono text-[11px] text-muted">{m.db_table}</span>
          </header>
          <ul className="px-3 py-2 text-[13px]">
            {m.fields
              .filter((f) => !f.primary_key)
              .map((f) => (
                <li key={f.name} className="flex items-baseline gap-2 py-0.5">
                  <span className="font-mono">{f.name}</span>
                  <span className={`min-w-0 flex-1 truncate text-xs ${f.relation ? 'text-accent' : 'text-muted'}`}>{typeOf(f)}</span>
                  {notes(f).map((n) => (
                    <span key={n} className="rounded bg-surface px-1 text-[10px] text-muted">
                      {n}
                    </span>
                  ))}
                </li>
              ))}
            {m.reverse.map((r) => (
              <li key={r.accessor} className="flex items-baseline gap-2 py-0.5 text-muted">
                <span className="font-mono">{r.accessor}</span>
                <span className="min-w-0 flex-1 truncate text-xs">
                  ← {r.from}.{r.field}
                </span>
              </li>
            ))}
          </ul>
          {(m.ordering.length > 0 || m.indexes.some((ix) => ix.origin === 'Meta.indexes')) && (
            <footer className="border-t border-border px-3 py-1.5 text-[11px] text-muted">
              {m.ordering.length > 0 && <span>ordering {m.ordering.join(', ')}</span>}
              {m.indexes
                .filter((ix) => ix.origin === 'Meta.indexes')
                .map((ix) => (
                  <span key={ix.name} className="block font-mono">
                    Index({ix.columns.join(', ')})
                  </span>
                ))}
            </footer>
          )}
        </article>
      ))}
    </div>
  );
}
