// Writing many rows. save() in a loop is one UPDATE per object (and it writes every column).
// QuerySet.update() is a single UPDATE for every matching row; it returns the row count
// and sends no signals. bulk_update() writes different values per object: one UPDATE
// with a CASE WHEN per batch, inside a transaction.
// Expect 5 statements: the UPDATE, the SELECT of 3 posts, BEGIN, the CASE WHEN UPDATE, COMMIT.
const drafts = Post.objects.filter({ published: false });
print('published', drafts.update({ published: true }), 'drafts in one UPDATE');

// Different values per row: change the objects, then write them back together.
const posts = list(Post.objects.filter({ author__username: 'carol' }).order_by('pk').slice(0, 3));
for (const [i, post] of posts.entries()) post.view_count = (i + 1) * 1000;
print('rows updated:', Post.objects.bulk_update(posts, ['view_count'], { batch_size: 100 }));
print(posts.map((p) => `${p.pk}=${p.view_count}`).join(' '));
