// The editors' report for the Travel category: which published posts have a
// 5-star comment (to feature on the front page), and which have no comment yet.
const posts = Post.objects.filter({ published: true, category__slug: 'travel' }).order_by('-published_date');
const featured = [];
const silent = [];
for (const post of posts) {
  if (post.comment_set.filter({ rating: 5 }).count() > 0) featured.push(post.title);
  if (post.comment_set.count() === 0) silent.push(post.title);
}
print(len(featured), 'posts to feature:', featured.slice(0, 3).join('; '));
print(len(silent), 'posts without a comment:', silent.slice(0, 3).join('; '));
