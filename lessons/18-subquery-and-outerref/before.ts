// "Active discussions": the 10 latest published posts, when each was last
// commented on, and which reader comments on it most.
const posts = Post.objects.filter({ published: true }).order_by('-published_date').slice(0, 10);
for (const post of posts) {
  const latest = post.comment_set.order_by('-created_at').first();
  const top = Comment.objects
    .filter({ post, author__isnull: false })
    .values('author__username')
    .annotate({ n: Count('id') })
    .order_by('-n', 'author__username')
    .first();
  print(post.title, '|', latest ? latest.created_at : 'no comments', '|', top ? top.author__username : '-');
}
