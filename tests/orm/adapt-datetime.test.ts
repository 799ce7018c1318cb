/** adaptDatetime() formats from the UTC fields; it must write exactly what the toISOString() slices wrote. */
import { describe, expect, it } from 'vitest';
import { adaptDatetime } from '../../lib/orm/backend/operations';

function viaIsoString(d: Date): string {
  const iso = d.toISOString();
  const ms = d.getUTCMilliseconds();
  return iso.slice(0, 10) + ' ' + iso.slice(11, 19) + (ms ? '.' + String(ms * 1000).padStart(6, '0') : '');
}

describe('adaptDatetime', () => {
  it('writes naive UTC text with microseconds only when there are milliseconds', () => {
    expect(adaptDatetime(new Date(Date.UTC(2025, 6, 19, 22, 24, 0)))).toBe('2025-07-19 22:24:00');
    expect(adaptDatetime(new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)))).toBe('2025-01-02 03:04:05.006000');
  });

  it('agrees with toISOString() over years 0 to 10,000 and their edges', () => {
    const dates = [Date.UTC(0, 0, 1), Date.UTC(999, 11, 31, 23, 59, 59, 999), Date.UTC(1000, 0, 1), Date.UTC(1970, 0, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1), -62198755200000];
    for (let t = Date.UTC(1, 0, 1); t < Date.UTC(10001, 0, 1); t += 7_919_123_457) dates.push(t);
    for (const t of dates) {
      const d = new Date(t);
      if (t === Date.UTC(0, 0, 1)) d.setUTCFullYear(0);
      expect(adaptDatetime(d)).toBe(viaIsoString(d));
    }
  });

  it('throws RangeError for an invalid Date, as toISOString() does', () => {
    expect(() => adaptDatetime(new Date(NaN))).toThrow(RangeError);
  });
});
