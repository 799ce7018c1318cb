// Database functions compute in the SELECT: text (Upper, Length, Concat), math (Round)
// and dates (ExtractYear). Any other SQL function is a Func subclass away (Django has a
// Sqrt; this one shows how to write your own). In TypeScript a Func subclass is
// constructed with `new`; the built-in functions are called.
// Expect 2 statements, one per queryset.
class Sqrt extends Func {
  static function = 'SQRT';
  static output_field = FloatField();
}

const authors = Author.objects
  .filter({ follower_count__gt: 100 })
  .annotate({
    shout: Upper('username'),
    name_length: Length('username'),
    handle: Concat(Value('@'), 'username'),
    joined: ExtractYear('joined_at'),
    reach: Round(new Sqrt('follower_count'), 2), // a custom Func inside a built-in one
  })
  .order_by('-follower_count');
for (const a of authors) print(a.shout, a.name_length, a.handle, a.joined, a.reach);

// Functions work in values() + GROUP BY too: posts per year they were published.
const perYear = Post.objects
  .filter({ published_date__isnull: false })
  .values({ year: ExtractYear('published_date') })
  .annotate({ posts: Count('id') })
  .order_by('year');
for (const row of perYear) print(row.year, row.posts);
