// A few requests of a busy morning. One database serves them all; the new
// `replica` alias (a read-only copy of `default`) should take the reads.
const frontPage = () => {
  const titles = Post.objects.filter({ published: true }).order_by('-published_date').values_list('title', { flat: true }).slice(0, 2);
  print('GET / |', list(titles).join(' | '));
};
const postPage = (postId) => {
  print(`GET /posts/${postId} |`, Comment.objects.filter({ post_id: postId }).count(), 'comments');
};
const addComment = (postId, body) => {
  // The reader submits the form; the response shows the new count.
  Comment.objects.create({ post_id: postId, body, rating: 5, created_at: now() });
  print(`POST /posts/${postId}/comments |`, Comment.objects.filter({ post_id: postId }).count(), 'comments');
};

frontPage();
postPage(1);
postPage(2);
frontPage();
addComment(1, 'Thanks, this saved my afternoon.');
frontPage();
postPage(2);
addComment(2, 'Same problem here, same fix.');
frontPage();
