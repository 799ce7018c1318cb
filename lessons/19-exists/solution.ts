// The editors' report for the Travel category: which published posts have a
// 5-star comment (to feature on the front page), and which have no comment yet.
const posts = Post.objects.filter({ published: true, category__slug: 'travel' }).order_by('-published_date');
const comments = Comment.objects.filter({ post: OuterRef('pk') });
const featured = list(posts.filter(Exists(comments.filter({ rating: 5 }))).values_list('title', { flat: true }));
const silent = list(posts.filter(Exists(comments).not()).values_list('title', { flat: true }));
print(len(featured), 'posts to feature:', featured.slice(0, 3).join('; '));
print(len(silent), 'posts without a comment:', silent.slice(0, 3).join('; '));
