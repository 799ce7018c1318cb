// Pinning a query count in a test: assertNumQueries(n, fn) fails, listing the queries,
// when fn runs a different number; captureQueries(fn) returns them to inspect.
// The first assertion holds (select_related: 1 query); the second fails on the N+1 loop.
// Expect 6 statements: 1, then 1 + 3, then the COUNT (the run records them all).
const recent = () => Post.objects.order_by('-created_at').slice(0, 3);

assertNumQueries(1, () => {
  for (const post of recent().select_related('author')) post.author.username;
});
print('select_related: 1 query, as asserted');

try {
  assertNumQueries(1, () => {
    for (const post of recent()) post.author.username; // 1 + 3 queries
  });
} catch (error) {
  print(error.message.split('\n')[0]); // "4 != 1 : 4 queries executed, 1 expected"
}

const queries = captureQueries(() => print(Tag.objects.filter({ name__startswith: 'd' }).count(), 'tags'));
print(queries.length, 'query:', queries[0].sql);
