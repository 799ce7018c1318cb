one_star = Comment.objects.filter(rating=1)

def plan():
    return [line.split(' ', 3)[3] for line in one_star.explain().splitlines()]

print('before:', plan())

with connection.schema_editor() as editor:
    editor.add_index(Comment, Index(fields=['rating'], name='comment_rating_idx'))

print('after: ', plan())
