for post in Post.objects.prefetch_related('tags')[:10]:
    print(post.title, [tag.name for tag in post.tags.all()])
