authors = Author.objects.annotate(post_count=Count('post')).order_by('-post_count', 'username')[:5]

for author in authors:
    print(author.username, author.post_count)
