// The "breakout posts" box: the 10 latest published posts read more often than
// their author has followers. Showing a post in the box counts as a view.
const breakout = Post.objects
  .filter({ published: true, view_count__gt: F('author__follower_count') }) // compared in SQL
  .order_by('-published_date')
  .slice(0, 10);
const ids = breakout.map((post) => post.pk);
Post.objects.filter({ pk__in: ids }).update({ view_count: F('view_count').add(1) }); // added in SQL
// update() doesn't touch instances in memory: read the new numbers back.
const shown = Post.objects.filter({ pk__in: ids }).select_related('author').order_by('-published_date');
for (const post of shown) print(post.title, post.view_count, '>', post.author.follower_count);
