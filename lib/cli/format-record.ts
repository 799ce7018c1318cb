import { LIMITS, type RunError, type RunRecord, type StatementEntry, type StatementGroup } from '../runner/record';
import type { TerminalStyle } from './terminal-style';

/** 0.04 ms, 3.2 ms, 412 ms: enough digits to compare statements, no more. */
export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** `FieldError at line 3, column 7: Cannot resolve keyword ...` */
export function formatRunError(error: RunError): string {
  const where = error.line === null ? '' : ` at line ${error.line}${error.column === null ? '' : `, column ${error.column}`}`;
  return `${error.type}${where}: ${error.message}`;
}

function formatStatement(s: StatementEntry, label: string, style: TerminalStyle): string[] {
  const facts = [
    s.line === null ? 'no line' : `line ${s.line}`,
    s.cause,
    formatMs(s.duration_ms),
    plural(s.rows, 'row'),
    ...(s.alias === 'default' ? [] : [`on ${s.alias}`]),
  ];
  return [`${style.bold(label)} ${facts.join(' · ')}`, style.dim(`    ${s.display_sql}`)];
}

/** Groups of statements with the same SQL that ran more than once: where N+1s show up. */
function formatRepeats(groups: StatementGroup[], style: TerminalStyle): string[] {
  const repeated = groups.filter((g) => g.count > 1 && g.kind !== 'transaction').sort((a, b) => b.count - a.count);
  if (!repeated.length) return [];
  return [
    style.bold('Repeated statements'),
    ...repeated.slice(0, 5).map((g) => {
      const causes = Object.keys(g.causes).join(', ');
      const lines = Object.keys(g.lines);
      const where = lines.length ? `, line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}` : '';
      const dupes = g.duplicates ? ` (${plural(g.duplicates, 'exact duplicate')})` : '';
      return `  ${g.count.toLocaleString('en-US')} × ${causes}${where}${dupes}`;
    }),
  ];
}

function formatTotals(record: RunRecord): string {
  const t = record.totals;
  const kinds = [plural(t.reads, 'read'), plural(t.writes, 'write'), ...(t.transaction ? [`${t.transaction} transaction`] : [])];
  return `${plural(t.statements, 'statement')} (${kinds.join(', ')}) · SQL ${formatMs(t.sql_ms)} · run ${formatMs(record.duration_ms)}`;
}

/**
 * A run record as the browser shows it, for a terminal: the printed output,
 * each statement (line, cause, time, rows, then its SQL dimmed), the error,
 * and the totals.
 */
export function formatRecord(record: RunRecord, style: TerminalStyle): string {
  const out: string[] = [];
  out.push(style.bold(`── ${record.file ?? 'code'} ──`));
  if (record.output.length) out.push(style.bold('Output'), ...record.output);
  if (record.elided.output_lines) out.push(style.dim(`… ${plural(record.elided.output_lines, 'more print() call')} not shown`));
  if (record.statements.length) {
    out.push(style.bold('Statements'));
    // Past the first LIMITS.fullStatements, the record keeps only samples: their position is unknown.
    const exact = record.elided.statements ? LIMITS.fullStatements : Infinity;
    record.statements.forEach((s, i) => {
      if (i === exact) out.push(style.yellow(`… from here on, only the first ${LIMITS.perGroup} statements of each kind are listed`));
      out.push(...formatStatement(s, i < exact ? `#${i + 1}` : '#…', style));
    });
  }
  if (record.elided.note) out.push(style.yellow(`Not listed: ${record.elided.note}`));
  out.push(...formatRepeats(record.groups, style));
  if (record.error) {
    out.push(style.red(formatRunError(record.error)));
    if (record.error.sql) out.push(style.dim(`    ${record.error.sql}`));
  }
  out.push(formatTotals(record));
  return out.join('\n') + '\n';
}
