/**
 * Printed output as a table where that reads better: a line that is the Python
 * repr of a list (or a `<QuerySet [...]>`) of dicts (values()), tuples
 * (values_list()), named rows, or model instances becomes columns and rows.
 * Everything else stays text. The parser reads Python repr syntax only.
 */

export type PyValue =
  | { t: 'none' }
  | { t: 'bool'; v: boolean }
  | { t: 'num'; v: string }
  | { t: 'str'; v: string }
  | { t: 'list'; items: PyValue[]; kind: 'list' | 'tuple' | 'queryset' }
  | { t: 'dict'; entries: [PyValue, PyValue][] }
  | { t: 'call'; name: string; args: PyValue[]; kwargs: [string, PyValue][] }
  | { t: 'instance'; model: string; text: string }
  | { t: 'raw'; text: string };

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  fail(): never {
    throw new SyntaxError(`unexpected ${JSON.stringify(this.s.slice(this.i, this.i + 10))}`);
  }
  ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }
  eat(text: string): boolean {
    this.ws();
    if (this.s.startsWith(text, this.i)) {
      this.i += text.length;
      return true;
    }
    return false;
  }
  expect(text: string): void {
    if (!this.eat(text)) this.fail();
  }

  value(): PyValue {
    this.ws();
    const c = this.s[this.i];
    if (this.s.startsWith('<QuerySet [', this.i)) {
      this.i += '<QuerySet '.length;
      const list = this.sequence('[', ']', 'queryset');
      this.expect('>');
      return list;
    }
    if (c === '<') return this.instance();
    if (c === '[') return this.sequence('[', ']', 'list');
    if (c === '(') return this.sequence('(', ')', 'tuple');
    if (c === '{') return this.dict();
    if (c === "'" || c === '"') return { t: 'str', v: this.string() };
    const num = /^-?(?:\d+\.?\d*(?:e[+-]?\d+)?|inf|nan)/i.exec(this.s.slice(this.i));
    if (num) {
      this.i += num[0].length;
      return { t: 'num', v: num[0] };
    }
    const name = /^[A-Za-z_][\w.]*/.exec(this.s.slice(this.i));
    if (!name) this.fail();
    this.i += name[0].length;
    if (name[0] === 'None') return { t: 'none' };
    if (name[0] === 'True' || name[0] === 'False') return { t: 'bool', v: name[0] === 'True' };
    if (this.eat('(')) return this.call(name[0]);
    return { t: 'raw', text: name[0] };
  }

  call(name: string): PyValue {
    const args: PyValue[] = [];
    const kwargs: [string, PyValue][] = [];
    while (!this.eat(')')) {
      this.ws();
      const kw = /^([A-Za-z_]\w*)=/.exec(this.s.slice(this.i));
      if (kw) {
        this.i += kw[0].length;
        kwargs.push([kw[1], this.value()]);
      } else args.push(this.value());
      if (!this.eat(',')) {
        this.expect(')');
        break;
      }
    }
    return { t: 'call', name, args, kwargs };
  }

  instance(): PyValue {
    const m = /^<([A-Za-z_][\w.]*): /.exec(this.s.slice(this.i));
    if (!m) this.fail();
    const start = this.i + m[0].length;
    // The text runs to the `>` that ends the repr: followed by `,`, `]`, `)`, `}` or the end.
    for (let j = start; j < this.s.length; j++) {
      if (this.s[j] === '>' && /^\s*(?:[,\])}]|$)/.test(this.s.slice(j + 1))) {
        this.i = j + 1;
        return { t: 'instance', model: m[1], text: this.s.slice(start, j) };
      }
    }
    this.fail();
  }

  sequence(open: string, close: string, kind: 'list' | 'tuple' | 'queryset'): PyValue {
    this.expect(open);
    const items: PyValue[] = [];
    while (!this.eat(close)) {
      items.push(this.value());
      if (!this.eat(',')) {
        this.expect(close);
        break;
      }
    }
    return { t: 'list', items, kind };
  }

  dict(): PyValue {
    this.expect('{');
    const entries: [PyValue, PyValue][] = [];
    while (!this.eat('}')) {
      const key = this.value();
      this.expect(':');
      entries.push([key, this.value()]);
      if (!this.eat(',')) {
        this.expect('}');
        break;
      }
    }
    return { t: 'dict', entries };
  }

  string(): string {
    const q = this.s[this.i++];
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i++];
      if (c === q) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.s[this.i++];
      if (e === 'n') out += '\n';
      else if (e === 't') out += '\t';
      else if (e === 'r') out += '\r';
      else if (e === 'x' || e === 'u' || e === 'U') {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        out += String.fromCodePoint(parseInt(this.s.slice(this.i, this.i + len), 16));
        this.i += len;
      } else out += e;
    }
    this.fail();
  }
}

/** Parses one Python repr, or returns null. */
export function parsePyRepr(text: string): PyValue | null {
  try {
    const p = new Parser(text);
    const value = p.value();
    p.ws();
    return p.i === text.length ? value : null;
  } catch {
    return null;
  }
}

/** How a value reads in a cell (Python's repr for strings inside, plain text on top). */
export function cellText(v: PyValue): string {
  switch (v.t) {
    case 'none':
      return 'None';
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'num':
      return v.v;
    case 'str':
      return v.v;
    case 'instance':
      return v.text;
    case 'raw':
      return v.text;
    case 'call': {
      if (v.name === 'Decimal' && v.args[0]?.t === 'str') return v.args[0].v;
      if (/^datetime\.(datetime|date)$/.test(v.name)) {
        const n = v.args.map((a) => (a.t === 'num' ? Number(a.v) : 0));
        const pad = (x: number | undefined) => String(x ?? 0).padStart(2, '0');
        const date = `${n[0]}-${pad(n[1])}-${pad(n[2])}`;
        return v.name === 'datetime.date' ? date : `${date} ${pad(n[3])}:${pad(n[4])}:${pad(n[5])}`;
      }
      return `${v.name}(…)`;
    }
    case 'list':
      return `[${v.items.map(cellText).join(', ')}]`;
    case 'dict':
      return `{${v.entries.map(([k, x]) => `${cellText(k)}: ${cellText(x)}`).join(', ')}}`;
  }
}

export interface OutputTable {
  columns: string[];
  rows: { cells: string[]; kinds: PyValue['t'][] }[];
  /** The queryset repr ended with '...(remaining elements truncated)...'. */
  truncated: boolean;
  source: 'queryset' | 'list' | 'tuple';
}

const TRUNCATED = '...(remaining elements truncated)...';

/**
 * A table for a printed line, when it is a list of dicts, tuples, named rows
 * or model instances (at least one row, every row the same shape); else null.
 */
export function tableFromOutput(line: string): OutputTable | null {
  const t = line.trimStart()[0];
  if (t !== '[' && t !== '<' && t !== '(') return null;
  const value = parsePyRepr(line.trim());
  if (!value || value.t !== 'list') return null;
  let items = value.items;
  let truncated = false;
  const last = items[items.length - 1];
  if (last && last.t === 'str' && last.v === TRUNCATED) {
    items = items.slice(0, -1);
    truncated = true;
  }
  if (!items.length) return null;
  const source = value.kind;
  const first = items[0];
  if (first.t === 'dict') {
    const columns = first.entries.map(([k]) => cellText(k));
    const rows: OutputTable['rows'] = [];
    for (const item of items) {
      if (item.t !== 'dict' || item.entries.length !== columns.length) return null;
      if (item.entries.some(([k], i) => cellText(k) !== columns[i])) return null;
      rows.push({ cells: item.entries.map(([, x]) => cellText(x)), kinds: item.entries.map(([, x]) => x.t) });
    }
    return { columns, rows, truncated, source };
  }
  if (first.t === 'list' && first.kind === 'tuple') {
    const width = first.items.length;
    if (!width) return null;
    const rows: OutputTable['rows'] = [];
    for (const item of items) {
      if (item.t !== 'list' || item.kind !== 'tuple' || item.items.length !== width) return null;
      rows.push({ cells: item.items.map(cellText), kinds: item.items.map((x) => x.t) });
    }
    return { columns: Array.from({ length: width }, (_, i) => `${i}`), rows, truncated, source };
  }
  if (first.t === 'call' && first.kwargs.length && !first.args.length) {
    const columns = first.kwargs.map(([k]) => k);
    const rows: OutputTable['rows'] = [];
    for (const item of items) {
      if (item.t !== 'call' || item.name !== first.name || item.kwargs.length !== columns.length) return null;
      rows.push({ cells: item.kwargs.map(([, x]) => cellText(x)), kinds: item.kwargs.map(([, x]) => x.t) });
    }
    return { columns, rows, truncated, source };
  }
  if (first.t === 'instance' && items.length > 1) {
    const rows: OutputTable['rows'] = [];
    for (const item of items) {
      if (item.t !== 'instance' || item.model !== first.model) return null;
      rows.push({ cells: [item.text], kinds: ['instance'] });
    }
    return { columns: [first.model], rows, truncated, source };
  }
  return null;
}
