/**
 * Times the blog dataset per size: row generation, insertion into a fresh in-memory
 * sql.js database with Django's DDL, and the size of db.export().
 *   npx tsx scripts/dataset-timing.ts [tiny|default|large ...] [--runs=N]
 * With --runs=N each size is measured N times and the medians are printed.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { BLOG_SIZES, generateBlogRows, type BlogSize } from '../lib/db/datasets/blog-data';
import { insertRows } from '../lib/db/datasets/load-rows';

// Django 5.2's DDL for the blog models (`../shared/django-reference/ask --ddl`).
const BLOG_DDL = `
CREATE TABLE "blog_author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "username" varchar(150) NOT NULL UNIQUE, "email" varchar(254) NOT NULL, "is_active" bool NOT NULL, "follower_count" integer NOT NULL, "bio" text NOT NULL, "joined_at" datetime NOT NULL);
CREATE TABLE "blog_category" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL, "slug" varchar(50) NOT NULL UNIQUE);
CREATE TABLE "blog_tag" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL UNIQUE);
CREATE TABLE "blog_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL, "slug" varchar(200) NOT NULL, "content" text NOT NULL, "full_text" text NOT NULL, "author_id" integer NOT NULL REFERENCES "blog_author" ("id") DEFERRABLE INITIALLY DEFERRED, "category_id" integer NULL REFERENCES "blog_category" ("id") DEFERRABLE INITIALLY DEFERRED, "published" bool NULL, "published_date" datetime NULL, "created_at" datetime NOT NULL, "view_count" integer NULL);
CREATE TABLE "blog_post_tags" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "post_id" integer NOT NULL REFERENCES "blog_post" ("id") DEFERRABLE INITIALLY DEFERRED, "tag_id" integer NOT NULL REFERENCES "blog_tag" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "blog_comment" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "post_id" integer NOT NULL REFERENCES "blog_post" ("id") DEFERRABLE INITIALLY DEFERRED, "author_id" integer NULL REFERENCES "blog_author" ("id") DEFERRABLE INITIALLY DEFERRED, "body" text NOT NULL, "rating" integer NOT NULL, "created_at" datetime NOT NULL);
CREATE INDEX "blog_post_title_adf2f203" ON "blog_post" ("title");
CREATE INDEX "blog_post_slug_b95473f2" ON "blog_post" ("slug");
CREATE INDEX "blog_post_author_id_dd7a8485" ON "blog_post" ("author_id");
CREATE INDEX "blog_post_category_id_c326dbf8" ON "blog_post" ("category_id");
CREATE INDEX "blog_post_published_date_4cd8acc3" ON "blog_post" ("published_date");
CREATE INDEX "blog_post_publish_3eb08d_idx" ON "blog_post" ("published_date", "category_id");
CREATE INDEX "blog_post_created_45f0c6_idx" ON "blog_post" ("created_at" DESC);
CREATE UNIQUE INDEX "blog_post_tags_post_id_tag_id_4925ec37_uniq" ON "blog_post_tags" ("post_id", "tag_id");
CREATE INDEX "blog_post_tags_post_id_a1c71c8a" ON "blog_post_tags" ("post_id");
CREATE INDEX "blog_post_tags_tag_id_0875c551" ON "blog_post_tags" ("tag_id");
CREATE INDEX "blog_comment_post_id_580e96ef" ON "blog_comment" ("post_id");
CREATE INDEX "blog_comment_author_id_4f11e2e0" ON "blog_comment" ("author_id");
`;

interface Timing {
  generateMs: number;
  insertMs: number;
  exportMs: number;
  bytes: number;
  counts: string;
}

function measure(SQL: SqlJsStatic, size: BlogSize): Timing {
  let t = performance.now();
  const tables = generateBlogRows(size);
  const generateMs = performance.now() - t;

  const db = new SQL.Database();
  db.exec(BLOG_DDL);
  t = performance.now();
  insertRows(db, tables);
  const insertMs = performance.now() - t;

  t = performance.now();
  const bytes = db.export().byteLength;
  const exportMs = performance.now() - t;
  db.close();
  const counts = tables.map((tr) => `${tr.table.replace('blog_', '')}=${tr.rows.length}`).join(' ');
  return { generateMs, insertMs, exportMs, bytes, counts };
}

const median = (values: number[]): number => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const distDir = path.dirname(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm'));
  const SQL = await initSqlJs({ locateFile: (file: string) => path.join(distDir, file) });
  const args = process.argv.slice(2);
  const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 1);
  const named = args.filter((a) => !a.startsWith('--')) as BlogSize[];
  const sizes = named.length > 0 ? named : (Object.keys(BLOG_SIZES) as BlogSize[]);
  for (const size of sizes) {
    if (!(size in BLOG_SIZES)) throw new Error(`unknown size ${size}`);
    const timings = Array.from({ length: runs }, () => measure(SQL, size));
    const ms = (key: 'generateMs' | 'insertMs' | 'exportMs') => median(timings.map((x) => x[key])).toFixed(0).padStart(5);
    console.log(
      `${size.padEnd(7)} generate ${ms('generateMs')} ms  insert ${ms('insertMs')} ms  ` +
        `export ${timings[0].bytes.toLocaleString('en-US').padStart(11)} B (${ms('exportMs').trim()} ms)  ${timings[0].counts}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
