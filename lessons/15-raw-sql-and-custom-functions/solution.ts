// "Most discussed" box: the 10 published posts with the most comments, and √views,
// a damped popularity figure. The ORM can say it all, with a small Func for SQRT.
class Sqrt extends Func {
  static function = 'SQRT';
}

const posts = Post.objects
  .filter({ published: true, view_count__isnull: false })
  .annotate({
    n_comments: Count('comment'),
    root_views: new Sqrt('view_count', { output_field: FloatField() }),
  })
  .select_related('author')
  .only('title', 'author__username') // GROUP BY lists every selected column: keep it short
  .order_by('-n_comments', 'id')
  .slice(0, 10);
for (const post of posts) {
  print(`${post.title} by ${post.author.username}: ${post.n_comments} comments, √views ${post.root_views.toFixed(2)}`);
}
