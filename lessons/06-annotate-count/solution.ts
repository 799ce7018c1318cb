// The leaderboard: the 10 authors with the most published posts, and their total.
const authors = Author.objects
  .annotate({
    post_count: Count('post'),
    published_count: Count('post', { filter: Q({ post__published: true }) }),
  })
  .order_by('-published_count', 'username')
  .slice(0, 10);
for (const author of authors) print(author.username, author.post_count, author.published_count);
