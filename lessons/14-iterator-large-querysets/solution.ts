// Nightly export for the search service: one CSV line per post (id, slug, author, tags).
let rows = 0;
let chars = 0;
const posts = Post.objects.prefetch_related('tags').order_by('id');
for (const post of posts.iterator({ chunk_size: 2000 })) {
  const tags = post.tags.all().map((tag) => tag.name).sort();
  const line = [post.id, post.slug, post.author_id, tags.join('|')].join(',');
  if (rows < 3) print(line); // a sample of the file
  rows += 1;
  chars += line.length + 1;
}
print('exported', rows, 'posts,', chars, 'characters');
