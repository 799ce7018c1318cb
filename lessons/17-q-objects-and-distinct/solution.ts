// The Python newsletter: the first 10 posts (by title) tagged python or django that got
// a 5-star comment in December 2025. Drafts (published = false) stay out; posts
// whose status was never set (published = null) stay in.
const december = new Date('2025-12-01T00:00:00Z');
const picked = Post.objects
  .filter(
    Q({ tags__name: 'python' }).or(Q({ tags__name: 'django' })),
    { comment__rating: 5, comment__created_at__gte: december }, // one filter(): the same comment
  )
  .exclude({ published: false }) // keeps published = null, unlike filter({ published: true })
  .distinct() // the joins repeat a post per matching tag and comment
  .order_by('title', 'id')
  .slice(0, 10);
for (const post of picked) print(post.title, '|', post.published);
