// Many-to-many: select_related cannot follow post.tags; prefetch_related('tags')
// loads every post's tags in one extra query (WHERE ... IN (...)).
// Expect 2 statements instead of 1 + N.
for (const post of Post.objects.prefetch_related('tags').slice(0, 10)) {
  print(post.title, post.tags.all().map((tag) => tag.name));
}
