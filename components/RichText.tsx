/**
 * Finding text: `code` spans in backticks, and "line 3" / "lines 2, 5" as
 * buttons that jump the editor to that line.
 */
import { Fragment } from 'react';

export function RichText({ text, onLine }: { text: string; onLine?: (line: number) => void }) {
  const parts = text.split(/(`[^`]+`)/g);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith('`') && part.endsWith('`') && part.length > 1 ? (
          <code key={i} className="rounded bg-surface px-1 py-px font-mono text-[0.92em]">
            {part.slice(1, -1)}
          </code>
        ) : (
          <Fragment key={i}>{withLineLinks(part, onLine)}</Fragment>
        ),
      )}
    </>
  );
}

function withLineLinks(text: string, onLine?: (line: number) => void) {
  if (!onLine) return text;
  const out: React.ReactNode[] = [];
  const re = /\b(lines?) ((?:\d+)(?:, \d+)*)/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    out.push(text.slice(last, m.index), `${m[1]} `);
    const numbers = m[2].split(', ');
    numbers.forEach((n, j) => {
      out.push(
        <button key={`${m!.index}-${j}`} type="button" className="font-medium text-accent underline decoration-dotted underline-offset-2 hover:decoration-solid" onClick={() => onLine(Number(n))}>
          {n}
        </button>,
      );
      if (j < numbers.length - 1) out.push(', ');
    });
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}
