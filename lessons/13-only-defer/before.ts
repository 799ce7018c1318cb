// The archive page: the 20 latest published posts, with author and a one-line excerpt.
// Someone deferred the two long text fields to make the list lighter.
const posts = Post.objects
  .filter({ published: true })
  .select_related('author')
  .defer('content', 'full_text')
  .order_by('-published_date')
  .slice(0, 20);
for (const post of posts) {
  print(post.title, '|', post.author.username, '|', post.content.slice(0, 60));
}
