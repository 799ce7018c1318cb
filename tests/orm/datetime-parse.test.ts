import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/orm/errors';
import { parseDatetime } from '../../lib/orm/utils/datetime';
import { referenceWorld } from '../helpers/sqljs';

/** The same instant through the platform's own calendar, for comparison. */
function viaDate(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

describe('parseDatetime', () => {
  it('agrees with the platform calendar across four centuries, leap days included', () => {
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let k = 0; k < 5000; k++) {
      const y = 1 + next(2999);
      const mo = 1 + next(12);
      const d = 1 + next(28);
      const [h, mi, s, us] = [next(24), next(60), next(60), next(1000000)];
      const text = `${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}.${pad(us, 6)}`;
      expect(parseDatetime(text)?.getTime(), text).toBe(viaDate(y, mo, d, h, mi, s, Math.floor(us / 1000)));
    }
    expect(parseDatetime('2024-02-29 23:59:59')?.toISOString()).toBe('2024-02-29T23:59:59.000Z');
    expect(parseDatetime('2000-03-01')?.toISOString()).toBe('2000-03-01T00:00:00.000Z');
  });

  it('reads short fractions, offsets and the T separator as Django stores and accepts them', () => {
    expect(parseDatetime('2025-06-15 05:25:35.5')?.toISOString()).toBe('2025-06-15T05:25:35.500Z');
    expect(parseDatetime('2025-06-15 05:25:35.05')?.toISOString()).toBe('2025-06-15T05:25:35.050Z');
    expect(parseDatetime('2025-06-15T05:25')?.toISOString()).toBe('2025-06-15T05:25:00.000Z');
    expect(parseDatetime('2025-06-15 05:25:35Z')?.toISOString()).toBe('2025-06-15T05:25:35.000Z');
    expect(parseDatetime('2025-06-15 05:25:35+02:00')?.toISOString()).toBe('2025-06-15T03:25:35.000Z');
    expect(parseDatetime('2025-06-15 05:25:35-0130')?.toISOString()).toBe('2025-06-15T06:55:35.000Z');
  });

  it('keeps years below 100 as written (no two-digit-year rule)', () => {
    expect(parseDatetime('0050-01-02 03:04:05')?.getUTCFullYear()).toBe(50);
  });

  it('returns null for text that is not a datetime', () => {
    for (const text of ['', 'hello', '2025/01/01', '2025-13-01', '2025-00-10', '2025-01-32', '2025-02-29', '2024-04-31', '2025-01-01 24:00', '2025-01-01 10:60', '2025-01-01X10:00', '2025-01-01 10:00:00 UTC', '20x5-01-01']) {
      expect(parseDatetime(text), text).toBeNull();
    }
  });
});

describe('DateTimeField values that are not datetimes', () => {
  // Messages recorded with ../shared/django-reference/ask "Post.objects.filter(created_at=...).count()".
  const cases: [string, string][] = [
    ['2025-13-01', '“2025-13-01” value has the correct format (YYYY-MM-DD) but it is an invalid date.'],
    ['2025-02-30 10:00', '“2025-02-30 10:00” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time.'],
    ['next tuesday', '“next tuesday” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format.'],
  ];
  it.each(cases)('%s raises ValidationError with Django\'s message, before any statement', async (value, message) => {
    const world = await referenceWorld();
    const { Post } = world.models;
    const connection = world.runtime.connections.get('default');
    const before = connection.queries.length;
    let error: unknown;
    try {
      Post.objects.filter({ created_at: value }).count();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain(message);
    expect(connection.queries.length).toBe(before);
  });
});
