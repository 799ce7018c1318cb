for post in Post.objects.all():
    print(post.title, 'by', post.author.username)
