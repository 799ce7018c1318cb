// The view: a post page, with the post's author and every comment with its author.
function postPage(postId) {
  const post = Post.objects.select_related('author').get({ id: postId });
  const lines = [`${post.title}, by ${post.author.username}`];
  for (const comment of post.comment_set.select_related('author').order_by('created_at', 'id')) {
    lines.push(`${comment.rating}★ from ${comment.author ? comment.author.username : 'anonymous'}`);
  }
  return lines;
}

// The test: it also pins what the page costs. The next N+1 fails it, with the queries listed.
let lines = [];
assertNumQueries(2, () => {
  lines = postPage(17);
});
for (const line of lines) print(line);
