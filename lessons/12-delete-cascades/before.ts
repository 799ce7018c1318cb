// Moderation keeps a log of removed comments (think: a search index to update).
const removed_comments = [];
post_delete.connect(({ instance }) => { removed_comments.push(instance.pk); }, { sender: Comment });

// Clean-up job: delete the drafts nobody touched since July 2025,
// with their comments and tags.
const cutoff = new Date('2025-07-01T00:00:00Z');
let deleted = 0;
for (const post of Post.objects.filter({ published: false, created_at__lt: cutoff })) {
  post.delete();
  deleted += 1;
}
print(deleted, 'old drafts deleted,', len(removed_comments), 'comments removed');
print(Post.objects.count(), 'posts and', Comment.objects.count(), 'comments left');
