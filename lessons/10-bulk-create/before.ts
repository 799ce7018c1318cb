// Moving the old blog over: 1,000 archived posts, all by alice.
const alice = Author.objects.get({ username: 'alice' });
const archived = new Date('2024-06-01T00:00:00Z');
const posts = [];
for (const i of range(1000)) {
  posts.push(Post.objects.create({
    title: `Archived post ${i}`,
    slug: `archived-post-${i}`,
    content: `Post ${i} from the old blog.`,
    author: alice,
    created_at: archived,
  }));
}
print('first and last id:', posts[0].pk, posts[posts.length - 1].pk);
print(Post.objects.filter({ title__startswith: 'Archived post' }).count(), 'archived posts');
