/**
 * Dates as Django stores them on SQLite (naive UTC text) and as learner code
 * sees them (JavaScript Dates, always UTC, as Django's aware datetimes with USE_TZ).
 */

const digits = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
};

/**
 * Parses `YYYY-MM-DD[ T]HH:MM[:SS[.ffffff]][Z|+00:00]` or `YYYY-MM-DD` as UTC.
 * Returns null when the text is not a datetime.
 */
export function parseDatetime(text: string): Date | null {
  if (text.length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let i = 10;
  if (text.length > 10) {
    const sep = text[10];
    if (sep !== ' ' && sep !== 'T') return null;
    hour = digits(text, 11, 13);
    minute = digits(text, 14, 16);
    i = 16;
    if (text[16] === ':') {
      second = digits(text, 17, 19);
      i = 19;
      if (text[19] === '.') {
        let j = 20;
        while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
        const frac = text.slice(20, j);
        ms = Math.floor(Number((frac + '000').slice(0, 3)));
        i = j;
      }
    }
  }
  let offsetMinutes = 0;
  const rest = text.slice(i);
  if (rest && rest !== 'Z') {
    const m = /^([+-])(\d\d):?(\d\d)$/.exec(rest);
    if (!m) return null;
    offsetMinutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  }
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60000;
  return Number.isNaN(t) ? null : new Date(t);
}

/** Python's datetime.date: a Date at UTC midnight that prints as `2025-07-19`. */
export class PyDate extends Date {
  static fromText(text: string): PyDate | null {
    const d = parseDatetime(text.slice(0, 10));
    return d ? new PyDate(d.getTime()) : null;
  }

  isoformat(): string {
    return this.toISOString().slice(0, 10);
  }

  __str__(): string {
    return this.isoformat();
  }

  __repr__(): string {
    return `datetime.date(${this.getUTCFullYear()}, ${this.getUTCMonth() + 1}, ${this.getUTCDate()})`;
  }

  override toJSON(): string {
    return this.isoformat();
  }
}
