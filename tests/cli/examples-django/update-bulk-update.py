drafts = Post.objects.filter(published=False)
print('published', drafts.update(published=True), 'drafts in one UPDATE')

posts = list(Post.objects.filter(author__username='carol').order_by('pk')[:3])
for i, post in enumerate(posts):
    post.view_count = (i + 1) * 1000
print('rows updated:', Post.objects.bulk_update(posts, ['view_count'], batch_size=100))
print(' '.join(f'{p.pk}={p.view_count}' for p in posts))
