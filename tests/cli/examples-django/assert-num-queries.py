from django.test import TestCase
from django.test.utils import CaptureQueriesContext

test = TestCase()
recent = lambda: Post.objects.order_by('-created_at')[:3]

with test.assertNumQueries(1):
    for post in recent().select_related('author'):
        post.author.username
print('select_related: 1 query, as asserted')

try:
    with test.assertNumQueries(1):
        for post in recent():
            post.author.username
except AssertionError as error:
    print(str(error).split('\n')[0])

with CaptureQueriesContext(connection) as queries:
    print(Tag.objects.filter(name__startswith='d').count(), 'tags')
print(len(queries), 'query:', queries[0]['sql'])
