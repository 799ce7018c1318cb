// The editors' dashboard: how many posts of each category are Low (under 100
// views), Medium (under 1,000) or High. A post with no view count has 0 views.
const stats = Post.objects
  .annotate({
    views: Coalesce('view_count', Value(0)),
    popularity: Case(
      When({ views__lt: 100, then: Value('Low') }),
      When({ views__lt: 1000, then: Value('Medium') }),
      { default: Value('High') },
    ),
    category_name: Coalesce('category__name', Value('Uncategorized')),
  })
  .values('category_name', 'popularity') // GROUP BY these two...
  .annotate({ n: Count('pk') }) // ...and count each group
  .order_by('category_name', 'popularity');
for (const row of stats) print(row.category_name, row.popularity, row.n);
