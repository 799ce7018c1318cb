/**
 * A small TypeScript/JavaScript tokenizer for reading learner code statically:
 * comments are dropped, string and template texts become single tokens (a
 * template's `${...}` parts are code and are tokenized), regular expressions
 * are skipped. Enough to answer "which methods does this code call", without
 * shipping the TypeScript compiler to the browser.
 */
export interface Token {
  kind: 'name' | 'punct' | 'string' | 'number' | 'regex';
  value: string;
  line: number;
}

const NAME_START = /[A-Za-z_$\u00c0-\uffff]/;
const NAME_PART = /[\w$\u00c0-\uffff]/;
const PUNCT3 = ['>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??='];
const PUNCT2 = ['=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<', '>>'];
/** After these, `/` starts a regular expression rather than a division. */
const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

function regexAllowed(prev: Token | undefined): boolean {
  if (!prev) return true;
  if (prev.kind === 'name') return REGEX_AFTER_WORDS.has(prev.value);
  if (prev.kind === 'punct') return prev.value !== ')' && prev.value !== ']' && prev.value !== '}' && prev.value !== '++' && prev.value !== '--';
  return false;
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  /** Open `{` counts inside each template `${`; when one closes, the template text resumes. */
  const templateDepths: number[] = [];

  const advance = (to: number) => {
    for (let k = i; k < to && k < source.length; k++) if (source[k] === '\n') line++;
    i = to;
  };

  /** Reads template text from `i` (just after a backtick or a closing `}`) up to the end or the next `${`. */
  const templateText = () => {
    const start = i;
    const startLine = line;
    let j = i;
    while (j < source.length) {
      if (source[j] === '\\') j += 2;
      else if (source[j] === '`') {
        advance(j + 1);
        tokens.push({ kind: 'string', value: source.slice(start, j), line: startLine });
        return;
      } else if (source[j] === '$' && source[j + 1] === '{') {
        advance(j + 2);
        tokens.push({ kind: 'string', value: source.slice(start, j), line: startLine });
        templateDepths.push(0);
        return;
      } else j++;
    }
    advance(source.length);
  };

  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '\n' || c === ' ' || c === '\t' || c === '\r') {
      advance(i + 1);
    } else if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      advance(end === -1 ? source.length : end);
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      advance(end === -1 ? source.length : end + 2);
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      tokens.push({ kind: 'string', value: source.slice(i + 1, j), line });
      advance(j + 1);
    } else if (c === '`') {
      advance(i + 1);
      templateText();
    } else if (c === '}' && templateDepths.length && templateDepths[templateDepths.length - 1] === 0) {
      templateDepths.pop();
      advance(i + 1);
      templateText();
    } else if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < source.length && NAME_PART.test(source[j])) j++;
      tokens.push({ kind: 'name', value: source.slice(i, j), line });
      advance(j);
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next ?? ''))) {
      let j = i + 1;
      while (j < source.length && /[\w.]/.test(source[j])) j++;
      tokens.push({ kind: 'number', value: source.slice(i, j), line });
      advance(j);
    } else if (c === '/' && regexAllowed(tokens[tokens.length - 1])) {
      let j = i + 1;
      let inClass = false;
      while (j < source.length && source[j] !== '\n') {
        if (source[j] === '\\') j++;
        else if (source[j] === '[') inClass = true;
        else if (source[j] === ']') inClass = false;
        else if (source[j] === '/' && !inClass) break;
        j++;
      }
      j++;
      while (j < source.length && /[a-z]/i.test(source[j])) j++;
      tokens.push({ kind: 'regex', value: source.slice(i, j), line });
      advance(j);
    } else {
      const op = [...PUNCT3, ...PUNCT2].find((p) => source.startsWith(p, i)) ?? c;
      if (templateDepths.length) {
        if (op === '{') templateDepths[templateDepths.length - 1]++;
        else if (op === '}') templateDepths[templateDepths.length - 1]--;
      }
      tokens.push({ kind: 'punct', value: op, line });
      advance(i + op.length);
    }
  }
  return tokens;
}

/**
 * Every name the code calls, with the lines of the calls: `qs.select_related(`,
 * `Prefetch(`, `new Prefetch(`, `fn?.(`. Names in comments and strings do not count,
 * nor `function name(` declarations.
 */
export function calledNames(source: string): Map<string, number[]> {
  const tokens = tokenize(source);
  const calls = new Map<string, number[]>();
  for (let k = 0; k < tokens.length - 1; k++) {
    const t = tokens[k];
    if (t.kind !== 'name' || tokens[k - 1]?.value === 'function') continue;
    let n = k + 1;
    if (tokens[n].value === '?.') n++;
    if (tokens[n]?.value !== '(') continue;
    const lines = calls.get(t.value) ?? [];
    lines.push(t.line);
    calls.set(t.value, lines);
  }
  return calls;
}
