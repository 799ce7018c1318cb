// The N+1 fix for a foreign key: select_related('author') joins blog_author into
// the posts query (INNER JOIN), so reading post.author runs no query. Expect 1 statement.
for (const post of Post.objects.select_related('author')) {
  print(post.title, 'by', post.author.username);
}
