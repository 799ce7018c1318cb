// Counting related rows per object: annotate(Count(...)) does it in the database
// with one GROUP BY query, instead of one post_set.count() query per author.
const authors = Author.objects
  .annotate({ post_count: Count('post') })
  .order_by('-post_count')
  .slice(0, 5);

for (const author of authors) print(author.username, author.post_count);
