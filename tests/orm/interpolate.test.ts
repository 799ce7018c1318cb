/** interpolate() scans for placeholders by hand; it must inline exactly as the `/%s|%%/g` replace it stands for. */
import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../lib/db/sqlite';
import { interpolate, quoteParam } from '../../lib/orm/backend/operations';

function viaRegExp(sql: string, params: readonly SqlValue[]): string {
  if (!params.length) return sql;
  let i = 0;
  return sql.replace(/%s|%%/g, (m) => (m === '%%' ? '%' : i < params.length ? quoteParam(params[i++]) : m));
}

describe('interpolate', () => {
  const params: SqlValue[] = [1, "it's", null, 2.5, new Uint8Array([1, 255]), 'plain'];

  it('inlines parameters, unescapes %% and leaves placeholders without a parameter', () => {
    expect(interpolate('SELECT %s, %s WHERE x LIKE \'a%%\' AND y = %s', [1, "it's", null])).toBe("SELECT 1, 'it''s' WHERE x LIKE 'a%' AND y = NULL");
    expect(interpolate('%s %s %s', [7])).toBe('7 %s %s');
    expect(interpolate('no params %%', [])).toBe('no params %%');
  });

  it('agrees with the regular expression on every arrangement of %, s and text', () => {
    const pieces = ['%', 's', '%s', '%%', '%%s', 'x', ' ', "'", '%x', ''];
    for (const a of pieces) for (const b of pieces) for (const c of pieces) for (const d of pieces) {
      const sql = a + b + c + d;
      for (const n of [0, 1, 2, params.length]) expect(interpolate(sql, params.slice(0, n))).toBe(viaRegExp(sql, params.slice(0, n)));
    }
  });
});
