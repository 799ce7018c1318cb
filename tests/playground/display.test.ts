/**
 * Page-side helpers: printed values()/values_list() output as tables, share
 * links round-trip the code, SQL previews fold the column list and highlight.
 */
import { describe, expect, it } from 'vitest';
import { parsePyRepr, tableFromOutput } from '../../lib/playground/output-table';
import { decodeShare, encodeShare, shareUrl } from '../../lib/playground/share';
import { formatMs, previewSql, tokenizeSql } from '../../lib/playground/sql-display';
import { formatSql } from '../../lib/playground/sql-format';

describe('output as tables', () => {
  it('reads a list of dicts (values()) as columns and rows', () => {
    const t = tableFromOutput("[{'title': 'It\\'s here', 'views': 29, 'date': datetime.datetime(2025, 3, 1, 9, 5)}, {'title': \"Bob's\", 'views': None, 'date': None}]");
    expect(t?.columns).toEqual(['title', 'views', 'date']);
    expect(t?.rows.map((r) => r.cells)).toEqual([
      ["It's here", '29', '2025-03-01 09:05:00'],
      ["Bob's", 'None', 'None'],
    ]);
    expect(t?.rows[0].kinds).toEqual(['str', 'num', 'call']);
  });

  it('reads querysets of tuples and truncated reprs', () => {
    const t = tableFromOutput("<QuerySet [(1, 'django'), (2, 'python'), '...(remaining elements truncated)...']>");
    expect(t).toMatchObject({ columns: ['0', '1'], truncated: true, source: 'queryset' });
    expect(t?.rows).toHaveLength(2);
  });

  it('reads lists of model instances, even with odd characters in their text', () => {
    const t = tableFromOutput('[<Post: A <b> title, with commas>, <Post: Another>]');
    expect(t?.columns).toEqual(['Post']);
    expect(t?.rows.map((r) => r.cells[0])).toEqual(['A <b> title, with commas', 'Another']);
  });

  it('leaves other output as text', () => {
    expect(tableFromOutput('alice 22')).toBeNull();
    expect(tableFromOutput('[1, 2, 3]')).toBeNull();
    expect(tableFromOutput("[{'a': 1}, {'b': 2}]")).toBeNull();
    expect(tableFromOutput('[]')).toBeNull();
    expect(parsePyRepr("{'n': Decimal('1.50')}")).toEqual({ t: 'dict', entries: [[{ t: 'str', v: 'n' }, { t: 'call', name: 'Decimal', args: [{ t: 'str', v: '1.50' }], kwargs: [] }]] });
  });
});

describe('share links', () => {
  it('round-trip the code and the dataset size through the hash', () => {
    const code = "for (const p of Post.objects.all()) print(p.title, '—', `ünïcode`);\n";
    const hash = encodeShare({ code, size: 'tiny' });
    expect(hash).toMatch(/^code=[A-Za-z0-9+\-$]+&size=tiny$/);
    expect(decodeShare(`#${hash}`)).toEqual({ code, size: 'tiny' });
    expect(shareUrl({ origin: 'http://127.0.0.1:3000', pathname: '/sandbox' }, { code })).toBe(`http://127.0.0.1:3000/sandbox#${encodeShare({ code })}`);
  });

  it('ignores hashes without code', () => {
    expect(decodeShare('')).toBeNull();
    expect(decodeShare('#lessons')).toBeNull();
  });
});

describe('SQL display', () => {
  it('folds a long column list like the toolbar, not a short one', () => {
    const sql = 'SELECT "blog_post"."id", "blog_post"."title", "blog_post"."slug", "blog_post"."content" FROM "blog_post" WHERE "blog_post"."id" = 3';
    expect(previewSql(sql)).toBe('SELECT … FROM "blog_post" WHERE "blog_post"."id" = 3');
    expect(previewSql('SELECT COUNT(*) AS "__count" FROM "blog_post"')).toBe('SELECT COUNT(*) AS "__count" FROM "blog_post"');
  });

  it('tokenizes without losing a character', () => {
    const sql = `SELECT "a"."b", COUNT(*) FROM "a" WHERE "a"."t" LIKE '%it''s%' ESCAPE '\\' AND "a"."n" > 1.5 LIMIT 21`;
    const tokens = tokenizeSql(sql);
    expect(tokens.map((t) => t.text).join('')).toBe(sql);
    expect(tokens.filter((t) => t.kind === 'keyword').map((t) => t.text)).toEqual(['SELECT', 'FROM', 'WHERE', 'LIKE', 'ESCAPE', 'AND', 'LIMIT']);
    expect(tokens.find((t) => t.kind === 'function')?.text).toBe('COUNT');
    expect(tokens.find((t) => t.kind === 'string')?.text).toBe("'%it''s%'");
  });

  it('pretty-prints with sql-formatter, keeping Django\'s SQL otherwise unchanged', () => {
    expect(formatSql('SELECT "a"."id" FROM "a" WHERE "a"."id" = 1')).toBe('SELECT\n  "a"."id"\nFROM\n  "a"\nWHERE\n  "a"."id" = 1');
    expect(formatMs(0.041)).toBe('0.04 ms');
    expect(formatMs(12.4)).toBe('12 ms');
    expect(formatMs(1530)).toBe('1.5 s');
  });
});
