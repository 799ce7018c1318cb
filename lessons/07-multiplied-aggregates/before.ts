// The "most read authors" report: total views of each author's posts, and how
// many comments those posts received. One query... but are the numbers right?
const authors = Author.objects
  .annotate({
    total_views: Sum('post__view_count'),
    comment_count: Count('post__comment'),
  })
  .order_by('-total_views', 'username')
  .slice(0, 10);
for (const author of authors) print(author.username, author.total_views, author.comment_count);
