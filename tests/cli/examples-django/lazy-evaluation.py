popular = Post.objects.filter(published=True).order_by('-view_count')
top = popular[:5]
print('no query yet:', len(connection.queries))

for post in top:
    print(post.title, post.view_count)
print('after the loop:', len(connection.queries))

print(len(top), 'posts')
print('after len():', len(connection.queries))
