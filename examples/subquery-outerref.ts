// Subquery + OuterRef: a value from another table per row, computed inside the one query
// (a correlated subquery), instead of one extra query per post.
// Here: each post's latest comment and its rating. Expect 1 statement.
const latest = Comment.objects
  .filter({ post: OuterRef('pk') }) // OuterRef: the pk of the post in the outer query
  .order_by('-created_at');

const posts = Post.objects
  .filter({ author__username: 'alice' })
  .annotate({
    last_comment: Subquery(latest.values('body').slice(0, 1)), // one column, one row
    last_rating: Subquery(latest.values('rating').slice(0, 1)),
  })
  .order_by('pk');

for (const post of posts) print(post.title, '|', post.last_comment, '|', post.last_rating);
