# Q objects, in Django's Python: | (OR), & (AND) and ~ (NOT) combine conditions that
# keyword arguments cannot. Across a many-to-many relation a filter JOINs, so a post with
# both tags comes back twice; distinct() removes the duplicates (SELECT DISTINCT).
# Expect 3 statements: two COUNTs and the list.
from django.db.models import Q

python_or_django = Q(tags__name='python') | Q(tags__name='django')
not_banned = ~Q(author__username='banned_user')

joined = Post.objects.filter(python_or_django & not_banned)
print('rows from the join:', joined.count())
print('distinct posts:', joined.distinct().count())

titles = joined.distinct().order_by('pk').values_list('pk', 'title')[:5]
for pk, title in titles:
    print(pk, title)
