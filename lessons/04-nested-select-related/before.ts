// The moderation queue: the 15 newest 1-star comments, with the post they are on, the
// post's author and category, and who wrote the comment.
// select_related() with no arguments: "follow every foreign key"... does it?
const comments = Comment.objects.filter({ rating: 1 }).select_related().order_by('-created_at').slice(0, 15);
for (const comment of comments) {
  const post = comment.post;
  const category = post.category ? post.category.name : '-';
  const by = comment.author ? comment.author.username : 'anonymous';
  print(post.title, '|', post.author.username, '|', category, '|', by);
}
