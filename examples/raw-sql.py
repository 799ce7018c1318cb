# Raw SQL, in Django's Python. Model.objects.raw() maps a SELECT's columns onto model
# instances: extra columns become attributes, and model fields left out are deferred
# (reading one costs a query). connection.cursor() is plain DB-API: rows are tuples.
# Always pass values as params (%s), never formatted into the SQL string.
# Expect 4 statements: the raw SELECT, 1 deferred field load, the cursor's 2 statements.
from django.db import connection

sql = '''SELECT p.id, p.title, COUNT(c.id) AS n_comments
         FROM blog_post p LEFT JOIN blog_comment c ON c.post_id = p.id
         WHERE p.author_id = %s GROUP BY p.id ORDER BY n_comments DESC, p.id LIMIT 3'''
posts = list(Post.objects.raw(sql, [1]))
for post in posts:
    print(post.title, post.n_comments)  # n_comments: an extra column
print('slug, deferred:', posts[0].slug)  # not selected: one more query

with connection.cursor() as cursor:
    cursor.execute('UPDATE blog_post SET view_count = 0 WHERE view_count IS NULL')
    print('rows updated:', cursor.rowcount)
    cursor.execute('SELECT username, follower_count FROM blog_author WHERE follower_count > %s ORDER BY username', [1000])
    print(cursor.fetchall())
