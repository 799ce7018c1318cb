// The "best of" sidebar: the 3 most-read published posts of every category.
for (const category of Category.objects.order_by('name')) {
  const top = Post.objects.filter({ category, published: true }).order_by('-view_count', 'id').slice(0, 3);
  for (const post of top) print(category.name, '|', post.view_count, '|', post.title);
}
