// Conditional expressions: Case/When turns a column into labels inside the SELECT, and
// Coalesce replaces NULL (posts never viewed have view_count NULL here).
// Grouping by the Case with values().annotate() counts each label in the database.
// Expect 2 statements: the GROUP BY query and the aggregate.
const popularity = Case(
  When({ view_count__gte: 1000, then: Value('High') }),
  When({ view_count__gte: 100, then: Value('Medium') }),
  { default: Value('Low') },
);
const buckets = Post.objects
  .annotate({ popularity })
  .values('popularity') // GROUP BY the CASE expression
  .annotate({ posts: Count('id') })
  .order_by('popularity');
for (const row of buckets) print(row.popularity, row.posts);

// Sum skips NULLs, Avg would too; Coalesce makes a missing count an explicit 0.
const totals = Post.objects.aggregate({
  views: Sum('view_count'),
  never_viewed: Count('id', { filter: Q({ view_count__isnull: true }) }),
  avg_with_zeros: Avg(Coalesce('view_count', Value(0))),
});
print('total views', totals.views, '- posts with NULL views', totals.never_viewed);
print('average counting NULL as 0:', Math.round(totals.avg_with_zeros));
