popularity = Case(
    When(view_count__gte=1000, then=Value('High')),
    When(view_count__gte=100, then=Value('Medium')),
    default=Value('Low'),
)
buckets = (Post.objects
           .annotate(popularity=popularity)
           .values('popularity')
           .annotate(posts=Count('id'))
           .order_by('popularity'))
for row in buckets:
    print(row['popularity'], row['posts'])

totals = Post.objects.aggregate(
    views=Sum('view_count'),
    never_viewed=Count('id', filter=Q(view_count__isnull=True)),
    avg_with_zeros=Avg(Coalesce('view_count', Value(0))),
)
print('total views', totals['views'], '- posts with NULL views', totals['never_viewed'])
print('average counting NULL as 0:', round(totals['avg_with_zeros']))
