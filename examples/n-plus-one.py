# The N+1 problem, in Django's own Python (run on the same engine): one query for the
# posts, then one more for each post's author. Expect 1 + N statements (N = posts).
posts = Post.objects.all()
for post in posts:
    print(post.title, '-', post.author.username)
