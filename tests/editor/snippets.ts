/**
 * Learner code for the d.ts tests: the API section of design.md (valid as written,
 * with the `...` placeholders filled in), and code that asserts inferred types.
 */
export const designApiSnippet = `
// laziness: nothing runs until evaluated
const active = Author.objects.filter({ is_active: true });
active.exists();   active.count();   len(active);   bool(active);   list(active);

// N+1 and its fixes
for (const post of Post.objects.all()) print(post.author.username);            // 1 + N
for (const post of Post.objects.select_related('author')) print(post.author.username);
for (const post of Post.objects.prefetch_related('tags'))
  print(post.tags.all().map(t => t.name));
Comment.objects.select_related('post__author', 'post__category');
Author.objects.prefetch_related(
  Prefetch('post_set', { queryset: Post.objects.filter({ published: true }), to_attr: 'published_posts' }));

// expressions
Author.objects.annotate({ post_count: Count('post'),
  published_post_count: Count('post', { filter: Q({ post__published: true }) }) });
Post.objects.filter({ view_count__gt: F('author__follower_count') });
Post.objects.annotate({ popularity: Case(
  When({ view_count__gte: 1000, then: Value('High') }),
  When({ view_count__gte: 100, then: Value('Medium') }), { default: Value('Low') }) });
Post.objects.annotate({ safe_view_count: Coalesce('view_count', Value(0)) });
Q({ published: true }).and(Q({ category__slug: 'tech' }).or(Q({ tags__name: 'python' }))).and(Q({ author__username: 'banned' }).not());
F('view_count').add(1);            // also .sub .mul .div, and .desc() / .asc() for ordering
class Sqrt extends Func { static function = 'SQRT' }
Post.objects.annotate({ root: new Sqrt('view_count') });
Post.objects.annotate({ newest: Subquery(Comment.objects.filter({ post: OuterRef('pk') })
  .order_by('-created_at').values('created_at').slice(0, 1)) });
Post.objects.filter(Exists(Comment.objects.filter({ post: OuterRef('pk') })));
Post.objects.annotate({ rank: Window({ expression: Rank(), order_by: F('view_count').desc() }) });

// writes
const posts = [new Post({ title: 'a', slug: 'a', author_id: 1, created_at: now() }), new Post({ title: 'b', author: Author.objects.first() })];
Post.objects.bulk_create(posts, { batch_size: 100 });      // posts = [new Post({...}), ...]
Post.objects.filter({ published: false }).update({ published: true, published_date: now() });
Post.objects.bulk_update(posts, ['view_count'], { batch_size: 100 });
const cutoff = new Date('2025-01-01T00:00:00Z');
Post.objects.filter({ created_at__lt: cutoff }).delete();   // runs Django's cascade queries
const post = Post.objects.get({ pk: 1 });
post.save(); post.delete(); post.refresh_from_db(); Post.objects.create({ title: 'x', author_id: 1 }); Tag.objects.get_or_create({ name: 'orm' });

// loading less / streaming / raw
Post.objects.only('title', 'slug'); Post.objects.defer('content');  // touching a deferred field queries
for (const p of Post.objects.iterator({ chunk_size: 1000 })) { print(p.title); }
const params = 100;
Post.objects.raw('SELECT * FROM blog_post WHERE view_count > %s', [params]);   connection.cursor().execute('SELECT 1 WHERE 1 = %s', [params]);

// measuring, caching, routing
connection.queries; reset_queries(); assertNumQueries(2, () => { list(Post.objects.prefetch_related('tags')); }); captureQueries(() => Post.objects.count());
const key = 'posts'; const value = [1, 2];
cache.get(key); cache.set(key, value, { timeout: 3600 }); cache.delete(key);
const handler = ({ instance, created }) => print(instance, created);
post_save.connect(handler, { sender: Comment });   // post_delete, pre_save, ...
Post.objects.using('replica'); settings.DATABASE_ROUTERS = [{ db_for_read: (model) => 'replica' }];

// also
Post.objects.exclude({ published: true }).first(); Post.objects.last(); Post.objects.order_by('-created_at', 'title').distinct();
Post.objects.values('title', 'author__username'); Post.objects.values_list('title', { flat: true });
Post.objects.aggregate({ avg: Avg('view_count'), total: Sum('view_count'), low: Min('view_count'), high: Max('view_count') });
Post.objects.in_bulk([1, 2]); Post.objects.select_for_update().filter({ pk: 1 });
Post.objects.all().slice(0, 10); Post.objects.order_by('pk').at(0);
Post.objects.annotate({ label: Concat('title', Value(' by '), 'author__username'), lower: Lower('title'), upper: Upper('title'), n: Length('title') });
Post.objects.annotate({ now: Now(), views: Cast('view_count', FloatField()), year: ExtractYear('created_at'), day: TruncDate('created_at') });
Post.objects.annotate({ row: Window({ expression: RowNumber(), partition_by: F('author'), order_by: F('created_at').desc() }), dense: Window({ expression: DenseRank(), order_by: F('view_count').desc() }) });
Post.objects.annotate({ hi: Greatest('created_at', 'published_date'), lo: Least('created_at', 'published_date'), r: Round(Power('view_count', 2), 1) });
Post.objects.annotate({ prev: Window({ expression: Lag('view_count'), order_by: F('created_at') }), next: Window({ expression: Lead('view_count', 1), order_by: F('created_at') }) });
Post.objects.filter({ title__iexact: 'x', title__contains: 'x', title__in: ['a'], view_count__range: [1, 10], category__isnull: true, title__regex: '^a', published_date__month: 1, published_date__day: 1, published_date__date: '2025-01-01', created_at__hour: 3, created_at__minute: 0, created_at__week_day: 2 });
const p = Post.objects.get({ pk: 1 });
p.comment_set.all(); p.author_id; p.pk; p.tags.add(1, 2); p.tags.remove(1); p.tags.set([2, 3]); p.tags.clear();
transaction.atomic(() => { p.save({ update_fields: ['title'] }); });
timezone.now();
try { Post.objects.get({ pk: 0 }); } catch (e) { if (e instanceof Post.DoesNotExist || e instanceof MultipleObjectsReturned || e instanceof FieldError || e instanceof IntegrityError || e instanceof ProtectedError) print(e.message); }
`;

/** `ok(expectType<T>()(value))` fails to compile unless `value` is exactly a `T`. */
export const typeAssertions = `
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
declare function expectType<T>(): <V>(value: V) => Equals<V, T>;
declare function ok(value: true): void;

const p = Post.objects.get({ pk: 1 });
ok(expectType<string>()(p.title));
ok(expectType<number | null>()(p.view_count));
ok(expectType<Date | null>()(p.published_date));
ok(expectType<Author>()(p.author));
ok(expectType<number>()(p.author_id));
ok(expectType<Category | null>()(p.category));
ok(expectType<ManyRelatedManager<Tag>>()(p.tags));
ok(expectType<RelatedManager<Comment>>()(p.comment_set));
ok(expectType<RelatedManager<Post>>()(p.author.post_set));
ok(expectType<number>()(p.pk));
p.view_count = F('view_count').add(1);

for (const row of Post.objects.values('title', 'author__username', 'category__name', 'view_count')) {
  ok(expectType<{ title: string; author__username: string; category__name: string | null; view_count: number | null }>()(row));
}
const annotated = Author.objects.annotate({ post_count: Count('post'), avg: Avg('post__view_count') }).filter({ post_count__gt: 1 }).order_by('-post_count');
for (const a of annotated) {
  ok(expectType<number>()(a.post_count));
  ok(expectType<number | null>()(a.avg));
  ok(expectType<string>()(a.username));
}
for (const row of Author.objects.annotate(Count('post')).values('username', 'post__count')) ok(expectType<number>()(row.post__count));
ok(expectType<{ avg: number | null; n: number }>()(Post.objects.aggregate({ avg: Avg('view_count'), n: Count('id') })));
ok(expectType<{ view_count__avg: number | null }>()(Post.objects.aggregate(Avg('view_count'))));
for (const title of Post.objects.values_list('title', { flat: true })) ok(expectType<string>()(title));
ok(expectType<[number, string][]>()(list(Post.objects.values_list('pk', 'title'))));
for (const a of Author.objects.prefetch_related(Prefetch('post_set', { queryset: Post.objects.filter({ published: true }), to_attr: 'published_posts' }))) {
  ok(expectType<Post[]>()(a.published_posts));
}
for (const row of Post.objects.annotate({ newest: Subquery(Comment.objects.filter({ post: OuterRef('pk') }).order_by('-created_at').values('created_at').slice(0, 1)) })) {
  ok(expectType<Date>()(row.newest));
}
post_save.connect(({ instance, created }) => {
  ok(expectType<Comment>()(instance));
  ok(expectType<boolean>()(created));
}, { sender: Comment });
const [tag, created] = Tag.objects.get_or_create({ name: 'orm', defaults: { name: 'orm' } });
ok(expectType<Tag>()(tag));
ok(expectType<boolean>()(created));
ok(expectType<Map<any, Post>>()(Post.objects.in_bulk([1, 2])));
ok(expectType<Post | null>()(Post.objects.first()));
`;

/** A learner declaring models and a manager (the blog models are in scope too). */
export const learnerModelSnippet = `
class Review extends Model {
  static fields = {
    post: ForeignKey(() => Post, { on_delete: CASCADE, related_name: 'reviews' }),
    rating: PositiveSmallIntegerField(),
    body: TextField({ blank: true }),
    created_at: DateTimeField({ auto_now_add: true }),
  };
  static Meta = { ordering: ['-created_at'], indexes: [Index({ fields: ['rating'] })], unique_together: [['post', 'rating']] };
  toString() { return \`\${this.rating} stars\`; }
}
class PublishedManager extends Manager {
  get_queryset() { return super.get_queryset().filter({ published: true }); }
}
class Article extends Model {
  static fields = { title: CharField({ max_length: 100, db_index: true }), tags: ManyToManyField(() => Tag) };
  static objects = new PublishedManager();
}
const review = Review.objects.create({ post: Post.objects.get({ pk: 1 }), rating: 5 });
print(review.rating, review.post.title);
for (const r of Review.objects.filter({ rating__gte: 4 }).select_related('post').order_by('-rating')) print(r.body);
Article.objects.all().count();
`;
