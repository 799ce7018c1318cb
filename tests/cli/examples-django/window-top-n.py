ranked = (Post.objects
          .filter(category__isnull=False, view_count__isnull=False)
          .annotate(rank=Window(
              expression=RowNumber(),
              partition_by=F('category'),
              order_by=F('view_count').desc(),
          ))
          .filter(rank__lte=2)
          .select_related('category')
          .order_by('category__name', 'rank'))

for post in ranked:
    print(post.category.name, post.rank, post.title, post.view_count)
