// The post page's sidebar: "248 comments, 97 five-star". It is an aggregate over
// blog_comment, computed again on every page view of the three busiest posts.
const hot = list(Comment.objects.values('post_id').annotate({ n: Count('id') }).order_by('-n', 'post_id').values_list('post_id', { flat: true }).slice(0, 3));

function sidebar(postId) {
  const stats = Comment.objects.filter({ post_id: postId }).aggregate({ n: Count('id'), five: Count('id', { filter: Q({ rating: 5 }) }) });
  return `${stats.n} comments, ${stats.five} five-star`;
}
const show = (moment) => print(moment, '|', hot.map(sidebar).join(' | '));

for (let view = 0; view < 10; view++) hot.forEach(sidebar); // traffic: 30 page views
show('start');

// A reader comments on the first post (the comment form calls create()).
Comment.objects.create({ post_id: hot[0], body: 'This fixed our N+1, thanks!', rating: 5, created_at: now() });
show('new comment');

// A moderator removes the second post's 1-star comments.
Comment.objects.filter({ post_id: hot[1], rating: 1 }).delete();
show('moderated');

// The nightly import from the old forum, in bulk.
Comment.objects.bulk_create(range(5).map((i) => new Comment({ post_id: hot[2], body: `Imported comment ${i}`, rating: 5, created_at: now() })));
show('imported');

// A data fix: the old widget saved 5 stars as 4.
Comment.objects.filter({ post_id: hot[0], rating: 4 }).update({ rating: 5 });
show('fixed');
