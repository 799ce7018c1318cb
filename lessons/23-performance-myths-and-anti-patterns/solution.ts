// The author dashboard, with the real problems fixed and the myths dropped.
const NOW = new Date('2026-01-01T09:00:00Z');

function dashboard(authorId) { // GET /authors/<id>/dashboard
  const author = Author.objects.get({ id: authorId });
  const posts = Post.objects
    .filter({ author, published: true })
    .select_related('category') // post.category is read for every row
    .annotate({ n_comments: Count('comment') }) // instead of a count() per post
    .order_by('-published_date', 'id');
  if (bool(posts)) { // evaluates the QuerySet once; len() and the loop reuse its rows
    print(author.username, 'has', len(posts), 'published posts');
    for (const post of posts) {
      const category = post.category ? post.category.name : '-';
      const day = post.published_date.toISOString().slice(0, 10);
      print('-', day, post.title, '|', category, '|', post.n_comments, 'comments |', post.view_count, 'views');
    }
  }
  print(Post.objects.filter({ author, published: false }).count(), 'drafts'); // only the number is used
}

function publishAllDrafts(authorId) { // POST /authors/<id>/publish-all
  Post.objects.filter({ author_id: authorId, published: false }).update({ published: true, published_date: NOW });
}

dashboard(3);
publishAllDrafts(3);
dashboard(3);
