// The front page: the 20 latest published posts, with author and category.
const posts = Post.objects.filter({ published: true }).order_by('-published_date').slice(0, 20);
for (const post of posts) {
  const category = post.category ? post.category.name : 'Uncategorized';
  print(post.title, '|', post.author.username, '|', category);
}
