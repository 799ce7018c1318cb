for post in Post.objects.select_related('author'):
    print(post.title, 'by', post.author.username)
