/**
 * A small run record (1 + 3 lazy loads, a values() table, an error) that the
 * sandbox renders once, hidden, while idle after loading: the inspector's code
 * is then compiled and warm before the first real results arrive.
 */
import type { RunRecord, StatementEntry } from '../runner/record';

const POSTS = 'SELECT "blog_post"."id", "blog_post"."title", "blog_post"."author_id" FROM "blog_post" ORDER BY "blog_post"."created_at" DESC LIMIT 3';
const AUTHOR = 'SELECT "blog_author"."id", "blog_author"."username" FROM "blog_author" WHERE "blog_author"."id" = %s LIMIT 21';

function entry(sql: string, params: number[], cause: string, line: number): StatementEntry {
  return { sql, params, display_sql: sql.replace('%s', String(params[0])), alias: 'default', duration_ms: 0.1, rows: 1, line, cause, kind: 'read' };
}

export const WARMUP_CODE = "const posts = Post.objects.order_by('-created_at').slice(0, 3);\nfor (const post of posts) print(post.author.username);";

export const WARMUP_RECORD: RunRecord = {
  file: null,
  output: ['A post — alice', "[{'title': 'A', 'n': 1}, {'title': 'B', 'n': None}]", 'carol × 2 … ▸ ▾ ✓ ✗'],
  error: { type: 'FieldError', message: "Cannot resolve keyword 'titel' into field.", line: 2, column: 1 },
  statements: [entry(POSTS, [], 'evaluate', 2), entry(AUTHOR, [1], 'lazy FK load Post.author', 2), entry(AUTHOR, [2], 'lazy FK load Post.author', 2), entry(AUTHOR, [1], 'lazy FK load Post.author', 2)],
  duration_ms: 1,
  totals: { statements: 4, reads: 4, writes: 0, transaction: 0, sql_ms: 0.4, rows: 4, instances: 6, peak_instances: 3 },
  groups: [
    { sql: POSTS, count: 1, duration_ms: 0.1, rows: 1, duplicates: 0, causes: { evaluate: 1 }, lines: { 2: 1 }, kind: 'read' },
    { sql: AUTHOR, count: 3, duration_ms: 0.3, rows: 3, duplicates: 1, causes: { 'lazy FK load Post.author': 3 }, lines: { 2: 3 }, kind: 'read' },
  ],
  lines: { 2: 4 },
  elided: { statements: 0, output_lines: 0, truncated_params: 0, note: null },
};
