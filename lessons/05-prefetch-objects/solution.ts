// The "top writers" sidebar: the 10 most followed authors, how many posts each
// has published, and their 3 latest published titles.
const authors = Author.objects
  .prefetch_related(
    Prefetch('post_set', {
      queryset: Post.objects.filter({ published: true }).order_by('-published_date'),
      to_attr: 'published_posts',
    }),
  )
  .order_by('-follower_count', 'username')
  .slice(0, 10);
for (const author of authors) {
  const published = author.published_posts; // a list, filled by the prefetch
  print(author.username, len(published), published.slice(0, 3).map((post) => post.title));
}
