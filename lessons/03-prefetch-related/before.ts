// The "latest posts" page: each post with its tags and the ratings readers gave it.
const posts = Post.objects.filter({ published: true }).order_by('-published_date').slice(0, 10);
for (const post of posts) {
  const tags = post.tags.all().map((tag) => tag.name);
  const ratings = post.comment_set.all().map((comment) => comment.rating);
  print(post.title, tags, ratings);
}
