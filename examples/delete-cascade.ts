// Deleting with cascades: Django's Collector first SELECTs the author and what depends on
// it (its posts, on_delete=CASCADE; only their ids, as no signal receivers need the rows).
// Then, in one transaction: delete the posts' tag links and comments, set Comment.author
// to NULL where mallory commented on others' posts (on_delete=SET_NULL), delete the
// posts, then the author. delete() returns the total and the rows per model.
// Expect 11 statements: COUNT, 2 collecting SELECTs, BEGIN, 5 writes, COMMIT, COUNT.
const before = Comment.objects.count();
const [total, perModel] = Author.objects.filter({ username: 'mallory' }).delete();
print('deleted', total, 'rows:', perModel);
print('comments left:', Comment.objects.count(), 'of', before);
