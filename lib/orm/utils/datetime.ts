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
 * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
 * days_from_civil): plain arithmetic, several times cheaper than Date.UTC,
 * and without its rule that years 0–99 mean 1900–1999.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

const MS_PER_DAY = 86_400_000;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parses `YYYY-MM-DD[ T]HH:MM[:SS[.ffffff]][Z|+00:00]` or `YYYY-MM-DD` as UTC.
 * Returns null when the text is not a datetime, or names a day or time that
 * does not exist (February 30th, 24:00). Every row of a datetime column
 * goes through here, so it reads digits in place instead of slicing or using
 * regular expressions in the common case.
 */
export function parseDatetime(text: string): Date | null {
  if (text.length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return null;
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
        const msDigits = Math.min(j - 20, 3);
        ms = digits(text, 20, 20 + msDigits) * 10 ** (3 - msDigits);
        i = j;
      }
    }
  }
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return null;
  let offsetMinutes = 0;
  if (i < text.length && !(i === text.length - 1 && text[i] === 'Z')) {
    const m = /^([+-])(\d\d):?(\d\d)$/.exec(text.slice(i));
    if (!m) return null;
    offsetMinutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  }
  const t = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + ms;
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
