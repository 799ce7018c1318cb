// The "breakout posts" box: the 10 latest published posts read more often than
// their author has followers. Showing a post in the box counts as a view.
const breakout = [];
for (const post of Post.objects.filter({ published: true }).select_related('author').order_by('-published_date')) {
  if (post.view_count !== null && post.view_count > post.author.follower_count) {
    breakout.push(post);
    if (breakout.length === 10) break;
  }
}
for (const post of breakout) {
  post.view_count += 1; // read, add one in memory, write back
  post.save();
}
for (const post of breakout) print(post.title, post.view_count, '>', post.author.follower_count);
