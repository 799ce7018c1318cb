// The moderation queue: the 10 newest 1-star comments. It runs on every load of
// the admin dashboard, against 100,000 comments.
const queue = Comment.objects.filter({ rating: 1 }).order_by('-created_at').slice(0, 10);
// print(queue.explain()); // SQLite's plan for this query
for (const comment of queue) {
  print(comment.created_at.toISOString().slice(0, 16), `post ${comment.post_id}:`, comment.body.slice(0, 40));
}
