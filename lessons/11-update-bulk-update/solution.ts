// Stand-in for the analytics API: the corrected view count of a post.
const analytics = (id) => (id * 7919) % 5000;

// 1. Publish every Food draft: the same values for every row, one UPDATE.
const published = Post.objects
  .filter({ category__slug: 'food', published: false })
  .update({ published: true, published_date: now() }); // returns the number of rows
print(published, 'Food drafts published');

// 2. Store the corrected view counts of the 200 newest posts: a value per row.
const latest = list(Post.objects.order_by('-created_at').slice(0, 200));
for (const post of latest) post.view_count = analytics(post.pk);
const updated = Post.objects.bulk_update(latest, ['view_count'], { batch_size: 100 });
print(updated, 'view counts corrected');
