import type { CustomCheck } from '../../lib/lessons/custom-check';

export const title = 'Prints the true totals';

// The truth, computed one relation at a time: each author's views summed over their
// posts only, and their comments counted over comments only. Top 10 by views.
const TRUTH = `
  SELECT a.username AS username,
         (SELECT SUM(p.view_count) FROM blog_post p WHERE p.author_id = a.id) AS views,
         (SELECT COUNT(*) FROM blog_comment c INNER JOIN blog_post p ON c.post_id = p.id
           WHERE p.author_id = a.id) AS comments
  FROM blog_author a
  ORDER BY views DESC, a.username ASC
  LIMIT 10`;

const check: CustomCheck = ({ db, record }) => {
  const expected = db.all(TRUTH).map((r) => `${r.username} ${r.views ?? 'None'} ${r.comments}`);
  const got = record.output;
  for (let i = 0; i < expected.length; i++) {
    if (got[i] !== expected[i]) {
      return {
        passed: false,
        message: `line ${i + 1}: printed '${got[i] ?? '(nothing)'}', the true numbers are '${expected[i]}' (username, total views, comments)`,
      };
    }
  }
  if (got.length !== expected.length) return { passed: false, message: `printed ${got.length} lines, expected ${expected.length}` };
  return { passed: true, message: `the ${expected.length} authors with the most views, with their true totals` };
};
export default check;
