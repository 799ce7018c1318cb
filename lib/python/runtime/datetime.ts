/**
 * Python's `datetime` module on the ORM's values: a datetime is a JavaScript
 * Date (UTC, as Django's aware datetimes with USE_TZ), a date is the ORM's
 * PyDate, a timedelta is `Timedelta`.
 */
import { PyTypeError, ValueError } from '../../orm/errors';
import { parseDatetime, PyDate } from '../../orm/utils/datetime';
import { INSTANCE_CHECK, markPython, PyModule } from './types';
import { splitKwargs } from './values';

const DAY_MS = 86400000;

/** datetime.timedelta, normalized to days, seconds and microseconds as Python does. */
export class Timedelta {
  readonly days: number;
  readonly seconds: number;
  readonly microseconds: number;

  constructor(totalMicroseconds: number) {
    const us = Math.round(totalMicroseconds);
    this.days = Math.floor(us / 86400e6);
    const rest = us - this.days * 86400e6;
    this.seconds = Math.floor(rest / 1e6);
    this.microseconds = rest - this.seconds * 1e6;
  }

  get totalMicroseconds(): number {
    return this.days * 86400e6 + this.seconds * 1e6 + this.microseconds;
  }

  total_seconds(): number {
    return this.totalMicroseconds / 1e6;
  }

  __eq__(other: unknown): boolean {
    return other instanceof Timedelta && other.totalMicroseconds === this.totalMicroseconds;
  }

  __hash__(): number {
    return this.totalMicroseconds;
  }

  __str__(): string {
    const h = Math.floor(this.seconds / 3600);
    const m = Math.floor((this.seconds % 3600) / 60);
    const s = this.seconds % 60;
    const clock = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${this.microseconds ? '.' + String(this.microseconds).padStart(6, '0') : ''}`;
    if (!this.days) return clock;
    return `${this.days} day${Math.abs(this.days) === 1 ? '' : 's'}, ${clock}`;
  }

  __repr__(): string {
    const parts: string[] = [];
    if (this.days) parts.push(`days=${this.days}`);
    if (this.seconds) parts.push(`seconds=${this.seconds}`);
    if (this.microseconds) parts.push(`microseconds=${this.microseconds}`);
    return `datetime.timedelta(${parts.join(', ')})`;
  }
}

/** `timezone.utc` */
export const utc = {
  __repr__: () => 'datetime.timezone.utc',
  __str__: () => 'UTC',
  utcoffset: () => new Timedelta(0),
};

function number(value: unknown, name: string): number {
  if (typeof value !== 'number' && typeof value !== 'boolean') throw new PyTypeError(`'${name}' must be a number`);
  return Number(value);
}

const timedeltaFn = markPython(function timedelta(...args: unknown[]) {
  const [positional, kw] = splitKwargs(args);
  const names = ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'];
  const value: Record<string, number> = {};
  positional.forEach((v, i) => (value[names[i]] = number(v, names[i])));
  for (const [k, v] of Object.entries(kw)) {
    if (!names.includes(k)) throw new PyTypeError(`'${k}' is an invalid keyword argument for __new__()`);
    value[k] = number(v, k);
  }
  const us =
    (value.days ?? 0) * 86400e6 + (value.seconds ?? 0) * 1e6 + (value.microseconds ?? 0) + (value.milliseconds ?? 0) * 1e3 +
    (value.minutes ?? 0) * 60e6 + (value.hours ?? 0) * 3600e6 + (value.weeks ?? 0) * 7 * 86400e6;
  return new Timedelta(us);
}, 'timedelta');

function checkRange(year: number, month: number, day: number): void {
  if (month < 1 || month > 12) throw new ValueError('month must be in 1..12');
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > last) throw new ValueError('day is out of range for month');
}

const datetimeFn = markPython(function datetime(...args: unknown[]) {
  const [positional, kw] = splitKwargs(args);
  const names = ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond', 'tzinfo'];
  const v: Record<string, unknown> = {};
  positional.forEach((x, i) => (v[names[i]] = x));
  Object.assign(v, kw);
  const [year, month, day] = [number(v.year, 'year'), number(v.month, 'month'), number(v.day, 'day')];
  checkRange(year, month, day);
  const ms = Date.UTC(year, month - 1, day, Number(v.hour ?? 0), Number(v.minute ?? 0), Number(v.second ?? 0), Math.floor(Number(v.microsecond ?? 0) / 1000));
  const d = new Date(ms);
  if (year < 100) d.setUTCFullYear(year);
  return d;
}, 'datetime');

const dateFn = markPython(function date(...args: unknown[]) {
  const [positional, kw] = splitKwargs(args);
  const v: Record<string, unknown> = { year: positional[0], month: positional[1], day: positional[2], ...kw };
  const [year, month, day] = [number(v.year, 'year'), number(v.month, 'month'), number(v.day, 'day')];
  checkRange(year, month, day);
  return new PyDate(Date.UTC(year, month - 1, day));
}, 'date');

function fromisoformat(text: unknown): Date {
  const d = typeof text === 'string' ? parseDatetime(text) : null;
  if (!d) throw new ValueError(`Invalid isoformat string: '${String(text)}'`);
  return d;
}

Object.assign(datetimeFn, {
  now: markPython(() => new Date(), 'now'),
  utcnow: markPython(() => new Date(), 'utcnow'),
  today: markPython(() => new Date(), 'today'),
  fromisoformat: markPython(fromisoformat, 'fromisoformat'),
  fromtimestamp: markPython((ts: unknown) => new Date(number(ts, 'timestamp') * 1000), 'fromtimestamp'),
  [INSTANCE_CHECK]: (x: unknown) => x instanceof Date && !(x instanceof PyDate),
});
Object.assign(dateFn, {
  today: markPython(() => new PyDate(Math.floor(Date.now() / DAY_MS) * DAY_MS), 'today'),
  fromisoformat: markPython((text: unknown) => new PyDate(Math.floor(fromisoformat(text).getTime() / DAY_MS) * DAY_MS), 'fromisoformat'),
  [INSTANCE_CHECK]: (x: unknown) => x instanceof Date,
});
Object.assign(timedeltaFn, { [INSTANCE_CHECK]: (x: unknown) => x instanceof Timedelta });

export const datetimeModule = new PyModule('datetime', {
  datetime: datetimeFn,
  date: dateFn,
  timedelta: timedeltaFn,
  timezone: new PyModule('datetime.timezone', { utc }),
});

// ------------------------------------------------------------------ attributes and methods of datetimes

/** `dt.year`, `dt.hour`, ... */
export function dateAttribute(d: Date, name: string): unknown {
  const isDate = d instanceof PyDate;
  switch (name) {
    case 'year': return d.getUTCFullYear();
    case 'month': return d.getUTCMonth() + 1;
    case 'day': return d.getUTCDate();
  }
  if (isDate) return undefined;
  switch (name) {
    case 'hour': return d.getUTCHours();
    case 'minute': return d.getUTCMinutes();
    case 'second': return d.getUTCSeconds();
    case 'microsecond': return d.getUTCMilliseconds() * 1000;
    case 'tzinfo': return utc;
  }
  return undefined;
}

/** Python's datetime.isoformat(): `2025-07-19T22:24:00+00:00`. */
export function isoformat(d: Date, sep = 'T'): string {
  if (d instanceof PyDate) return d.isoformat();
  const iso = d.toISOString();
  const ms = d.getUTCMilliseconds();
  return `${iso.slice(0, 10)}${sep}${iso.slice(11, 19)}${ms ? '.' + String(ms * 1000).padStart(6, '0') : ''}+00:00`;
}

export function addTimedelta(d: Date, delta: Timedelta, sign: 1 | -1): Date {
  const ms = d.getTime() + (sign * delta.totalMicroseconds) / 1000;
  return d instanceof PyDate ? new PyDate(Math.floor(ms / DAY_MS) * DAY_MS) : new Date(ms);
}
