// N+1 queries: one query for the posts, then one more for each post's author,
// because `post.author` is loaded lazily the first time it is read.
// Expect 1 + N statements (N = number of posts).
for (const post of Post.objects.all()) {
  print(post.title, 'by', post.author.username);
}
