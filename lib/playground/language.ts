/**
 * The two languages of the editor, and a hint for the commonest mix-up: Python
 * pasted into the TypeScript editor (or the reverse) fails with a SyntaxError
 * that doesn't say why.
 */
import type { LearnerLanguage } from '../runner/protocol';
import type { RunError } from '../runner/record';

export const LANGUAGE_LABEL: Record<LearnerLanguage, string> = { typescript: 'TypeScript', python: 'Python (Django)' };

/** Lines only one of the languages writes. */
const MARKERS: Record<LearnerLanguage, RegExp[]> = {
  typescript: [
    /^\s*(const|let|var)\s+\w/m,
    /^\s*\/\//m,
    /=>/,
    /;\s*$/m,
    /\bfor\s*\(/,
    /\(\s*\{\s*\w+\s*:/, // filter({ published: true })
  ],
  python: [
    /^\s*#/m,
    /^\s*(for|if|elif|else|while|with|try|except|finally|def|class)\b[^{};]*:\s*(#.*)?$/m,
    /^\s*(from\s+[\w.]+\s+)?import\s+\w/m,
    /\(\s*\w+=[^=]/, // filter(published=True)
    /\[\s*-?\d*\s*:\s*-?\d*\s*\]/, // [:10]
    /\b(True|False|None)\b/,
  ],
};

function score(code: string, language: LearnerLanguage): number {
  return MARKERS[language].filter((re) => re.test(code)).length;
}

/** The language `code` looks written in, or null when it isn't clearly one of them. */
export function guessLanguage(code: string): LearnerLanguage | null {
  const ts = score(code, 'typescript');
  const py = score(code, 'python');
  if (ts >= 2 && ts > py) return 'typescript';
  if (py >= 2 && py > ts) return 'python';
  return null;
}

/** After a SyntaxError: a note when the code looks written in the other language. */
export function languageMismatch(code: string, language: LearnerLanguage, error: Pick<RunError, 'type'> | null | undefined): string | null {
  if (error?.type !== 'SyntaxError') return null;
  const guess = guessLanguage(code);
  if (!guess || guess === language) return null;
  return `This looks like ${LANGUAGE_LABEL[guess]} code, and the editor is set to ${LANGUAGE_LABEL[language]}: switch the language above to run it as ${LANGUAGE_LABEL[guess]}.`;
}

/**
 * Run once, its result unused, when the sandbox first shows Python: the first
 * Python run otherwise pays for compiling the translator and the Python runtime
 * (about 150 ms in the worker). Touches the paths learner code takes: a loop
 * with a lazy load, keyword arguments, an annotation, slicing, printing.
 */
export const PYTHON_WARMUP_CODE = `from django.db.models import Count
for post in Post.objects.all()[:20]:
    post.author.username
rows = Author.objects.annotate(n=Count('post')).filter(n__gt=1).values('username', 'n')[:3]
print(list(rows), f"{len(rows)} rows")
`;
