// The "most read authors" report: total views of each author's posts, and how
// many comments those posts received.
// Each aggregate runs in its own subquery, so neither sees the other's rows.
const views = Post.objects
  .filter({ author: OuterRef('pk') })
  .values('author')
  .annotate({ total: Sum('view_count') })
  .values('total');
const comments = Comment.objects
  .filter({ post__author: OuterRef('pk') })
  .values('post__author')
  .annotate({ n: Count('pk') })
  .values('n');
const authors = Author.objects
  .annotate({
    total_views: Subquery(views),
    comment_count: Coalesce(Subquery(comments), 0), // no comment: no row, NULL, so 0
  })
  .order_by('-total_views', 'username')
  .slice(0, 10);
for (const author of authors) print(author.username, author.total_views, author.comment_count);
