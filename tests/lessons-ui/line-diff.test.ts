import { describe, expect, it } from 'vitest';
import { diffLines } from '../../lib/lessons-ui/line-diff';

const kinds = (d: ReturnType<typeof diffLines>) => d.lines.map((l) => `${l.kind === 'same' ? ' ' : l.kind === 'added' ? '+' : '-'}${l.text}`);

describe('diffLines', () => {
  it('identical code (trailing spaces and final newlines aside) has no changes', () => {
    const d = diffLines('a\nb  \nc\n\n', 'a\nb\nc');
    expect(d.identical).toBe(true);
    expect(d.lines.every((l) => l.kind === 'same')).toBe(true);
    expect(d.lines.map((l) => [l.oldLine, l.newLine])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it('a changed line is removed, then added, around the unchanged ones', () => {
    const d = diffLines("const posts = Post.objects.all();\nfor (const p of posts) print(p.author);\n", "const posts = Post.objects.select_related('author');\nfor (const p of posts) print(p.author);\n");
    expect(kinds(d)).toEqual(['-const posts = Post.objects.all();', "+const posts = Post.objects.select_related('author');", ' for (const p of posts) print(p.author);']);
    expect([d.added, d.removed, d.identical]).toEqual([1, 1, false]);
  });

  it('insertions and deletions keep line numbers of both sides', () => {
    const d = diffLines('a\nb\nc\nd', 'a\nx\nc\nd\ne');
    expect(kinds(d)).toEqual([' a', '-b', '+x', ' c', ' d', '+e']);
    expect(d.lines.find((l) => l.text === 'e')).toEqual({ kind: 'added', text: 'e', oldLine: null, newLine: 5 });
    expect(d.lines.find((l) => l.text === 'b')).toEqual({ kind: 'removed', text: 'b', oldLine: 2, newLine: null });
  });

  it('from empty code, everything is added', () => {
    const d = diffLines('', 'a\nb');
    expect(kinds(d)).toEqual(['+a', '+b']);
  });
});
