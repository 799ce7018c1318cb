// The archive page: the 20 latest published posts, with author and a one-line excerpt.
// Load exactly the columns the loop reads: content yes, full_text no.
const posts = Post.objects
  .filter({ published: true })
  .select_related('author')
  .only('title', 'content', 'author__username')
  .order_by('-published_date')
  .slice(0, 20);
for (const post of posts) {
  print(post.title, '|', post.author.username, '|', post.content.slice(0, 60));
}
