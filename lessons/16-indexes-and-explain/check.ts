import type { CustomCheck } from '../../lib/lessons/custom-check';
import type { RunRecord } from '../../lib/runner/record';

export const title = 'The queue query searches an index and needs no sort';

// The moderation queue's query, exactly as the ORM writes it.
const QUEUE_SQL =
  'SELECT "blog_comment"."id", "blog_comment"."post_id", "blog_comment"."author_id", "blog_comment"."body", ' +
  '"blog_comment"."rating", "blog_comment"."created_at" FROM "blog_comment" WHERE "blog_comment"."rating" = %s ' +
  'ORDER BY "blog_comment"."created_at" DESC LIMIT 10';

// print(queue.explain()) lines ("5 0 62 SEARCH ...") are allowed in the output.
const PLAN_LINE = /^\d+ \d+ \d+ (SCAN|SEARCH|USE TEMP|CO-ROUTINE|MATERIALIZE|SCALAR|CORRELATED|LIST|MERGE|COMPOUND|MULTI-INDEX|INDEX|LEFT|RIGHT|BLOOM)/;
const rows = (r: RunRecord) => r.output.filter((line) => !PLAN_LINE.test(line));

function queueMs(r: RunRecord): string {
  const s = r.statements.find((st) => st.kind === 'read' && st.sql.startsWith('SELECT') && st.sql.includes('FROM "blog_comment" WHERE "blog_comment"."rating"'));
  return s ? `${s.duration_ms < 10 ? s.duration_ms.toFixed(2) : Math.round(s.duration_ms)} ms` : '?';
}

const check: CustomCheck = ({ db, record, before }) => {
  const got = rows(record);
  const expected = rows(before);
  const differs = got.length !== expected.length || got.some((line, i) => line !== expected[i]);
  if (differs) return { passed: false, message: 'the queue is not the same 10 comments as before.ts prints (explain() lines aside)' };
  const plan = db.all(`EXPLAIN QUERY PLAN ${QUEUE_SQL}`, [1]).map((row) => String(row.detail));
  const shown = plan.join('; ');
  if (!plan.some((step) => step.startsWith('SEARCH blog_comment'))) {
    if (plan.some((step) => step.startsWith('SCAN blog_comment USING'))) {
      return { passed: false, message: `SQLite walks the whole index and tests each comment's rating: ${shown}. Lead the index with the column the query compares with =` };
    }
    return { passed: false, message: `SQLite still reads the whole table: ${shown}` };
  }
  if (plan.some((step) => step.includes('TEMP B-TREE'))) {
    return { passed: false, message: `the index finds the 1-star comments, but SQLite still sorts them: ${shown}` };
  }
  return { passed: true, message: `${shown} (the query took ${queueMs(record)}, ${queueMs(before)} before)` };
};
export default check;
