// The moderation queue: the 15 newest 1-star comments, with the post they are on, the
// post's author and category, and who wrote the comment.
// Name every relation the loop reads, across two levels with __.
const comments = Comment.objects
  .filter({ rating: 1 })
  .select_related('author', 'post__author', 'post__category')
  .order_by('-created_at')
  .slice(0, 15);
for (const comment of comments) {
  const post = comment.post;
  const category = post.category ? post.category.name : '-';
  const by = comment.author ? comment.author.username : 'anonymous';
  print(post.title, '|', post.author.username, '|', category, '|', by);
}
