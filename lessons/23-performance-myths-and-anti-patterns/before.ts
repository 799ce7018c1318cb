// The author dashboard, written by following every performance tip its author had heard.
const NOW = new Date('2026-01-01T09:00:00Z');

function dashboard(authorId) { // GET /authors/<id>/dashboard
  const author = Author.objects.get({ id: authorId });
  // "Only load the columns you need."
  const posts = Post.objects.filter({ author, published: true }).only('title', 'category').order_by('-published_date', 'id');
  // "Check exists() before looping", "use count(), never len()".
  if (posts.exists()) {
    print(author.username, 'has', posts.count(), 'published posts');
    for (const post of posts) {
      const category = post.category ? post.category.name : '-';
      const day = post.published_date.toISOString().slice(0, 10);
      print('-', day, post.title, '|', category, '|', post.comment_set.count(), 'comments |', post.view_count, 'views');
    }
  }
  print(len(Post.objects.filter({ author, published: false })), 'drafts');
}

function publishAllDrafts(authorId) { // POST /authors/<id>/publish-all
  for (const post of Post.objects.filter({ author_id: authorId, published: false })) {
    post.published = true;
    post.published_date = NOW;
    post.save();
  }
}

dashboard(3);
publishAllDrafts(3);
dashboard(3);
