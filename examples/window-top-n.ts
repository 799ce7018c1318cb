// Window functions: the top 2 posts by views in each category, in one query.
// RowNumber() numbers the rows within each partition (category), best first. Filtering
// on a window annotation makes Django wrap the query: SELECT * FROM (...) WHERE rank <= 2.
// Expect 1 statement (a loop of one query per category would need 1 + 4).
const ranked = Post.objects
  .filter({ category__isnull: false, view_count__isnull: false })
  .annotate({
    rank: Window({
      expression: RowNumber(),
      partition_by: F('category'),
      order_by: F('view_count').desc(),
    }),
  })
  .filter({ rank__lte: 2 }) // filtering on the window: the query is wrapped
  .select_related('category')
  .order_by('category__name', 'rank');

for (const post of ranked) print(post.category.name, post.rank, post.title, post.view_count);
