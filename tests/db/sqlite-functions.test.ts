import { createRequire } from 'node:module';
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AGGREGATE_FINALIZE_RAISED,
  FUNCTION_RAISED,
  pythonRegex,
  registerDjangoFunctions,
  SQLJS_CONFIG,
} from '../../lib/db/sqlite-functions';

// Every expected value here comes from Django 5.2 itself: either the blog
// queries' output from ../shared/django-reference/ask, or the same SQL run
// through Python's sqlite3 with django/db/backends/sqlite3/_functions.register().

const require = createRequire(import.meta.url);
const wasm = require.resolve('sql.js/dist/sql-wasm.wasm');

type Expected = SqlValue | { error: string };
type Case = [sql: string, expected: Expected];

let SQL: Awaited<ReturnType<typeof initSqlJs>>;
let db: Database;
let registered: string[];

beforeAll(async () => {
  SQL = await initSqlJs({ ...SQLJS_CONFIG, locateFile: () => wasm });
  db = new SQL.Database();
  registered = registerDjangoFunctions(db);
});

function one(sql: string, params: SqlValue[] = [], on: Database = db): SqlValue {
  return on.exec(sql, params)[0].values[0][0];
}

function rows(sql: string, on: Database = db): SqlValue[][] {
  return on.exec(sql)[0]?.values ?? [];
}

function check(expr: string, expected: Expected, on: Database = db) {
  if (expected !== null && typeof expected === 'object' && 'error' in expected) {
    expect(() => one(`SELECT ${expr}`, [], on)).toThrow(expected.error);
  } else {
    expect(one(`SELECT ${expr}`, [], on)).toEqual(expected);
  }
}

describe('registration', () => {
  it('registers what Django registers, with the same arities', () => {
    for (const name of ['django_date_extract', 'django_date_trunc', 'django_datetime_cast_date', 'django_datetime_cast_time',
      'django_datetime_extract', 'django_datetime_trunc', 'django_time_extract', 'django_time_trunc', 'django_time_diff',
      'django_timestamp_diff', 'django_format_dtdelta', 'regexp', 'BITXOR', 'COT', 'LPAD', 'MD5', 'REPEAT', 'REVERSE',
      'RPAD', 'SIGN', 'RAND', 'STDDEV_POP', 'STDDEV_SAMP', 'VAR_POP', 'VAR_SAMP']) {
      expect(registered).toContain(name);
    }
    expect(() => one("SELECT django_datetime_trunc('month', '2025-07-19 22:24:00')")).toThrow(
      'wrong number of arguments to function django_datetime_trunc()',
    );
    expect(() => one("SELECT LPAD('a', 3)")).toThrow('wrong number of arguments');
  });

  it('sql.js 1.17 has SQLite native math functions, so the fallbacks are not registered (as in Django)', () => {
    expect(one("SELECT sqlite_compileoption_used('ENABLE_MATH_FUNCTIONS')")).toBe(1);
    for (const name of ['ACOS', 'ASIN', 'ATAN', 'ATAN2', 'CEILING', 'COS', 'DEGREES', 'EXP', 'FLOOR', 'LN', 'LOG', 'MOD',
      'PI', 'POWER', 'RADIANS', 'SIN', 'SQRT', 'TAN']) {
      expect(registered).not.toContain(name);
    }
    expect(rows(`SELECT sqrt(4), pi(), power(2, 3), ln(1), log(2, 8), mod(7, 3), mod(-7, 3), ceiling(1.2), floor(-1.5),
      acos(1), asin(0), atan(0), atan2(0, 1), cos(0), sin(0), tan(0), degrees(pi()), radians(180), exp(0), sqrt(-1)`)[0]).toEqual(
      [2, Math.PI, 8, 0, 3, 1, -1, 2, -2, 0, 0, 0, 0, 1, 0, 0, 180, Math.PI, 1, null],
    );
  });

  it('RAND() is in [0, 1), unlike RANDOM()', () => {
    const values = rows('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) SELECT RAND() FROM n');
    for (const [v] of values) {
      expect(v as number).toBeGreaterThanOrEqual(0);
      expect(v as number).toBeLessThan(1);
    }
  });

  it('recommends sql.js without its legacy extension functions', () => {
    expect(SQLJS_CONFIG).toEqual({ useOldExtensionFunctions: false });
    expect(one('SELECT log(100)')).toBe(2); // SQLite's log(X) is base 10 (the legacy one is natural)
  });
});

describe('the blog queries Django generates', () => {
  beforeAll(() => {
    db.run(`CREATE TABLE "blog_author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "username" varchar(150) NOT NULL, "joined_at" datetime NOT NULL);
      CREATE TABLE "blog_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL, "slug" varchar(200) NOT NULL,
        "created_at" datetime NOT NULL, "author_id" bigint NOT NULL);
      CREATE TABLE "blog_comment" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "rating" integer NOT NULL);
      INSERT INTO blog_author VALUES (1, 'alice', '2025-03-09 23:00:00'), (7, 'bob', '2023-08-05 17:00:00'), (11, 'carol', '2022-07-13 13:00:00');
      INSERT INTO blog_post VALUES (1, 'Post 1: ORM tips', 'post-1-orm-tips', '2025-07-19 22:24:00', 1),
        (2, 'Post 2: Query tuning', 'post-2-query-tuning', '2025-11-13 00:59:00', 7),
        (3, 'Post 3: Weekend trip', 'post-3-weekend-trip', '2025-10-28 21:28:00', 11),
        (4, 'A post about Posts', 'a-post', '2025-07-20 08:00:00', 1);
      INSERT INTO blog_comment (rating) VALUES (5), (4), (1), (3), (3), (5), (2), (4), (4), (1), (5), (2);`);
  });

  it('TruncMonth', () => {
    expect(rows(`SELECT "blog_post"."created_at" AS "created_at", django_datetime_trunc('month', "blog_post"."created_at", 'UTC', 'UTC') AS "m"
      FROM "blog_post" ORDER BY "blog_post"."id" ASC LIMIT 3`)).toEqual([
      ['2025-07-19 22:24:00', '2025-07-01 00:00:00'],
      ['2025-11-13 00:59:00', '2025-11-01 00:00:00'],
      ['2025-10-28 21:28:00', '2025-10-01 00:00:00'],
    ]);
  });

  it('ExtractWeekDay, ExtractQuarter, ExtractIsoWeekDay, ExtractWeek, ExtractIsoYear', () => {
    expect(rows(`SELECT django_datetime_extract('week_day', "blog_post"."created_at", 'UTC', 'UTC') AS "w",
      django_datetime_extract('quarter', "blog_post"."created_at", 'UTC', 'UTC') AS "q",
      django_datetime_extract('iso_week_day', "blog_post"."created_at", 'UTC', 'UTC') AS "iw",
      django_datetime_extract('week', "blog_post"."created_at", 'UTC', 'UTC') AS "wk",
      django_datetime_extract('iso_year', "blog_post"."created_at", 'UTC', 'UTC') AS "iy"
      FROM "blog_post" ORDER BY "blog_post"."id" ASC LIMIT 3`)).toEqual([
      [7, 3, 6, 29, 2025],
      [5, 4, 4, 46, 2025],
      [3, 4, 2, 44, 2025],
    ]);
  });

  it('filter(created_at__week_day=1): Sunday', () => {
    expect(one(`SELECT COUNT(*) AS "__count" FROM "blog_post"
      WHERE django_datetime_extract('week_day', "blog_post"."created_at", 'UTC', 'UTC') = 1`)).toBe(1);
  });

  it('TruncDate and TruncTime', () => {
    expect(rows(`SELECT django_datetime_cast_date("blog_post"."created_at", 'UTC', 'UTC') AS "d",
      django_datetime_cast_time("blog_post"."created_at", 'UTC', 'UTC') AS "t" FROM "blog_post" ORDER BY "blog_post"."id" ASC LIMIT 3`)).toEqual([
      ['2025-07-19', '22:24:00'],
      ['2025-11-13', '00:59:00'],
      ['2025-10-28', '21:28:00'],
    ]);
  });

  it('title__regex and title__iregex', () => {
    expect(one(`SELECT COUNT(*) AS "__count" FROM "blog_post" WHERE "blog_post"."title" REGEXP '^Post [0-9]+'`)).toBe(3);
    expect(one(`SELECT COUNT(*) AS "__count" FROM "blog_post" WHERE "blog_post"."title" REGEXP '(?i)' || '^post'`)).toBe(3);
    expect(one(`SELECT COUNT(*) AS "__count" FROM "blog_post" WHERE "blog_post"."title" REGEXP '(?i)' || 'posts$'`)).toBe(1);
  });

  it('F("created_at") - F("author__joined_at") and F("created_at") + timedelta(days=1, hours=2)', () => {
    expect(rows(`SELECT django_timestamp_diff("blog_post"."created_at", "blog_author"."joined_at") AS "d" FROM "blog_post"
      INNER JOIN "blog_author" ON ("blog_post"."author_id" = "blog_author"."id") ORDER BY "blog_post"."id" ASC LIMIT 3`)).toEqual([
      [11402640000000],
      [71740740000000],
      [103969680000000],
    ]);
    expect(rows(`SELECT (django_format_dtdelta('+', "blog_post"."created_at", 93600000000)) AS "d" FROM "blog_post"
      ORDER BY "blog_post"."id" ASC LIMIT 3`)).toEqual([['2025-07-21 00:24:00'], ['2025-11-14 02:59:00'], ['2025-10-29 23:28:00']]);
  });

  it('LPad, RPad, Repeat, Reverse, MD5', () => {
    expect(rows(`SELECT LPAD("blog_post"."slug", 12, '*') AS "l", RPAD("blog_post"."slug", 3, ' ') AS "rp", REPEAT('ab', 2) AS "rep",
      REVERSE("blog_post"."slug") AS "rev", MD5("blog_post"."slug") AS "h" FROM "blog_post" ORDER BY "blog_post"."id" ASC LIMIT 3`)).toEqual([
      ['post-1-orm-t', 'pos', 'abab', 'spit-mro-1-tsop', '124a2b017e0b65468212a56dec934d15'],
      ['post-2-query', 'pos', 'abab', 'gninut-yreuq-2-tsop', 'c0f7c3c7665a1ae81bfb3342f03d656f'],
      ['post-3-weeke', 'pos', 'abab', 'pirt-dnekeew-3-tsop', 'ae7d629904d5a334a80b5f21b2631715'],
    ]);
  });

  it('StdDev and Variance (Python statistics, exactly rounded)', () => {
    expect(rows(`SELECT STDDEV_POP("blog_comment"."rating") AS "s", VAR_SAMP("blog_comment"."rating") AS "v",
      VAR_POP("blog_comment"."rating"), STDDEV_SAMP("blog_comment"."rating") FROM "blog_comment"`)[0]).toEqual([
      1.4215601757693317, 2.2045454545454546, 2.0208333333333335, 1.4847711791873706,
    ]);
    const values = 'SELECT 0.1 AS v UNION ALL SELECT 0.2 UNION ALL SELECT 0.3';
    expect(rows(`SELECT STDDEV_POP(v), VAR_SAMP(v), VAR_POP(v), STDDEV_SAMP(v) FROM (${values})`)[0]).toEqual([
      0.0816496580927726, 0.009999999999999998, 0.006666666666666665, 0.09999999999999999,
    ]);
  });

  it('aggregates: no rows → NULL; NULLs or too few values raise as in Django', () => {
    expect(one('SELECT STDDEV_POP("rating") FROM "blog_comment" WHERE "id" < 0')).toBe(null);
    expect(() => one('SELECT STDDEV_SAMP(x) FROM (SELECT 1 AS x)')).toThrow(AGGREGATE_FINALIZE_RAISED);
    expect(() => one('SELECT VAR_POP(x) FROM (SELECT 1 AS x UNION ALL SELECT NULL)')).toThrow(AGGREGATE_FINALIZE_RAISED);
    expect(one('SELECT VAR_POP(x) FROM (SELECT 5 AS x UNION ALL SELECT 5)')).toBe(0);
    // Grouped: one aggregate state per group.
    expect(rows('SELECT g, VAR_POP(x) FROM (SELECT 1 AS g, 1 AS x UNION ALL SELECT 1, 3 UNION ALL SELECT 2, 10 UNION ALL SELECT 2, 20) GROUP BY g')).toEqual([
      [1, 1],
      [2, 25],
    ]);
  });

  it('errors read like Python sqlite3\'s', () => {
    expect(() => one(`SELECT django_datetime_trunc('decade', "created_at", 'UTC', 'UTC') FROM "blog_post"`)).toThrow(FUNCTION_RAISED);
  });
});

const DATETIME_CASES: Case[] = [
  ["django_datetime_trunc('month', '2025-07-19 22:24:00', 'UTC', 'UTC')", "2025-07-01 00:00:00"],
  ["django_datetime_trunc('year', '2025-07-19 22:24:00.123456', 'UTC', 'UTC')", "2025-01-01 00:00:00"],
  ["django_datetime_trunc('quarter', '2025-11-13 00:59:00', 'UTC', 'UTC')", "2025-10-01 00:00:00"],
  ["django_datetime_trunc('week', '2025-11-02 10:00:00', 'UTC', 'UTC')", "2025-10-27 00:00:00"],
  ["django_datetime_trunc('week', '2025-03-01 00:00:00', 'UTC', 'UTC')", "2025-02-24 00:00:00"],
  ["django_datetime_trunc('day', '2025-07-19 22:24:00', 'UTC', 'UTC')", "2025-07-19 00:00:00"],
  ["django_datetime_trunc('hour', '2025-07-19 22:24:59.999999', 'UTC', 'UTC')", "2025-07-19 22:00:00"],
  ["django_datetime_trunc('minute', '2025-07-19 22:24:59.999999', 'UTC', 'UTC')", "2025-07-19 22:24:00"],
  ["django_datetime_trunc('second', '2025-07-19 22:24:59.999999', 'UTC', 'UTC')", "2025-07-19 22:24:59"],
  ["django_datetime_trunc('day', '2025-07-19 22:24:00', 'Europe/Paris', 'UTC')", "2025-07-20 00:00:00"],
  ["django_datetime_trunc('hour', '2025-07-19 22:24:00', 'America/New_York', 'UTC')", "2025-07-19 18:00:00"],
  ["django_datetime_trunc('hour', '2025-07-19 22:24:00', 'UTC+05:30', 'UTC')", "2025-07-20 03:00:00"],
  ["django_datetime_trunc('hour', '2025-10-26 00:30:00', 'Europe/Paris', 'UTC')", "2025-10-26 02:00:00"],
  ["django_datetime_trunc('hour', '2025-10-26 01:30:00', 'Europe/Paris', 'UTC')", "2025-10-26 02:00:00"],
  ["django_datetime_trunc('day', '2025-07-19', NULL, NULL)", "2025-07-19 00:00:00"],
  ["django_datetime_trunc('month', NULL, 'UTC', 'UTC')", null],
  ["django_datetime_trunc('month', 'not a date', 'UTC', 'UTC')", null],
  ["django_datetime_trunc('decade', '2025-07-19 22:24:00', 'UTC', 'UTC')", { error: "user-defined function raised exception" }],
  ["django_datetime_trunc('hour', '2025-07-19', NULL, NULL)", { error: "user-defined function raised exception" }],
  ["django_datetime_trunc('month', '2025-07-19', 'UTC', 'UTC')", { error: "user-defined function raised exception" }],
  ["django_datetime_trunc('week', '0001-01-01 00:00:00', 'UTC', 'UTC')", "0001-01-01 00:00:00"],
  ["django_date_trunc('month', '2025-07-19 22:24:00', 'UTC', 'UTC')", "2025-07-01"],
  ["django_date_trunc('quarter', '2025-12-31', NULL, NULL)", "2025-10-01"],
  ["django_date_trunc('week', '2025-01-01', NULL, NULL)", "2024-12-30"],
  ["django_date_trunc('hour', '2025-01-01', NULL, NULL)", { error: "user-defined function raised exception" }],
  ["django_time_trunc('hour', '2025-07-19 22:24:13', 'UTC', 'UTC')", "22:00:00"],
  ["django_time_trunc('minute', '22:24:13.5', NULL, NULL)", "22:24:00"],
  ["django_time_trunc('second', '22:24:13.5', NULL, NULL)", "22:24:13"],
  ["django_time_trunc('second', 'nonsense', NULL, NULL)", null],
  ["django_time_trunc('day', '22:24:13', NULL, NULL)", { error: "user-defined function raised exception" }],
  ["django_datetime_cast_date('2025-07-19 22:24:00', 'UTC', 'UTC')", "2025-07-19"],
  ["django_datetime_cast_date('2025-07-19 22:24:00', 'Asia/Tokyo', 'UTC')", "2025-07-20"],
  ["django_datetime_cast_date('0999-01-02 00:00:00', 'UTC', 'UTC')", "0999-01-02"],
  ["django_datetime_cast_time('2025-07-19 22:24:00', 'UTC', 'UTC')", "22:24:00"],
  ["django_datetime_cast_time('2025-07-19 22:24:00.5', 'UTC', 'UTC')", "22:24:00.500000"],
  ["django_datetime_cast_time('2025-07-19 22:24:00.000042', 'Asia/Kolkata', 'UTC')", "03:54:00.000042"],
  ["django_datetime_cast_date(NULL, 'UTC', 'UTC')", null],
  ["django_datetime_cast_date('2025-07-19', NULL, NULL)", { error: "user-defined function raised exception" }],
  ["django_datetime_extract('year', '2025-07-19 22:24:00', 'UTC', 'UTC')", 2025],
  ["django_datetime_extract('month', '2025-07-19 22:24:00', 'UTC', 'UTC')", 7],
  ["django_datetime_extract('day', '2025-07-19 22:24:00', 'UTC', 'UTC')", 19],
  ["django_datetime_extract('hour', '2025-07-19 22:24:00', 'UTC', 'UTC')", 22],
  ["django_datetime_extract('minute', '2025-07-19 22:24:00', 'UTC', 'UTC')", 24],
  ["django_datetime_extract('second', '2025-07-19 22:24:07', 'UTC', 'UTC')", 7],
  ["django_datetime_extract('microsecond', '2025-07-19 22:24:07.25', 'UTC', 'UTC')", 250000],
  ["django_datetime_extract('week_day', '2025-07-20 10:00:00', 'UTC', 'UTC')", 1],
  ["django_datetime_extract('week_day', '2025-07-21 10:00:00', 'UTC', 'UTC')", 2],
  ["django_datetime_extract('week_day', '2025-07-19 22:24:00', 'UTC', 'UTC')", 7],
  ["django_datetime_extract('iso_week_day', '2025-07-20 10:00:00', 'UTC', 'UTC')", 7],
  ["django_datetime_extract('iso_week_day', '2025-07-21 10:00:00', 'UTC', 'UTC')", 1],
  ["django_datetime_extract('week', '2024-12-30 00:00:00', 'UTC', 'UTC')", 1],
  ["django_datetime_extract('iso_year', '2024-12-30 00:00:00', 'UTC', 'UTC')", 2025],
  ["django_datetime_extract('week', '2021-01-03 23:59:59', 'UTC', 'UTC')", 53],
  ["django_datetime_extract('iso_year', '2021-01-03 23:59:59', 'UTC', 'UTC')", 2020],
  ["django_datetime_extract('quarter', '2025-03-31 23:59:59', 'UTC', 'UTC')", 1],
  ["django_datetime_extract('quarter', '2025-04-01 00:00:00', 'UTC', 'UTC')", 2],
  ["django_datetime_extract('day', '2025-07-19 22:24:00', 'Asia/Tokyo', 'UTC')", 20],
  ["django_datetime_extract('hour', '2025-01-15 12:00:00', 'Europe/Paris', 'UTC')", 13],
  ["django_datetime_extract('hour', '2025-07-15 12:00:00', 'Europe/Paris', 'UTC')", 14],
  ["django_datetime_extract('week_day', NULL, 'UTC', 'UTC')", null],
  ["django_datetime_extract('bogus', '2025-07-19 22:24:00', 'UTC', 'UTC')", { error: "user-defined function raised exception" }],
  ["django_datetime_extract('year', 'garbage', 'UTC', 'UTC')", null],
  ["django_datetime_extract('year', '2025-02-30 10:00:00', 'UTC', 'UTC')", null],
  ["django_date_extract('year', '2025-07-19')", 2025],
  ["django_date_extract('week_day', '2025-07-19')", 7],
  ["django_date_extract('quarter', '2025-07-19')", 3],
  ["django_date_extract('iso_year', '2027-01-01')", 2026],
  ["django_date_extract('hour', '2025-07-19')", { error: "user-defined function raised exception" }],
  ["django_date_extract('hour', '2025-07-19 22:24:00')", 22],
  ["django_date_extract('year', NULL)", null],
  ["django_time_extract('hour', '22:24:13.5')", 22],
  ["django_time_extract('microsecond', '22:24:13.5')", 500000],
  ["django_time_extract('second', 'xx:24:13')", null],
  ["django_time_extract('year', '22:24:13')", { error: "user-defined function raised exception" }],
  ["django_time_diff('22:24:13.5', '20:00:00')", 8653500000],
  ["django_time_diff('01:00:00', '02:30:00.000001')", -5400000001],
  ["django_time_diff(NULL, '02:30:00')", null],
  ["django_timestamp_diff('2025-07-19 22:24:00', '2025-03-10 14:50:00')", 11345640000000],
  ["django_timestamp_diff('2025-07-19 22:24:00', '2025-07-19 22:24:00.000001')", -1],
  ["django_timestamp_diff('2025-07-19', '2024-07-19')", 31536000000000],
  ["django_timestamp_diff('2025-07-19 22:24:00', NULL)", null],
  ["django_timestamp_diff('2025-07-19 22:24:00', '2025-07-19')", { error: "user-defined function raised exception" }],
  ["django_format_dtdelta('+', '2025-07-19 22:24:00', 93600000000)", "2025-07-21 00:24:00"],
  ["django_format_dtdelta('+', 93600000000, '2025-07-19 22:24:00')", "2025-07-21 00:24:00"],
  ["django_format_dtdelta('+', '2025-07-19 22:24:00', 1)", "2025-07-19 22:24:00.000001"],
  ["django_format_dtdelta('-', '2025-07-19 22:24:00', 93600000000)", "2025-07-18 20:24:00"],
  ["django_format_dtdelta('-', '2025-07-19 22:24:00', '2025-07-17 23:24:00.5')", "1 day, 22:59:59.500000"],
  ["django_format_dtdelta('-', '2025-07-17 22:24:00', '2025-07-19 23:24:00')", "-3 days, 23:00:00"],
  ["django_format_dtdelta('+', 86400000000, 3600000000)", "1 day, 1:00:00"],
  ["django_format_dtdelta('-', 3600000000, 7200000000)", "-1 day, 23:00:00"],
  ["django_format_dtdelta('+', '2025-07-19', 86400000000)", "2025-07-20"],
  ["django_format_dtdelta('-', '2025-07-19', 1)", "2025-07-19"],
  ["django_format_dtdelta('+', '2025-07-19', -1)", "2025-07-18"],
  ["django_format_dtdelta('*', 3600000000, 2)", 7200000000],
  ["django_format_dtdelta('/', 3600000000, 8)", 450000000.0],
  ["django_format_dtdelta('/', 3600000000, 0)", { error: "user-defined function raised exception" }],
  ["django_format_dtdelta(' + ', '2025-07-19 22:24:00', 1000000)", "2025-07-19 22:24:01"],
  ["django_format_dtdelta('+', '2025-07-19 22:24:00', NULL)", null],
  ["django_format_dtdelta('+', 'garbage', 1)", null],
  ["django_format_dtdelta('+', '2025-07-19 22:24:00', '2025-07-19 22:24:00')", { error: "user-defined function raised exception" }],
  ["django_format_dtdelta('+', '9999-12-31 23:00:00', 3600000000)", { error: "string or blob too big" }],
];

const REGEXP_CASES: Case[] = [
  ["regexp('^Post [0-9]+', 'Post 12: x')", 1],
  ["regexp('^Post [0-9]+', 'A Post 12')", 0],
  ["regexp('(?i)' || '^post', 'POST 3')", 1],
  ["regexp('Post', NULL)", null],
  ["regexp(NULL, 'Post')", null],
  ["regexp('^\\d+$', 12345)", 1],
  ["regexp('^1\\.5$', 1.5)", 1],
  ["regexp('x$', 'x' || char(10))", 1],
  ["regexp('x\\Z', 'x' || char(10))", 0],
  ["regexp('^b', 'a' || char(10) || 'b')", 0],
  ["regexp('(?m)^b', 'a' || char(10) || 'b')", 1],
  ["regexp('a.c', 'a' || char(10) || 'c')", 0],
  ["regexp('(?s)a.c', 'a' || char(10) || 'c')", 1],
  ["regexp('a.c', 'a' || char(13) || 'c')", 1],
  ["regexp('^\\d$', '٣')", 1],
  ["regexp('(?a)^\\d$', '٣')", 0],
  ["regexp('^\\w+$', 'café')", 1],
  ["regexp('\\bcafé\\b', 'un café!')", 1],
  ["regexp('(?a)\\bcaf\\b', 'café')", 1],
  ["regexp('[]a]', ']')", 1],
  ["regexp('^a{,2}b$', 'aab')", 1],
  ["regexp('^x{}$', 'x{}')", 1],
  ["regexp('(?P<c>o)(?P=c)', 'foo')", 1],
  ["regexp('(o)\\1', 'foo')", 1],
  ["regexp('(?x) ^ P o s t  # comment', 'Post')", 1],
  ["regexp('[\\W_]+', 'abc')", 0],
  ["regexp('[^\\w\\s-]', 'foo bar-baz')", 0],
  ["regexp('\\s', char(28))", 1],
  ["regexp('(?i)straße', 'STRASSE')", 0],
  ["regexp('(?i)É', 'é')", 1],
  ["regexp('^.$', '😀')", 1],
  ["regexp('\\x41\\u00e9\\101', 'Aé' || 'A')", 1],
  ["regexp('(', 'x')", { error: "user-defined function raised exception" }],
  ["regexp('\\q', 'x')", { error: "user-defined function raised exception" }],
  ["regexp('a(?i)b', 'ab')", { error: "user-defined function raised exception" }],
  ["regexp('\\B', '')", 0],
];

const TEXT_MATH_CASES: Case[] = [
  ["LPAD('post-1-orm-tips', 12, '*')", "post-1-orm-t"],
  ["LPAD('abc', 7, 'xy')", "xyxyabc"],
  ["LPAD('abc', -1, 'x')", "ab"],
  ["LPAD('😀x', 4, '😀')", "😀😀😀x"],
  ["LPAD('abc', 5, 3)", { error: "user-defined function raised exception" }],
  ["LPAD('abc', 2, 3)", "ab"],
  ["LPAD(NULL, 5, 'x')", null],
  ["RPAD('post-1-orm-tips', 3, ' ')", "pos"],
  ["RPAD('abc', 7, 'xy')", "abcxyxy"],
  ["RPAD('abc', -1, 'x')", "ab"],
  ["RPAD('abc', 5, '')", "abc"],
  ["REPEAT('ab', 2)", "abab"],
  ["REPEAT('ab', -1)", ""],
  ["REPEAT('ab', NULL)", null],
  ["REPEAT(5, 3)", 15],
  ["REVERSE('post-1-orm-tips')", "spit-mro-1-tsop"],
  ["REVERSE('a😀b')", "b😀a"],
  ["REVERSE(NULL)", null],
  ["REVERSE(123)", { error: "user-defined function raised exception" }],
  ["MD5('post-1-orm-tips')", "124a2b017e0b65468212a56dec934d15"],
  ["MD5('')", "d41d8cd98f00b204e9800998ecf8427e"],
  ["MD5('héllo 😀')", "207dd4f0cd7a4f13b4932646cd1f8f2b"],
  ["MD5(NULL)", null],
  ["MD5(5)", { error: "user-defined function raised exception" }],
  ["SIGN(-2.5)", -1],
  ["SIGN(0)", 0],
  ["SIGN(7)", 1],
  ["SIGN(NULL)", null],
  ["SIGN('x')", { error: "user-defined function raised exception" }],
  ["COT(1)", 0.6420926159343306],
  ["COT(0)", { error: "user-defined function raised exception" }],
  ["COT(NULL)", null],
  ["BITXOR(12, 10)", 6],
  ["BITXOR(-1, 5)", -6],
  ["BITXOR(1.5, 1)", { error: "user-defined function raised exception" }],
  ["BITXOR(NULL, 1)", null],
];
describe('date/time functions (values from Django 5.2)', () => {
  it.each(DATETIME_CASES)('%s', (expr, expected) => check(expr, expected));

  it('week_day is Sunday=1 ... Saturday=7, iso_week_day Monday=1 ... Sunday=7', () => {
    const days = ['2025-07-13', '2025-07-14', '2025-07-15', '2025-07-16', '2025-07-17', '2025-07-18', '2025-07-19']; // Sun..Sat
    expect(days.map((d) => one(`SELECT django_datetime_extract('week_day', ?, 'UTC', 'UTC')`, [`${d} 12:00:00`]))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(days.map((d) => one(`SELECT django_date_extract('iso_week_day', ?)`, [d]))).toEqual([7, 1, 2, 3, 4, 5, 6]);
  });

  it('returns numbers as REAL (a sql.js limit) that compare like Django\'s integers', () => {
    expect(one(`SELECT django_date_extract('year', '2025-07-19') = 2025`)).toBe(1);
    expect(one(`SELECT typeof(django_date_extract('year', '2025-07-19'))`)).toBe('real');
  });
});

describe('regexp (values from Django 5.2)', () => {
  it.each(REGEXP_CASES)('%s', (expr, expected) => check(expr, expected));

  it('reports the Python constructs it cannot translate', () => {
    expect(() => one("SELECT regexp('(?>a)', 'a')")).toThrow('regexp: the Python regex construct (?>...) is not supported');
    expect(() => one("SELECT regexp('a++', 'a')")).toThrow('possessive quantifier is not supported');
    expect(() => one("SELECT regexp('(?i:a)b', 'Ab')")).toThrow('(?flags:...) is not supported');
  });

  it('translates Python syntax to a JS RegExp once per pattern', () => {
    expect(pythonRegex('(?P<year>\\d{4})-(?P=year)').source).toBe('(?<year>[\\p{Nd}]{4})-\\k<year>');
    expect(pythonRegex('(?i)a{,2}$').flags).toBe('iu');
    expect(pythonRegex('x')).toBe(pythonRegex('x'));
  });
});

describe('text and math functions (values from Django 5.2)', () => {
  it.each(TEXT_MATH_CASES)('%s', (expr, expected) => check(expr, expected));
});

describe('math fallbacks (registered only where SQLite lacks math functions)', () => {
  let bare: Database;
  beforeAll(() => {
    bare = new SQL.Database();
    expect(registerDjangoFunctions(bare, { mathFunctions: 'always' })).toEqual(expect.arrayContaining(['SQRT', 'PI', 'LOG']));
  });

  it.each([
    ['SQRT(16)', 4],
    ['SQRT(NULL)', null],
    ['PI()', Math.PI],
    ['POWER(2, 10)', 1024],
    ['LOG(2, 1024)', 10],
    ['LN(1)', 0],
    ['MOD(7.5, 2)', 1.5],
    ['MOD(-7, 3)', -1],
    ['CEILING(1.2)', 2],
    ['FLOOR(-1.5)', -2],
    ['DEGREES(PI())', 180],
    ['RADIANS(180)', Math.PI],
    ['ATAN2(0, 1)', 0],
    ['EXP(0)', 1],
    ['ACOS(1)', 0],
    ['ASIN(0)', 0],
    ['ATAN(0)', 0],
    ['COS(0)', 1],
    ['SIN(0)', 0],
    ['TAN(0)', 0],
    // Python raises where SQLite's own functions return NULL.
    ['SQRT(-1)', { error: FUNCTION_RAISED }],
    ['LN(0)', { error: FUNCTION_RAISED }],
    ['ACOS(2)', { error: FUNCTION_RAISED }],
    ['MOD(1, 0)', { error: FUNCTION_RAISED }],
    ['POWER(0, -1)', { error: FUNCTION_RAISED }],
    ["SQRT('x')", { error: FUNCTION_RAISED }],
  ] as Case[])('%s', (expr, expected) => check(expr, expected, bare));
});
