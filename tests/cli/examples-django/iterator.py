comments = Comment.objects.order_by('pk')

n = 0
stars = 0
for comment in comments.iterator(chunk_size=100):
    n += 1
    stars += comment.rating
print(n, 'comments,', stars, 'stars - queries so far:', len(connection.queries))

longest = 0
for comment in comments.iterator(chunk_size=100):
    longest = max(longest, len(comment.body))
print('longest body:', longest, '- queries so far:', len(connection.queries))
