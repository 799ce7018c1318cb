// The view: a post page, with the post's author and every comment with its author.
function postPage(postId) {
  const post = Post.objects.get({ id: postId });
  const lines = [`${post.title}, by ${post.author.username}`];
  for (const comment of post.comment_set.order_by('created_at', 'id')) {
    lines.push(`${comment.rating}★ from ${comment.author ? comment.author.username : 'anonymous'}`);
  }
  return lines;
}

// The test: it checks what the page shows. Nothing checks what the page costs,
// so when someone added the comment authors, the N+1 went through review.
const lines = postPage(17);
for (const line of lines) print(line);
