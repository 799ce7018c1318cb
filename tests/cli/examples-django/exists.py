bad = Comment.objects.filter(post=OuterRef('pk'), rating=1)

print('with a 1-star comment:', Post.objects.filter(Exists(bad)).count())
print('without one (~Exists):', Post.objects.filter(~Exists(bad)).count())
print('join instead, duplicates:', Post.objects.filter(comment__rating=1).count())

posts = (Post.objects
         .annotate(has_bad_comment=Exists(bad))
         .filter(author__username='bob')
         .order_by('pk'))
for post in posts:
    print(post.title, post.has_bad_comment)
