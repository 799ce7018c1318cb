// The post page's sidebar: "248 comments, 97 five-star". It is an aggregate over
// blog_comment, now cached per post and dropped from the cache whenever a comment changes.
const hot = list(Comment.objects.values('post_id').annotate({ n: Count('id') }).order_by('-n', 'post_id').values_list('post_id', { flat: true }).slice(0, 3));

const sidebarKey = (postId) => `sidebar:${postId}`;
function sidebar(postId) {
  let text = cache.get(sidebarKey(postId));
  if (text === null) {
    const stats = Comment.objects.filter({ post_id: postId }).aggregate({ n: Count('id'), five: Count('id', { filter: Q({ rating: 5 }) }) });
    text = `${stats.n} comments, ${stats.five} five-star`;
    cache.set(sidebarKey(postId), text, { timeout: 3600 });
  }
  return text;
}
const show = (moment) => print(moment, '|', hot.map(sidebar).join(' | '));

// save() and delete() send signals: drop the cached sidebar of the comment's post.
// instance.post_id is already on the comment; instance.post.pk would query the post.
const forget = ({ instance }) => cache.delete(sidebarKey(instance.post_id));
post_save.connect(forget, { sender: Comment });
post_delete.connect(forget, { sender: Comment });

for (let view = 0; view < 10; view++) hot.forEach(sidebar); // traffic: 30 page views
show('start');

// A reader comments on the first post (the comment form calls create()).
Comment.objects.create({ post_id: hot[0], body: 'This fixed our N+1, thanks!', rating: 5, created_at: now() });
show('new comment');

// A moderator removes the second post's 1-star comments.
Comment.objects.filter({ post_id: hot[1], rating: 1 }).delete();
show('moderated');

// The nightly import from the old forum, in bulk: bulk_create() sends no signals.
Comment.objects.bulk_create(range(5).map((i) => new Comment({ post_id: hot[2], body: `Imported comment ${i}`, rating: 5, created_at: now() })));
cache.delete(sidebarKey(hot[2]));
show('imported');

// A data fix: the old widget saved 5 stars as 4. update() sends no signals either.
Comment.objects.filter({ post_id: hot[0], rating: 4 }).update({ rating: 5 });
cache.delete(sidebarKey(hot[0]));
show('fixed');
