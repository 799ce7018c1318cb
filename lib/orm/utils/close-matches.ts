/**
 * Python's difflib.get_close_matches (n=3, cutoff=0.6) for "perhaps you meant"
 * suggestions, using the same Ratcliff/Obershelp similarity ratio.
 */
function longestMatch(a: string, b: string, alo: number, ahi: number, blo: number, bhi: number): [number, number, number] {
  let best: [number, number, number] = [alo, blo, 0];
  let lengths = new Map<number, number>();
  for (let i = alo; i < ahi; i++) {
    const next = new Map<number, number>();
    for (let j = blo; j < bhi; j++) {
      if (a[i] !== b[j]) continue;
      const k = (lengths.get(j - 1) ?? 0) + 1;
      next.set(j, k);
      if (k > best[2]) best = [i - k + 1, j - k + 1, k];
    }
    lengths = next;
  }
  return best;
}

function matchingChars(a: string, b: string, alo = 0, ahi = a.length, blo = 0, bhi = b.length): number {
  const [i, j, k] = longestMatch(a, b, alo, ahi, blo, bhi);
  if (!k) return 0;
  return k + matchingChars(a, b, alo, i, blo, j) + matchingChars(a, b, i + k, ahi, j + k, bhi);
}

export function similarity(a: string, b: string): number {
  const total = a.length + b.length;
  return total ? (2 * matchingChars(a, b)) / total : 1;
}

export function difflibCloseMatches(word: string, possibilities: Iterable<string>, n = 3, cutoff = 0.6): string[] {
  return [...possibilities]
    .map((p) => [similarity(p, word), p] as const)
    .filter(([score]) => score >= cutoff)
    .sort((x, y) => y[0] - x[0] || (x[1] < y[1] ? 1 : -1))
    .slice(0, n)
    .map(([, p]) => p);
}
