from django.db.models.signals import post_save

KEY = 'top-posts'

def top_posts():
    titles = cache.get(KEY)
    if titles is None:
        titles = list(Post.objects.order_by('-view_count').values_list('title', flat=True)[:3])
        cache.set(KEY, titles, timeout=3600)
    return titles

def invalidate(sender, **kwargs):
    cache.delete(KEY)

post_save.connect(invalidate, sender=Post)

print('first:', top_posts())
print('again:', top_posts())
post = Post.objects.get(pk=2)
post.view_count = 100000
post.save()
print('after save():', top_posts())
Post.objects.filter(pk=4).update(view_count=200000)
print('after update():', top_posts(), '(stale: post 4 is missing)')
