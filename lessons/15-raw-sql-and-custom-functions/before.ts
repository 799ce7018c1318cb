// "Most discussed" box: the 10 published posts with the most comments, and √views,
// a damped popularity figure. Written as raw SQL because of the square root.
const posts = Post.objects.raw(
  `SELECT p.id, p.title, COUNT(c.id) AS n_comments, SQRT(p.view_count) AS root_views
   FROM blog_post p LEFT OUTER JOIN blog_comment c ON (c.post_id = p.id)
   WHERE p.published = %s AND p.view_count IS NOT NULL
   GROUP BY p.id
   ORDER BY n_comments DESC, p.id ASC
   LIMIT 10`,
  [true],
);
for (const post of posts) {
  print(`${post.title} by ${post.author.username}: ${post.n_comments} comments, √views ${post.root_views.toFixed(2)}`);
}
