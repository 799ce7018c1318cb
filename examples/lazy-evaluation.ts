// QuerySets are lazy: building and chaining them runs nothing. The query runs
// when the results are needed (iteration, len, list, bool), and its result
// cache means evaluating the same QuerySet again runs nothing. Expect 1 statement.
const popular = Post.objects.filter({ published: true }).order_by('-view_count');
const top = popular.slice(0, 5); // still no query
print('no query yet:', connection.queries.length);

for (const post of top) print(post.title, post.view_count); // 1 query
print('after the loop:', connection.queries.length);

print(len(top), 'posts'); // cached: no new query
print('after len():', connection.queries.length);
