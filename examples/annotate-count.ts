// Counting related rows per object: annotate(Count(...)) does it in the database
// with one GROUP BY query, instead of one post_set.count() query per author.
// Expect 1 statement.
const authors = Author.objects
  .annotate({ post_count: Count('post') })
  .order_by('-post_count', 'username') // username: a stable order among ties
  .slice(0, 5);

for (const author of authors) print(author.username, author.post_count);
