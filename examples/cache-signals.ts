// Caching a query's result, and invalidating it with a signal. cache.get() answers
// without a query until a receiver of post_save deletes the key. QuerySet.update() sends
// no signals (nor do bulk_create and bulk_update), so after one the cache is stale.
// Expect 5 statements: the first list, get(), save()'s UPDATE, the second list, update().
const KEY = 'top-posts';

function topPosts() {
  let titles = cache.get(KEY);
  if (titles === null) {
    titles = list(Post.objects.order_by('-view_count').values_list('title', { flat: true }).slice(0, 3));
    cache.set(KEY, titles, { timeout: 3600 });
  }
  return titles;
}

post_save.connect(() => cache.delete(KEY), { sender: Post });

print('first:', topPosts()); // a query, then cached
print('again:', topPosts()); // no query
const post = Post.objects.get({ pk: 2 });
post.view_count = 100000;
post.save(); // post_save: the key is deleted
print('after save():', topPosts()); // a query again: post 2 is first
Post.objects.filter({ pk: 4 }).update({ view_count: 200000 }); // no signal
print('after update():', topPosts(), '(stale: post 4 is missing)');
