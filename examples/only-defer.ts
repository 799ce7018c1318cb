// Loading less: only() and defer() leave columns out of the SELECT, which matters
// for long text fields. Reading a deferred field later costs one query per object.
// Expect 5 statements: 2 SELECTs, then 1 per deferred `content` read (3 posts).
for (const post of Post.objects.only('title', 'slug').slice(0, 3)) {
  print(post.title, post.slug); // no extra query
}

for (const post of Post.objects.defer('content', 'full_text').slice(0, 3)) {
  print(post.title, post.content.length); // content was deferred: 1 query each
}
