tagged = Post.objects.filter(tags__name='python')

print('exists:', tagged.exists())
print('count:', tagged.count())
print('len:', len(tagged))
