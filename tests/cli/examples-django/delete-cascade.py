before = Comment.objects.count()
total, per_model = Author.objects.filter(username='mallory').delete()
print('deleted', total, 'rows:', per_model)
print('comments left:', Comment.objects.count(), 'of', before)
