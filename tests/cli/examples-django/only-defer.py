for post in Post.objects.only('title', 'slug')[:3]:
    print(post.title, post.slug)

for post in Post.objects.defer('content', 'full_text')[:3]:
    print(post.title, len(post.content))
