# F expressions, in Django's Python: F('field') stands for a column, so the database
# compares and computes instead of Python reading every row first.
# Expect 4 statements: the COUNT (with a JOIN), get(), the UPDATE, refresh_from_db().
from django.db.models import F

# Compare two columns across a relation: posts read by more people than their author
# has followers. F('author__follower_count') joins blog_author into the one query.
viral = Post.objects.filter(view_count__gt=F('author__follower_count'))
print('posts with more views than followers:', viral.count())

# Increment in the database: UPDATE ... SET view_count = view_count + 1.
# No read-modify-write race: two requests doing this at once both count.
post = Post.objects.get(pk=1)
Post.objects.filter(pk=post.pk).update(view_count=F('view_count') + 1)
print('in memory:', post.view_count)  # the instance still holds the old value
post.refresh_from_db()
print('after refresh_from_db():', post.view_count)
