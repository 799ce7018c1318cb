// The "best of" sidebar: the 3 most-read published posts of every category.
const ranked = Post.objects
  .filter({ published: true, category__isnull: false })
  .annotate({
    position: Window({
      expression: RowNumber(),
      partition_by: F('category'),
      order_by: [F('view_count').desc(), F('id').asc()],
    }),
  })
  .filter({ position__lte: 3 })
  .select_related('category')
  .only('title', 'view_count', 'category__name') // the inner query carries every published post: keep it narrow
  .order_by('category__name', 'position');
for (const post of ranked) print(post.category.name, '|', post.view_count, '|', post.title);
