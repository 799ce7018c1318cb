# The N+1 problem, in Django's own Python: one query for the posts,
# then one more for each post's author (Python mode runs this on the same engine).
posts = Post.objects.all()
for post in posts:
    print(post.title, '-', post.author.username)
