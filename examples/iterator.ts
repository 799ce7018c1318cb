// Streaming with iterator(): a plain `for (const c of comments)` fills the QuerySet's result
// cache, so every Comment instance (300 in the reference data) stays alive as long as
// `comments` does. iterator({ chunk_size: 100 }) reads the rows in chunks of 100 and builds
// one instance at a time: the run record's totals.peak_instances (npm run play -- --json)
// is 1 here, and 300 if you loop over `comments` itself. The price: nothing is cached, so a second loop runs
// the query again (a plain second loop would reuse the cache).
// Expect 2 statements: one SELECT per loop.
const comments = Comment.objects.order_by('pk');

let n = 0;
let stars = 0;
for (const comment of comments.iterator({ chunk_size: 100 })) {
  n += 1;
  stars += comment.rating;
}
print(n, 'comments,', stars, 'stars - queries so far:', connection.queries.length);

let longest = 0;
for (const comment of comments.iterator({ chunk_size: 100 })) longest = Math.max(longest, comment.body.length);
print('longest body:', longest, '- queries so far:', connection.queries.length);
