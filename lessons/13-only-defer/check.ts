import type { CustomCheck } from '../../lib/lessons/custom-check';

export const title = 'Leaves full_text in the database';

// The page never shows full_text (1,500 to 4,000 characters a post): no query should read it.
const check: CustomCheck = ({ record }) => {
  const reading = record.groups.filter((g) => g.kind === 'read' && g.sql.includes('"blog_post"."full_text"'));
  if (reading.length) {
    const lines = [...new Set(reading.flatMap((g) => Object.keys(g.lines)))].join(', ');
    return { passed: false, message: `full_text is loaded (line ${lines}) though the page never shows it: defer it, or list what you use with only()` };
  }
  return { passed: true, message: 'no query reads blog_post.full_text' };
};
export default check;
