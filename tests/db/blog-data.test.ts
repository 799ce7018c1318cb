import { createRequire } from 'node:module';
import path from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BLOG_NOW, BLOG_SIZES, COMMENT_BODY_LENGTH, generateBlogRows, type BlogSize, type TableRows,
} from '../../lib/db/datasets/blog-data';
import { insertRows } from '../../lib/db/datasets/load-rows';
import { djangoBlogDdl } from '../helpers/sqljs';


const NOW_TEXT = '2026-01-01 00:00:00';
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const REFERENCE_USERNAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'banned_user'];

let SQL: SqlJsStatic;
const rowsBySize = new Map<BlogSize, TableRows[]>();
const dbBySize = new Map<BlogSize, Database>();

function rowsOf(size: BlogSize): TableRows[] {
  let rows = rowsBySize.get(size);
  if (!rows) {
    rows = generateBlogRows(size);
    rowsBySize.set(size, rows);
  }
  return rows;
}

function freshDb(): Database {
  const db = new SQL.Database();
  db.exec(djangoBlogDdl().join('\n'));
  return db;
}

function loaded(size: BlogSize): Database {
  let db = dbBySize.get(size);
  if (!db) {
    db = freshDb();
    insertRows(db, rowsOf(size));
    dbBySize.set(size, db);
  }
  return db;
}

function all(db: Database, sql: string): SqlValue[][] {
  return db.exec(sql)[0]?.values ?? [];
}

function one(db: Database, sql: string): SqlValue {
  return all(db, sql)[0][0];
}

function share(db: Database, where: string, table = 'blog_post'): number {
  return Number(one(db, `SELECT AVG(CASE WHEN ${where} THEN 1.0 ELSE 0 END) FROM ${table}`));
}

beforeAll(async () => {
  const distDir = path.dirname(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm'));
  SQL = await initSqlJs({ locateFile: (file: string) => path.join(distDir, file) });
});

describe('generateBlogRows: determinism', () => {
  it('gives identical rows for the same seed', () => {
    expect(generateBlogRows('tiny')).toEqual(generateBlogRows('tiny'));
    expect(generateBlogRows('default', 42)).toEqual(generateBlogRows('default', 42));
  });

  it('gives different rows for a different seed', () => {
    const a = generateBlogRows('tiny', 1);
    const b = generateBlogRows('tiny', 2);
    for (const table of ['blog_post', 'blog_post_tags', 'blog_comment']) {
      const rowsA = a.find((t) => t.table === table)!.rows;
      const rowsB = b.find((t) => t.table === table)!.rows;
      expect(rowsA).not.toEqual(rowsB);
    }
  });

  it('uses the fixed now 2026-01-01T00:00:00Z', () => {
    expect(BLOG_NOW.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('uses the default seed 20260101', () => {
    expect(generateBlogRows('tiny', 20260101)).toEqual(rowsOf('tiny'));
  });
});

describe.each(['tiny', 'default'] as const)('blog dataset %s loaded into sql.js', (size) => {
  const spec = BLOG_SIZES[size];

  it('has tables in load order, columns in DDL order, counts as BLOG_SIZES, ids 1..n', () => {
    const db = loaded(size);
    const tables = rowsOf(size);
    expect(tables.map((t) => t.table)).toEqual(['blog_author', 'blog_category', 'blog_tag', 'blog_post', 'blog_post_tags', 'blog_comment']);
    for (const t of tables) {
      expect(t.columns).toEqual(all(db, `PRAGMA table_info("${t.table}")`).map((r) => r[1]));
      expect(t.rows.every((row, i) => row.length === t.columns.length && row[0] === i + 1)).toBe(true);
    }
    const counts = Object.fromEntries(tables.map((t) => [t.table, one(db, `SELECT COUNT(*) FROM "${t.table}"`)]));
    expect(counts).toMatchObject({
      blog_author: spec.authors, blog_category: spec.categories, blog_tag: spec.tags,
      blog_post: spec.posts, blog_comment: spec.comments,
    });
    expect(Number(counts.blog_post_tags)).toBeGreaterThan(spec.posts);
  });

  it('starts with the reference fixture names', () => {
    const db = loaded(size);
    expect(all(db, 'SELECT username FROM blog_author WHERE id <= 12 ORDER BY id').flat()).toEqual(REFERENCE_USERNAMES);
    expect(all(db, 'SELECT name, slug FROM blog_category WHERE id <= 4 ORDER BY id')).toEqual([
      ['Technology', 'tech'], ['Travel', 'travel'], ['Food', 'food'], ['Science', 'science'],
    ]);
    expect(all(db, 'SELECT name FROM blog_tag WHERE id <= 8 ORDER BY id').flat()).toEqual(
      ['python', 'django', 'javascript', 'sql', 'performance', 'testing', 'devops', 'career'],
    );
  });

  it('keeps usernames, slugs, tag names and post-tag pairs unique', () => {
    const db = loaded(size);
    expect(one(db, 'SELECT COUNT(DISTINCT username) FROM blog_author')).toBe(spec.authors);
    expect(one(db, 'SELECT COUNT(DISTINCT slug) FROM blog_post')).toBe(spec.posts);
    expect(one(db, 'SELECT COUNT(DISTINCT name) FROM blog_tag')).toBe(spec.tags);
    expect(one(db, 'SELECT COUNT(DISTINCT slug) FROM blog_category')).toBe(spec.categories);
    expect(one(db, 'SELECT COUNT(*) FROM (SELECT DISTINCT post_id, tag_id FROM blog_post_tags)')).toBe(one(db, 'SELECT COUNT(*) FROM blog_post_tags'));
  });

  it('keeps every foreign key valid', () => {
    const db = loaded(size);
    expect(all(db, 'PRAGMA foreign_key_check')).toEqual([]);
    expect(one(db, 'SELECT COUNT(*) FROM blog_post p LEFT JOIN blog_author a ON a.id = p.author_id WHERE a.id IS NULL')).toBe(0);
    expect(one(db, 'SELECT COUNT(*) FROM blog_post p LEFT JOIN blog_category c ON c.id = p.category_id WHERE p.category_id IS NOT NULL AND c.id IS NULL')).toBe(0);
    expect(one(db, 'SELECT COUNT(*) FROM blog_comment c LEFT JOIN blog_post p ON p.id = c.post_id WHERE p.id IS NULL')).toBe(0);
    expect(one(db, 'SELECT COUNT(*) FROM blog_comment c LEFT JOIN blog_author a ON a.id = c.author_id WHERE c.author_id IS NOT NULL AND a.id IS NULL')).toBe(0);
    expect(one(db, 'SELECT COUNT(*) FROM blog_post_tags pt LEFT JOIN blog_tag t ON t.id = pt.tag_id LEFT JOIN blog_post p ON p.id = pt.post_id WHERE t.id IS NULL OR p.id IS NULL')).toBe(0);
  });

  it('stores values as Django does on SQLite', () => {
    const db = loaded(size);
    const datetimes = [
      ['blog_author', 'joined_at'], ['blog_post', 'created_at'], ['blog_post', 'published_date'], ['blog_comment', 'created_at'],
    ];
    for (const [table, column] of datetimes) {
      const values = all(db, `SELECT ${column} FROM ${table} WHERE ${column} IS NOT NULL`).flat();
      expect(values.length).toBeGreaterThan(0);
      expect(values.filter((v) => typeof v !== 'string' || !DATETIME.test(v))).toEqual([]);
      expect(one(db, `SELECT COUNT(*) FROM ${table} WHERE ${column} >= '${NOW_TEXT}'`)).toBe(0);
    }
    expect(all(db, 'SELECT DISTINCT typeof(is_active), is_active FROM blog_author ORDER BY 2')).toEqual([['integer', 0], ['integer', 1]]);
    expect(all(db, 'SELECT DISTINCT typeof(published), published FROM blog_post ORDER BY 2')).toEqual([['null', null], ['integer', 0], ['integer', 1]]);
    expect(all(db, "SELECT DISTINCT typeof(content) || typeof(full_text) || typeof(title) FROM blog_post").flat()).toEqual(['texttexttext']);
    expect(all(db, 'SELECT DISTINCT typeof(view_count) FROM blog_post ORDER BY 1').flat()).toEqual(['integer', 'null']);
  });

  it('dates posts consistently: created after the author joined, published_date only when published', () => {
    const db = loaded(size);
    expect(one(db, 'SELECT COUNT(*) FROM blog_post WHERE (published = 1) != (published_date IS NOT NULL)')).toBe(0);
    expect(one(db, 'SELECT COUNT(*) FROM blog_post WHERE published_date <= created_at')).toBe(0);
    expect(one(db, 'SELECT COUNT(*) FROM blog_post p JOIN blog_author a ON a.id = p.author_id WHERE p.created_at <= a.joined_at')).toBe(0);
    expect(one(db, 'SELECT COUNT(*) FROM blog_comment c JOIN blog_post p ON p.id = c.post_id WHERE c.created_at <= p.created_at')).toBe(0);
    // created_at spread over the last ~2 years; ids follow creation time
    expect(String(one(db, 'SELECT MIN(created_at) FROM blog_post')) >= '2023-12-31').toBe(true);
    expect(String(one(db, 'SELECT MIN(created_at) FROM blog_post')) < '2024-07-01').toBe(true);
    expect(String(one(db, 'SELECT MAX(created_at) FROM blog_post')) > '2025-10-01').toBe(true);
    expect(one(db, 'SELECT COUNT(*) FROM blog_post a JOIN blog_post b ON b.id = a.id + 1 WHERE b.created_at <= a.created_at')).toBe(0);
    expect(one(db, 'SELECT COUNT(*) - COUNT(DISTINCT created_at) FROM blog_comment')).toBe(0);
  });

  it('keeps text lengths in range', () => {
    const db = loaded(size);
    const [cLo, cHi] = spec.contentLength;
    const [fLo, fHi] = spec.fullTextLength;
    const [bLo, bHi] = COMMENT_BODY_LENGTH;
    expect(all(db, 'SELECT MIN(length(content)), MAX(length(content)), MIN(length(full_text)), MAX(length(full_text)) FROM blog_post')[0]
      .every((v, i) => (i < 2 ? (v as number) >= cLo && (v as number) <= cHi : (v as number) >= fLo && (v as number) <= fHi))).toBe(true);
    expect(one(db, `SELECT COUNT(*) FROM blog_comment WHERE length(body) NOT BETWEEN ${bLo} AND ${bHi}`)).toBe(0);
    expect(one(db, 'SELECT COUNT(*) FROM blog_post WHERE length(title) > 200 OR length(slug) > 200')).toBe(0);
    expect(one(db, "SELECT COUNT(*) FROM blog_post WHERE slug NOT GLOB '*[a-z0-9]-' || id OR slug GLOB '*[^a-z0-9-]*'")).toBe(0);
    expect(one(db, "SELECT COUNT(*) FROM blog_post WHERE content LIKE '%' || char(10) || char(10) || '%'")).toBe(spec.posts);
    expect(one(db, "SELECT COUNT(*) FROM blog_author WHERE email NOT LIKE '%@%example%'")).toBe(0);
  });
});

describe('blog dataset distributions (default size)', () => {
  const db = (): Database => loaded('default');

  it('authors: ~15% inactive, heavy-tailed followers, some empty bios, emails from usernames', () => {
    expect(share(db(), 'is_active = 0', 'blog_author')).toBeGreaterThan(0.08);
    expect(share(db(), 'is_active = 0', 'blog_author')).toBeLessThan(0.22);
    expect(share(db(), 'follower_count < 500', 'blog_author')).toBeGreaterThan(0.6);
    const over10k = Number(one(db(), 'SELECT COUNT(*) FROM blog_author WHERE follower_count > 10000'));
    expect(over10k).toBeGreaterThanOrEqual(1);
    expect(over10k).toBeLessThanOrEqual(15);
    expect(share(db(), "bio = ''", 'blog_author')).toBeGreaterThan(0.15);
    expect(share(db(), "bio = ''", 'blog_author')).toBeLessThan(0.5);
    const rows = all(db(), 'SELECT username, email FROM blog_author WHERE id > 12');
    expect(rows.every(([u, e]) => /^[a-z]+_[a-z]+\d*$/.test(u as string) && (e as string).startsWith((u as string).replace('_', '.') + '@'))).toBe(true);
  });

  it('posts per author are skewed: a few prolific, many with 0-3, some with none', () => {
    const perAuthor = all(db(), 'SELECT COUNT(p.id) FROM blog_author a LEFT JOIN blog_post p ON p.author_id = a.id GROUP BY a.id ORDER BY 1 DESC').flat() as number[];
    const none = perAuthor.filter((n) => n === 0).length;
    expect(none).toBeGreaterThan(5);
    expect(none / perAuthor.length).toBeLessThan(0.3);
    expect(perAuthor.filter((n) => n <= 3).length / perAuthor.length).toBeGreaterThan(0.4);
    const topTenShare = perAuthor.slice(0, perAuthor.length / 10).reduce((a, b) => a + b, 0) / BLOG_SIZES.default.posts;
    expect(topTenShare).toBeGreaterThan(0.4);
  });

  it('posts: published ~60/25/15, some NULL categories, view counts with a heavy tail', () => {
    expect(share(db(), 'published IS NULL')).toBeGreaterThan(0.1);
    expect(share(db(), 'published IS NULL')).toBeLessThan(0.2);
    expect(share(db(), 'published = 1')).toBeGreaterThan(0.52);
    expect(share(db(), 'published = 1')).toBeLessThan(0.68);
    expect(share(db(), 'category_id IS NULL')).toBeGreaterThan(0.04);
    expect(share(db(), 'category_id IS NULL')).toBeLessThan(0.12);
    expect(share(db(), 'view_count IS NULL')).toBeGreaterThan(0.02);
    expect(share(db(), 'view_count IS NULL')).toBeLessThan(0.08);
    expect(share(db(), 'view_count BETWEEN 0 AND 999')).toBeGreaterThan(0.75);
    const max = Number(one(db(), 'SELECT MAX(view_count) FROM blog_post'));
    expect(max).toBeGreaterThan(20000);
    expect(max).toBeLessThanOrEqual(50000);
    expect(one(db(), 'SELECT COUNT(*) FROM blog_post WHERE view_count < 0')).toBe(0);
  });

  it('tags: 0-4 per post', () => {
    const perPost = all(db(), 'SELECT COUNT(pt.id) FROM blog_post p LEFT JOIN blog_post_tags pt ON pt.post_id = p.id GROUP BY p.id').flat() as number[];
    expect(Math.min(...perPost)).toBe(0);
    expect(Math.max(...perPost)).toBe(4);
  });

  it('comments: ~8% of posts without any, ~7% anonymous, ratings skewed to 4-5, popular posts get more', () => {
    expect(share(db(), 'NOT EXISTS (SELECT 1 FROM blog_comment c WHERE c.post_id = blog_post.id)')).toBeGreaterThan(0.06);
    expect(share(db(), 'NOT EXISTS (SELECT 1 FROM blog_comment c WHERE c.post_id = blog_post.id)')).toBeLessThan(0.1);
    expect(share(db(), 'author_id IS NULL', 'blog_comment')).toBeGreaterThan(0.05);
    expect(share(db(), 'author_id IS NULL', 'blog_comment')).toBeLessThan(0.09);
    expect(all(db(), 'SELECT MIN(rating), MAX(rating) FROM blog_comment')[0]).toEqual([1, 5]);
    expect(share(db(), 'rating >= 4', 'blog_comment')).toBeGreaterThan(0.6);
    const popular = Number(one(db(), 'SELECT AVG((SELECT COUNT(*) FROM blog_comment c WHERE c.post_id = p.id)) FROM blog_post p WHERE view_count >= 1000'));
    const rest = Number(one(db(), 'SELECT AVG((SELECT COUNT(*) FROM blog_comment c WHERE c.post_id = p.id)) FROM blog_post p WHERE view_count < 1000 OR view_count IS NULL'));
    expect(popular).toBeGreaterThan(3 * rest);
  });
});

describe('tiny dataset edge cases', () => {
  it('has NULL published, categories, view counts and comment authors, and posts without comments', () => {
    const db = loaded('tiny');
    expect(one(db, 'SELECT COUNT(*) FROM blog_post WHERE published IS NULL')).toBeGreaterThan(0);
    expect(one(db, 'SELECT COUNT(*) FROM blog_post WHERE published = 0')).toBeGreaterThan(0);
    expect(one(db, 'SELECT COUNT(*) FROM blog_post WHERE category_id IS NULL')).toBeGreaterThan(0);
    expect(one(db, 'SELECT COUNT(*) FROM blog_post WHERE view_count IS NULL')).toBeGreaterThan(0);
    expect(one(db, 'SELECT COUNT(*) FROM blog_comment WHERE author_id IS NULL')).toBeGreaterThan(0);
    expect(one(db, 'SELECT COUNT(*) FROM blog_post p WHERE NOT EXISTS (SELECT 1 FROM blog_comment c WHERE c.post_id = p.id)')).toBeGreaterThan(0);
    expect(one(db, "SELECT COUNT(*) FROM blog_post p JOIN blog_author a ON a.id = p.author_id WHERE a.username = 'banned_user'")).toBe(0);
    expect(one(db, "SELECT COUNT(*) FROM blog_author WHERE is_active = 0")).toBe(3);
  });
});

describe('large dataset (rows only)', () => {
  it('has the large counts and shorter texts', () => {
    const tables = generateBlogRows('large');
    const spec = BLOG_SIZES.large;
    const count = (table: string) => tables.find((t) => t.table === table)!.rows.length;
    expect([count('blog_author'), count('blog_category'), count('blog_tag'), count('blog_post'), count('blog_comment')])
      .toEqual([spec.authors, spec.categories, spec.tags, spec.posts, spec.comments]);
    const posts = tables.find((t) => t.table === 'blog_post')!.rows;
    const lengths = (i: number) => posts.map((r) => (r[i] as string).length);
    expect(Math.min(...lengths(3))).toBeGreaterThanOrEqual(spec.contentLength[0]);
    expect(Math.max(...lengths(3))).toBeLessThanOrEqual(spec.contentLength[1]);
    expect(Math.min(...lengths(4))).toBeGreaterThanOrEqual(spec.fullTextLength[0]);
    expect(Math.max(...lengths(4))).toBeLessThanOrEqual(spec.fullTextLength[1]);
    expect(new Set(tables[0].rows.map((r) => r[1])).size).toBe(spec.authors);
    expect(new Set(posts.map((r) => r[2])).size).toBe(spec.posts);
  });
});

describe('insertRows', () => {
  it('inserts nothing and leaves no open transaction when a row fails', () => {
    const db = freshDb();
    const tables: TableRows[] = [
      { table: 'blog_tag', columns: ['id', 'name'], rows: [[1, 'python']] },
      { table: 'blog_author', columns: ['id', 'username', 'email', 'is_active', 'follower_count', 'bio', 'joined_at'], rows: [
        [1, 'alice', 'alice@example.com', 1, 0, '', '2025-01-01 00:00:00'],
        [2, 'alice', 'alice2@example.com', 1, 0, '', '2025-01-01 00:00:00'],
      ] },
    ];
    expect(() => insertRows(db, tables)).toThrow(/UNIQUE constraint failed: blog_author.username/);
    expect(one(db, 'SELECT COUNT(*) FROM blog_tag')).toBe(0);
    expect(one(db, 'SELECT COUNT(*) FROM blog_author')).toBe(0);
    expect(() => db.exec('BEGIN; ROLLBACK;')).not.toThrow();
    db.close();
  });
});
