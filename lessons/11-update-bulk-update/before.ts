// Stand-in for the analytics API: the corrected view count of a post.
const analytics = (id) => (id * 7919) % 5000;

// 1. Publish every Food draft.
let published = 0;
for (const post of Post.objects.filter({ category__slug: 'food', published: false })) {
  post.published = true;
  post.published_date = now();
  post.save();
  published += 1;
}
print(published, 'Food drafts published');

// 2. Store the corrected view counts of the 200 newest posts.
const latest = list(Post.objects.order_by('-created_at').slice(0, 200));
let updated = 0;
for (const post of latest) {
  post.view_count = analytics(post.pk);
  post.save();
  updated += 1;
}
print(updated, 'view counts corrected');
