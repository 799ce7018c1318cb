// "Active discussions": the 10 latest published posts, when each was last
// commented on, and which reader comments on it most.
const comments = Comment.objects.filter({ post: OuterRef('pk') });
const posts = Post.objects
  .filter({ published: true })
  .annotate({
    last_comment_at: Subquery(comments.order_by('-created_at').values('created_at').slice(0, 1)),
    top_reader: Subquery(
      comments
        .filter({ author__isnull: false })
        .values('author__username')
        .annotate({ n: Count('id') })
        .order_by('-n', 'author__username')
        .values('author__username')
        .slice(0, 1),
    ),
  })
  .order_by('-published_date')
  .slice(0, 10);
for (const post of posts) {
  print(post.title, '|', post.last_comment_at ?? 'no comments', '|', post.top_reader ?? '-');
}
