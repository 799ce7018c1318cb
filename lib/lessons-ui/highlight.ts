/**
 * Syntax highlighting for code shown read-only on lesson pages: the Django
 * (Python) code, the prose's code blocks, the solution diff. Small regex
 * tokenizers (joining the token texts gives the input back), rendered to HTML
 * spans with `tok-*` classes (styled in app/globals.css). SQL reuses the query
 * log's tokenizer.
 */
import { tokenizeSql } from '../playground/sql-display';

export type CodeLanguage = 'python' | 'typescript' | 'sql' | 'text';

export type TokenKind = 'keyword' | 'string' | 'comment' | 'number' | 'function' | 'type' | 'constant' | 'punct' | 'text';

export interface CodeToken {
  kind: TokenKind;
  text: string;
}

const PY_KEYWORDS = new Set(
  'and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case'.split(' '),
);
const PY_CONSTANTS = new Set(['None', 'True', 'False', 'self', 'cls']);

const TS_KEYWORDS = new Set(
  'const let var for of in if else return function class extends new static export import from type interface async await typeof instanceof while do switch case break continue throw try catch finally default as void delete yield declare readonly keyof implements enum'.split(
    ' ',
  ),
);
const TS_CONSTANTS = new Set(['true', 'false', 'null', 'undefined', 'this', 'super', 'NaN', 'Infinity']);

// Python: comments, strings (optional prefix, triple or single quoted), numbers, names, decorators, whitespace, other.
const PY_TOKEN =
  /(#[^\n]*)|((?:[rRbBuUfF]{1,2})?(?:"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?))|(\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?\b)|(@?[A-Za-z_][A-Za-z0-9_]*)|(\s+)|([^\sA-Za-z0-9_#'"]+)/g;

// TypeScript: comments, strings and templates, numbers, names, whitespace, other.
const TS_TOKEN =
  /(\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|("(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`(?:[^`\\]|\\.)*`?)|(\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?\b)|([A-Za-z_$][A-Za-z0-9_$]*)|(\s+)|([^\sA-Za-z0-9_$'"`/]+|\/)/g;

function tokenize(code: string, re: RegExp, keywords: Set<string>, constants: Set<string>): CodeToken[] {
  const tokens: CodeToken[] = [];
  re.lastIndex = 0;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(code))) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    if (m.index > last) tokens.push({ kind: 'text', text: code.slice(last, m.index) });
    last = re.lastIndex;
    const [text, comment, str, num, word, space] = m;
    if (comment) tokens.push({ kind: 'comment', text });
    else if (str) tokens.push({ kind: 'string', text });
    else if (num) tokens.push({ kind: 'number', text });
    else if (word) {
      let kind: TokenKind = 'text';
      if (word.startsWith('@')) kind = 'function';
      else if (keywords.has(word)) kind = 'keyword';
      else if (constants.has(word)) kind = 'constant';
      else if (/^\s*\(/.test(code.slice(last))) kind = /^[A-Z]/.test(word) ? 'type' : 'function';
      else if (/^[A-Z][a-z]/.test(word)) kind = 'type';
      tokens.push({ kind, text });
    } else if (space) tokens.push({ kind: 'text', text });
    else tokens.push({ kind: 'punct', text });
  }
  if (last < code.length) tokens.push({ kind: 'text', text: code.slice(last) });
  return tokens;
}

const SQL_KIND: Record<string, TokenKind> = { keyword: 'keyword', string: 'string', identifier: 'type', number: 'number', function: 'function', punct: 'punct', text: 'text', fold: 'comment' };

export function tokenizeCode(code: string, language: CodeLanguage): CodeToken[] {
  switch (language) {
    case 'python':
      return tokenize(code, PY_TOKEN, PY_KEYWORDS, PY_CONSTANTS);
    case 'typescript':
      return tokenize(code, TS_TOKEN, TS_KEYWORDS, TS_CONSTANTS);
    case 'sql':
      return tokenizeSql(code).map((t) => ({ kind: SQL_KIND[t.kind] ?? 'text', text: t.text }));
    default:
      return code ? [{ kind: 'text', text: code }] : [];
  }
}

/** A Markdown fence's info string → a language (`py`, `python3` → python; `ts`, `js` → typescript). */
export function languageOf(info: string | undefined | null): CodeLanguage {
  const lang = (info ?? '').trim().split(/\s+/)[0].toLowerCase();
  if (['py', 'python', 'python3', 'django', 'pycon'].includes(lang)) return 'python';
  if (['ts', 'typescript', 'js', 'javascript', 'tsx', 'jsx'].includes(lang)) return 'typescript';
  if (['sql', 'sqlite'].includes(lang)) return 'sql';
  return 'text';
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Highlighted code as HTML (escaped; plain text outside the spans). */
export function highlightHtml(code: string, language: CodeLanguage): string {
  return tokenizeCode(code, language)
    .map((t) => (t.kind === 'text' || t.kind === 'punct' ? escapeHtml(t.text) : `<span class="tok-${t.kind}">${escapeHtml(t.text)}</span>`))
    .join('');
}
