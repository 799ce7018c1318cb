// The moderation queue: the 10 newest 1-star comments. It runs on every load of
// the admin dashboard, against 100,000 comments.

// What the migration for Meta.indexes = [Index(fields=['rating', '-created_at'], ...)] runs:
// the equality column first, then the column the query sorts by.
connection.schema_editor((editor) =>
  editor.add_index(Comment, Index({ fields: ['rating', '-created_at'], name: 'comment_rating_created_idx' })),
);

const queue = Comment.objects.filter({ rating: 1 }).order_by('-created_at').slice(0, 10);
// print(queue.explain()); // SEARCH blog_comment USING INDEX comment_rating_created_idx (rating=?)
for (const comment of queue) {
  print(comment.created_at.toISOString().slice(0, 16), `post ${comment.post_id}:`, comment.body.slice(0, 40));
}
