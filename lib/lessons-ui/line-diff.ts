/**
 * A line diff for "Show solution": the learner's code against solution.ts,
 * from the longest common subsequence of lines (lesson code is tens of lines,
 * so the quadratic table is nothing). Trailing whitespace and a final newline
 * do not count as differences.
 */
export type DiffKind = 'same' | 'removed' | 'added';

export interface DiffLine {
  kind: DiffKind;
  text: string;
  /** 1-based line in the old text (same/removed) and in the new text (same/added). */
  oldLine: number | null;
  newLine: number | null;
}

export interface LineDiff {
  lines: DiffLine[];
  added: number;
  removed: number;
  identical: boolean;
}

function split(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  return lines;
}

/** `oldText` → `newText`: removed lines come before the added lines that replace them. */
export function diffLines(oldText: string, newText: string): LineDiff {
  const a = split(oldText);
  const b = split(newText);
  const ka = a.map((l) => l.trimEnd());
  const kb = b.map((l) => l.trimEnd());
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = ka[i] === kb[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  let added = 0;
  let removed = 0;
  while (i < n || j < m) {
    if (i < n && j < m && ka[i] === kb[j]) {
      lines.push({ kind: 'same', text: b[j], oldLine: i + 1, newLine: j + 1 });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      lines.push({ kind: 'removed', text: a[i], oldLine: i + 1, newLine: null });
      removed++;
      i++;
    } else {
      lines.push({ kind: 'added', text: b[j], oldLine: null, newLine: j + 1 });
      added++;
      j++;
    }
  }
  return { lines, added, removed, identical: added === 0 && removed === 0 };
}
