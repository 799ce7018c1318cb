/**
 * What a section returns (tables for people, data and checks for `--json`)
 * and the plain-text table printer.
 */
import type { Stats } from './timing';

export interface Column {
  header: string;
  /** Numbers are right-aligned. */
  align?: 'left' | 'right';
}

export interface Table {
  title?: string;
  columns: Column[];
  rows: string[][];
  notes?: string[];
}

/** A target check: shown as ✓/✗ in tables, listed in `--json`. */
export interface Check {
  name: string;
  value: number;
  /** `value <= target` passes. */
  target: number;
  unit: string;
  pass: boolean;
}

export interface SectionResult<D = unknown> {
  id: string;
  title: string;
  /** Set when the whole section could not run. */
  skipped?: string;
  tables: Table[];
  checks: Check[];
  data: D;
}

export function check(name: string, value: number, target: number, unit: string): Check {
  return { name, value, target, unit, pass: Number.isFinite(value) && value <= target };
}

export const mark = (pass: boolean): string => (pass ? '✓' : '✗');

/** Milliseconds with sensible precision. */
export function ms(v: number): string {
  if (!Number.isFinite(v)) return '—';
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  if (v >= 1) return v.toFixed(2);
  return v.toFixed(3);
}

/** `median (min–max)` in ms. */
export function msSpread(s: Stats): string {
  return `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
}

export function ratio(v: number): string {
  return Number.isFinite(v) ? `${v.toFixed(2)}×` : '—';
}

/** `median (q1–q3)` of a ratio. */
export function ratioSpread(s: Stats): string {
  return `${ratio(s.median)} (${s.q1.toFixed(2)}–${s.q3.toFixed(2)})`;
}

export function bytes(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kB`;
  return `${n} B`;
}

export function int(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—';
}

const width = (s: string): number => [...s].length;

function pad(s: string, w: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return align === 'right' ? fill + s : s + fill;
}

/** Renders a table as text; a cell may hold several lines (`\n`). */
export function renderTable(table: Table): string {
  const lines = (cell: string | undefined) => (cell ?? '').split('\n');
  const widths = table.columns.map((c, i) => Math.max(width(c.header), ...table.rows.flatMap((r) => lines(r[i]).map(width))));
  const line = (cells: string[]) =>
    '  ' + cells.map((cell, i) => pad(cell, widths[i], table.columns[i].align ?? 'left')).join('  ').trimEnd();
  const out: string[] = [];
  if (table.title) out.push(`  ${table.title}`);
  out.push(line(table.columns.map((c) => c.header)));
  out.push('  ' + widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of table.rows) {
    const cells = table.columns.map((_, i) => lines(row[i]));
    const height = Math.max(...cells.map((c) => c.length));
    for (let k = 0; k < height; k++) out.push(line(cells.map((c) => c[k] ?? '')));
  }
  for (const note of table.notes ?? []) out.push(`  · ${note}`);
  return out.join('\n');
}

export function renderSection(section: SectionResult, index: number | string): string {
  const head = `${index}. ${section.title}`;
  const out = [head, '═'.repeat(width(head))];
  if (section.skipped) out.push(`  skipped: ${section.skipped}`);
  for (const t of section.tables) out.push(renderTable(t), '');
  return out.join('\n').trimEnd() + '\n';
}

export function renderSummary(sections: readonly SectionResult[]): string {
  const checks = sections.flatMap((s) => s.checks);
  const passed = checks.filter((c) => c.pass).length;
  const rows = checks.map((c) => [c.name, `${fmtValue(c.value, c.unit)}`, `≤ ${fmtValue(c.target, c.unit)}`, mark(c.pass)]);
  const table = renderTable({
    columns: [{ header: 'check' }, { header: 'value', align: 'right' }, { header: 'target', align: 'right' }, { header: '' }],
    rows,
  });
  return `Summary: ${passed}/${checks.length} targets met\n${table}\n`;
}

function fmtValue(v: number, unit: string): string {
  if (unit === '×') return ratio(v);
  if (unit === 'ms') return `${ms(v)} ms`;
  if (unit === 'kB') return `${v.toFixed(1)} kB`;
  if (unit === 'MB') return `${v.toFixed(2)} MB`;
  return `${v} ${unit}`;
}
