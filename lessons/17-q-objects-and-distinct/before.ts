// The Python newsletter: the first 10 posts (by title) tagged python or django that got
// a 5-star comment in December 2025. Drafts (published = false) stay out; posts
// whose status was never set (published = null) stay in.
const december = new Date('2025-12-01T00:00:00Z');
const picked = [];
for (const post of Post.objects.order_by('title', 'id')) {
  if (post.published === false) continue;
  const tags = post.tags.all().map((tag) => tag.name);
  if (!tags.includes('python') && !tags.includes('django')) continue;
  const praised = list(post.comment_set.all()).some((c) => c.rating === 5 && c.created_at >= december);
  if (praised) picked.push(post);
  if (picked.length === 10) break;
}
for (const post of picked) print(post.title, '|', post.published);
