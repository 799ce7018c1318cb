latest = Comment.objects.filter(post=OuterRef('pk')).order_by('-created_at')

posts = (Post.objects
         .filter(author__username='alice')
         .annotate(
             last_comment=Subquery(latest.values('body')[:1]),
             last_rating=Subquery(latest.values('rating')[:1]),
         )
         .order_by('pk'))

for post in posts:
    print(post.title, '|', post.last_comment, '|', post.last_rating)
