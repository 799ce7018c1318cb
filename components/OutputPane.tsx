'use client';

/**
 * What the code printed: one line per print() call, lists of values()/
 * values_list() rows (and querysets of them) as tables; then the error, a
 * timeout or a runner failure, and the note when output was capped.
 */
import { memo, useMemo, useState } from 'react';
import type { RunError } from '@/lib/runner/record';
import { tableFromOutput, type OutputTable } from '@/lib/playground/output-table';

export type OutputProblem =
  | { kind: 'error'; error: RunError }
  | { kind: 'timeout'; limitMs: number }
  | { kind: 'failed'; message: string };

export interface OutputPaneProps {
  output: string[] | null;
  problem?: OutputProblem | null;
  /** print() calls beyond the cap (the record's elided.output_lines). */
  droppedLines?: number;
  onLine?: (line: number, column?: number) => void;
  running?: boolean;
}

const TABLE_ROWS = 50;
const INITIAL_LINES = 400;

export default function OutputPane({ output, problem, droppedLines = 0, onLine, running }: OutputPaneProps) {
  const [shown, setShown] = useState(INITIAL_LINES);
  const lines = output ?? [];
  return (
    <div className="pane-scroll h-full overflow-auto font-mono text-[12.5px] leading-5" data-testid="output" aria-live="polite">
      {output === null && !problem && (
        <p className="px-3 py-2 font-sans text-sm text-muted">{running ? 'Running…' : 'Output of print() appears here.'}</p>
      )}
      {output !== null && lines.length === 0 && !problem && <p className="px-3 py-2 font-sans text-sm text-muted">Nothing was printed.</p>}
      {lines.length > 0 && (
        <ol className="px-3 py-1.5">
          {lines.slice(0, shown).map((line, i) => (
            <OutputLine key={i} text={line} />
          ))}
        </ol>
      )}
      {lines.length > shown && (
        <button type="button" onClick={() => setShown((n) => n + 1000)} className="mx-3 mb-2 font-sans text-xs font-medium text-accent hover:underline">
          Show {Math.min(1000, lines.length - shown)} more lines
        </button>
      )}
      {droppedLines > 0 && (
        <p className="mx-3 mb-2 rounded bg-surface px-2 py-1 font-sans text-xs text-muted" data-testid="output-capped">
          Output stopped after {lines.length.toLocaleString('en')} lines: {droppedLines.toLocaleString('en')} more print() call{droppedLines === 1 ? ' was' : 's were'} not kept.
        </p>
      )}
      {problem && <Problem problem={problem} onLine={onLine} />}
    </div>
  );
}

const OutputLine = memo(function OutputLine({ text }: { text: string }) {
  const table = useMemo(() => tableFromOutput(text), [text]);
  if (table) return <TableOutput table={table} raw={text} />;
  return <li className="break-words whitespace-pre-wrap">{text}</li>;
});

function TableOutput({ table, raw }: { table: OutputTable; raw: string }) {
  const [showRaw, setShowRaw] = useState(false);
  const [all, setAll] = useState(false);
  const rows = all ? table.rows : table.rows.slice(0, TABLE_ROWS);
  return (
    <li className="my-1.5" data-testid="output-table">
      <div className="mb-1 flex items-center gap-2 font-sans text-[11px] text-muted">
        <span>
          {table.source === 'queryset' ? 'QuerySet' : 'list'} of {table.rows.length} row{table.rows.length === 1 ? '' : 's'}
          {table.truncated && ' (repr shows the first 20)'}
        </span>
        <button type="button" className="text-accent hover:underline" onClick={() => setShowRaw((v) => !v)}>
          {showRaw ? 'table' : 'as printed'}
        </button>
      </div>
      {showRaw ? (
        <div className="break-words whitespace-pre-wrap">{raw}</div>
      ) : (
        <div className="pane-scroll max-w-full overflow-x-auto rounded border border-border">
          <table className="min-w-full border-collapse text-[12px]">
            <thead className="bg-surface">
              <tr>
                {table.columns.map((c, i) => (
                  <th key={i} className="border-b border-border px-2 py-1 text-left font-semibold whitespace-nowrap">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => (
                <tr key={r} className="odd:bg-background even:bg-surface/50">
                  {row.cells.map((cell, c) => (
                    <td
                      key={c}
                      className={`max-w-[28rem] truncate border-b border-border px-2 py-0.5 ${row.kinds[c] === 'num' ? 'text-right tabular-nums' : ''} ${row.kinds[c] === 'none' ? 'text-muted italic' : ''}`}
                      title={cell}
                    >
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!showRaw && table.rows.length > TABLE_ROWS && !all && (
        <button type="button" className="mt-1 font-sans text-xs text-accent hover:underline" onClick={() => setAll(true)}>
          Show all {table.rows.length} rows
        </button>
      )}
    </li>
  );
}

function Problem({ problem, onLine }: { problem: OutputProblem; onLine?: (line: number, column?: number) => void }) {
  if (problem.kind === 'timeout') {
    return (
      <div className="m-3 rounded-md border-l-4 border-danger bg-danger-surface px-3 py-2 font-sans text-sm" data-testid="run-timeout" role="alert">
        <p className="font-semibold text-danger">Stopped after {problem.limitMs / 1000} s</p>
        <p>
          The run went over the time limit (an endless loop?), so its worker was terminated. Nothing else was affected: a fresh runner is
          starting, and the next run starts from the same fresh data.
        </p>
      </div>
    );
  }
  if (problem.kind === 'failed') {
    return (
      <div className="m-3 rounded-md border-l-4 border-danger bg-danger-surface px-3 py-2 font-sans text-sm" data-testid="run-failed" role="alert">
        <p className="font-semibold text-danger">The runner failed</p>
        <p className="font-mono text-xs">{problem.message}</p>
      </div>
    );
  }
  const { error } = problem;
  return (
    <div className="m-3 rounded-md border-l-4 border-danger bg-danger-surface px-3 py-2 text-sm" data-testid="run-error" data-error-type={error.type} role="alert">
      <p className="font-semibold break-words whitespace-pre-wrap text-danger">
        {error.type}: <span className="font-normal">{error.message}</span>
      </p>
      {error.line !== null && (
        <button type="button" className="font-sans text-xs font-medium text-accent hover:underline" onClick={() => onLine?.(error.line!, error.column ?? undefined)}>
          line {error.line}
          {error.column !== null ? `, column ${error.column}` : ''}
        </button>
      )}
      {error.sql && <pre className="mt-1 text-xs break-words whitespace-pre-wrap text-muted">{error.sql}</pre>}
    </div>
  );
}
