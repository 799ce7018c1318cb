// Exists(): "does a related row match?" as a correlated EXISTS(... LIMIT 1) inside the
// query. A filter across the relation joins instead, giving a post once per matching
// comment; Exists never duplicates rows, so no distinct() is needed.
// Expect 4 statements: three COUNTs and the annotated SELECT.
const bad = Comment.objects.filter({ post: OuterRef('pk'), rating: 1 });

print('with a 1-star comment:', Post.objects.filter(Exists(bad)).count());
print('without one (~Exists):', Post.objects.filter(Exists(bad).not()).count());
print('join instead, duplicates:', Post.objects.filter({ comment__rating: 1 }).count());

// As an annotation: a boolean per row.
const posts = Post.objects
  .annotate({ has_bad_comment: Exists(bad) })
  .filter({ author__username: 'bob' })
  .order_by('pk');
for (const post of posts) print(post.title, post.has_bad_comment);
