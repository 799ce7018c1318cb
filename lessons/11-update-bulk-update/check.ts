import type { CustomCheck } from '../../lib/lessons/custom-check';

export const title = 'The drafts are published and the view counts stored';

const check: CustomCheck = ({ db }) => {
  const drafts = db.value(
    `SELECT COUNT(*) FROM blog_post p INNER JOIN blog_category c ON p.category_id = c.id
     WHERE c.slug = %s AND (p.published = 0 OR (p.published = 1 AND p.published_date IS NULL))`,
    ['food'],
  );
  if (drafts !== 0) return { passed: false, message: `${drafts} Food posts are still drafts (or published without a date)` };
  const wrong = db.value(
    `SELECT COUNT(*) FROM (SELECT id, view_count FROM blog_post ORDER BY created_at DESC LIMIT 200)
     WHERE view_count IS NOT (id * 7919) % 5000`,
  );
  if (wrong !== 0) return { passed: false, message: `${wrong} of the 200 newest posts don't have the analytics view count` };
  const others = db.value(`SELECT COUNT(*) FROM blog_post WHERE published = 1 AND published_date IS NULL`);
  if (others !== 0) return { passed: false, message: `${others} published posts have no published_date` };
  return { passed: true, message: 'no Food draft left, and the 200 newest posts have their analytics view counts' };
};
export default check;
