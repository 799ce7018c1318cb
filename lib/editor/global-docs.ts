import type { ApiDoc } from './jsdoc';

/**
 * Hover docs for the names in the learner's global scope other than QuerySet methods
 * and database functions (adapted from the doc comments in lib/orm and lib/runner).
 */
export const globalDocs = {
  // ---------------------------------------------------------------- Python builtins
  print: { summary: "Python's print(): one line of output, the arguments converted with str() and joined by spaces.", example: "print(post.title, 'by', post.author.username)" },
  len: {
    summary: "Python's len(). A QuerySet is evaluated: every row is fetched and cached. Use `.count()` when you only need the number.",
    example: 'len(Post.objects.all())',
    sql: 'SELECT "blog_post"."id", ... FROM "blog_post"',
  },
  bool: { summary: "Python's bool(): empty collections are false. A QuerySet is evaluated (use `.exists()` to only ask).", example: 'bool(Post.objects.filter({ published: true }))' },
  list: { summary: "Python's list(): an array of the items; a QuerySet runs its query.", example: "list(Post.objects.values_list('title', { flat: true }))" },
  str: { summary: "Python's str(): what print() shows (a model's `toString()`, a QuerySet's repr).", example: 'str(post)' },
  repr: { summary: "Python's repr(): `<Post: Hello>`, `<QuerySet [...]>` (a QuerySet fetches at most 21 rows for it).", example: 'repr(Post.objects.all())', sql: '... LIMIT 21' },
  range: { summary: "Python's range() as an array of numbers.", example: 'range(3)  // [0, 1, 2]' },
  sum: { summary: "Python's sum() of numbers.", example: 'sum(posts.map(p => p.view_count))' },
  result: { summary: 'The value the run returns (checks and tests read it); `let result = ...` in your code works too.', example: "result = list(Post.objects.values_list('title', { flat: true }))" },

  // ---------------------------------------------------------------- connection, settings, testing
  connection: {
    summary: "The default database connection (Django's `django.db.connection`): `queries` lists every statement run (while `settings.DEBUG`), `cursor()` runs raw SQL.",
    example: 'connection.queries.length',
  },
  connection_queries: { summary: "Django's `connection.queries`: `{ sql, time }` for each statement run while `settings.DEBUG` is true (time in seconds, as text).", example: 'connection.queries.at(-1).sql' },
  connection_cursor: { summary: 'A DB-API cursor for raw SQL with `%s` placeholders.', example: "connection.cursor().execute('SELECT COUNT(*) FROM blog_post WHERE view_count > %s', [100]).fetchone()" },
  connections: { summary: "Every database of the run by alias (Django's `django.db.connections`).", example: "connections['replica'].queries" },
  reset_queries: { summary: "Empty `connection.queries` on every connection (Django's `django.db.reset_queries()`).", example: 'reset_queries()' },
  settings: { summary: "The run's Django settings: `DEBUG` (whether connection.queries records) and `DATABASE_ROUTERS`.", example: 'settings.DATABASE_ROUTERS = [{ db_for_read: () => \'replica\' }]' },
  router: { summary: "Django's router: which database a model is read from or written to, asking `settings.DATABASE_ROUTERS` in order.", example: 'router.db_for_read(Post)' },
  assertNumQueries: {
    summary: "Django's assertNumQueries: runs the function and throws an AssertionError listing the queries when it ran a different number.",
    example: "assertNumQueries(2, () => list(Post.objects.prefetch_related('tags')))",
  },
  captureQueries: { summary: "Django's CaptureQueriesContext: runs the function and returns the statements it executed as `{ sql, time }`.", example: 'captureQueries(() => Post.objects.count()).length' },
  now: { summary: "The current time as a Date (Django's `timezone.now()`, in UTC).", example: 'Post.objects.filter({ published_date__lte: now() })' },
  timezone: { summary: "Django's `django.utils.timezone`: `timezone.now()` is the current time, in UTC.", example: 'timezone.now()' },
  transaction: { summary: "Django's `django.db.transaction`.", example: 'transaction.atomic(() => { ... })' },
  atomic: {
    summary: 'Run the function in a transaction: BEGIN/COMMIT around the outermost block, SAVEPOINTs inside; an exception rolls back and is re-thrown.',
    example: 'transaction.atomic(() => { author.save(); Post.objects.create({ ... }) })',
    sql: 'BEGIN; ...; COMMIT',
  },

  // ---------------------------------------------------------------- cache
  cache: {
    summary: "Django's cache (a local-memory cache, LocMemCache) with a clock the run controls: `cache.advance(seconds)` moves time forward so entries expire.",
    example: "cache.get_or_set('post-count', () => Post.objects.count(), { timeout: 60 })",
  },
  cache_get: { summary: 'The cached value, or `defaultValue` (null) when missing or expired.', example: "cache.get('key')" },
  cache_set: { summary: 'Store a value (a copy) for `timeout` seconds (default 300; `null` = forever).', example: "cache.set('key', value, { timeout: 3600 })" },
  cache_add: { summary: 'Store only when the key is missing; returns whether it stored.', example: "cache.add('key', value)" },
  cache_get_or_set: { summary: 'The cached value, or compute it (a function is called), store it and return it.', example: "cache.get_or_set('key', () => expensive())" },
  cache_delete: { summary: 'Remove a key; returns whether it was there.', example: "cache.delete('key')" },
  cache_has_key: { summary: 'Whether the key is cached and not expired.', example: "cache.has_key('key')" },
  cache_get_many: { summary: 'The cached values of these keys (missing ones left out).', example: "cache.get_many(['a', 'b'])" },
  cache_set_many: { summary: 'Store several values; returns the keys that failed (none).', example: 'cache.set_many({ a: 1, b: 2 })' },
  cache_delete_many: { summary: 'Remove several keys.', example: "cache.delete_many(['a', 'b'])" },
  cache_incr: { summary: 'Add `delta` to a cached number and return it (throws when the key is missing).', example: "cache.incr('hits')" },
  cache_decr: { summary: 'Subtract `delta` from a cached number and return it.', example: "cache.decr('stock')" },
  cache_touch: { summary: 'Give a key a new timeout; returns whether it exists.', example: "cache.touch('key', { timeout: 60 })" },
  cache_clear: { summary: 'Remove everything (and reset the clock).', example: 'cache.clear()' },
  cache_advance: { summary: "Move the cache's clock forward by `seconds`: entries expire as if that much time had passed (ORM Lab only).", example: 'cache.advance(3600)' },

  // ---------------------------------------------------------------- signals
  signal_connect: {
    summary: 'Call the receiver every time the signal is sent (for one model when `sender` is given). The receiver gets the signal\'s arguments as one object.',
    example: "post_save.connect(({ instance, created }) => cache.delete('posts'), { sender: Post })",
  },
  signal_disconnect: { summary: 'Stop calling the receiver; returns whether it was connected.', example: 'post_save.disconnect(handler, { sender: Post })' },
  pre_init: { summary: 'Sent at the start of a model\'s constructor: `{ sender, args, kwargs }`.' },
  post_init: { summary: 'Sent at the end of a model\'s constructor, also for every row loaded from the database: `{ sender, instance }`.' },
  pre_save: { summary: 'Sent by `save()` before its INSERT/UPDATE (not by `update()` or `bulk_create()`): `{ sender, instance, raw, using, update_fields }`.' },
  post_save: { summary: 'Sent by `save()` after its INSERT/UPDATE (not by `update()` or `bulk_create()`): `{ sender, instance, created, raw, using, update_fields }`.' },
  pre_delete: { summary: 'Sent for each object before the deletion\'s DELETEs; connecting one makes Django load the objects it could otherwise fast-delete: `{ sender, instance, using, origin }`.' },
  post_delete: { summary: 'Sent for each deleted object after its DELETE: `{ sender, instance, using, origin }`.' },
  m2m_changed: { summary: 'Sent around `add()`, `remove()`, `clear()` and `set()` of a many-to-many manager: `{ sender, instance, action, reverse, model, pk_set, using }`.' },
  receiver: {
    summary: "Django's `@receiver` decorator as a function: connects the handler to the signal(s) and returns it.",
    example: 'receiver(post_save, ({ instance }) => print(instance), { sender: Comment })',
  },
  Signal: { summary: 'A signal: receivers connected to it are called, in order, by `send()`.', example: "const published = new Signal('published')" },

  // ---------------------------------------------------------------- expressions
  Q: {
    summary:
      'A filter condition that can be combined: `.and()`, `.or()`, `.xor()` and `.not()` are Python\'s `&`, `|`, `^`, `~`. Its keys are lookups, as in filter().',
    example: "Post.objects.filter(Q({ published: true }).or(Q({ view_count__gt: 100 })))",
    sql: '... WHERE ("blog_post"."published" OR "blog_post"."view_count" > 100)',
  },
  F: {
    summary: 'A reference to a field (or an annotation) of the row, computed by the database: compare fields, or update from the current value. Operators are methods: `.add() .sub() .mul() .div() .mod() .pow() .neg()`.',
    example: "Post.objects.filter({ view_count__gt: F('author__follower_count') })",
    sql: '... INNER JOIN "blog_author" ON ... WHERE "blog_post"."view_count" > ("blog_author"."follower_count")',
  },
  OuterRef: {
    summary: 'A field of the outer query, used inside a `Subquery()` or `Exists()`.',
    example: "Exists(Comment.objects.filter({ post: OuterRef('pk') }))",
    sql: 'EXISTS(SELECT 1 AS "a" FROM "blog_comment" U0 WHERE U0."post_id" = ("blog_post"."id") LIMIT 1)',
  },
  Value: { summary: 'A plain value inside an expression (always sent as a parameter).', example: "Coalesce('view_count', Value(0))", sql: 'COALESCE("blog_post"."view_count", 0)' },
  RawSQL: { summary: 'Literal SQL with parameters, as an expression (use with care).', example: "Post.objects.annotate({ n: RawSQL('SELECT COUNT(*) FROM blog_comment WHERE post_id = blog_post.id', []) })" },
  Func: {
    summary: 'An SQL function call. Call it with `{ function: \'UPPER\' }`, or extend it: `class Sqrt extends Func { static function = \'SQRT\' }` and use `new Sqrt(\'view_count\')`.',
    example: "Func(F('title'), { function: 'UPPER' })",
    sql: 'UPPER("blog_post"."title")',
  },
  Subquery: {
    summary: 'A QuerySet used as a value inside another query (one column, usually one row: `.values(...)` and `.slice(0, 1)`).',
    example: "Post.objects.annotate({ newest: Subquery(Comment.objects.filter({ post: OuterRef('pk') }).order_by('-created_at').values('created_at').slice(0, 1)) })",
    sql: '(SELECT U0."created_at" AS "created_at" FROM "blog_comment" U0 WHERE U0."post_id" = ("blog_post"."id") ORDER BY U0."created_at" DESC LIMIT 1) AS "newest"',
  },
  Exists: {
    summary: 'Whether a subquery has any row: a boolean to filter or annotate with; `.not()` negates it.',
    example: "Post.objects.filter(Exists(Comment.objects.filter({ post: OuterRef('pk') })))",
    sql: '... WHERE EXISTS(SELECT 1 AS "a" FROM "blog_comment" U0 WHERE U0."post_id" = ("blog_post"."id") LIMIT 1)',
  },
  OrderBy: { summary: 'An ORDER BY term; usually written `F(\'x\').desc()` or `.asc({ nulls_last: true })`.', example: "Post.objects.order_by(F('published_date').desc({ nulls_last: true }))" },
  ExpressionWrapper: {
    summary: 'Give an expression an explicit output field, e.g. when mixing field types in arithmetic.',
    example: "ExpressionWrapper(F('view_count').mul(1.0).div(F('author__follower_count')), { output_field: FloatField() })",
  },
  Case: {
    summary: '`CASE WHEN ... THEN ... ELSE ... END`: the first matching `When()` gives the value, else `default`.',
    example: "Case(When({ view_count__gte: 1000, then: Value('High') }), { default: Value('Low') })",
    sql: 'CASE WHEN "blog_post"."view_count" >= 1000 THEN \'High\' ELSE \'Low\' END',
  },
  When: {
    summary: 'One branch of a `Case()`: lookups (or a `Q`/boolean expression) and `then`.',
    example: "When({ view_count__gte: 100, then: Value('Medium') })",
  },
  Prefetch: {
    summary:
      'A prefetch_related() lookup with a custom QuerySet (filtered, ordered, with its own select_related) and/or `to_attr`, a plain array attribute to store the results in.',
    example: "Author.objects.prefetch_related(Prefetch('post_set', { queryset: Post.objects.filter({ published: true }), to_attr: 'published_posts' }))",
    sql: 'SELECT ... FROM "blog_post" WHERE ("blog_post"."published" AND "blog_post"."author_id" IN (1, 2, ...))',
  },
  prefetch_related_objects: { summary: 'prefetch_related() for instances you already have (a list, or rows of different querysets).', example: "prefetch_related_objects(posts, 'tags')" },
  Window: {
    summary: '`expression OVER (PARTITION BY ... ORDER BY ... frame)`: a window function (Rank, RowNumber, Lag, ...) or an aggregate computed per row over a window.',
    example: "Post.objects.annotate({ rank: Window({ expression: Rank(), order_by: F('view_count').desc() }) })",
    sql: 'RANK() OVER (ORDER BY "blog_post"."view_count" DESC) AS "rank"',
  },
  RowRange: { summary: 'A window frame counted in rows: 0 is the current row, negative PRECEDING, positive FOLLOWING, null UNBOUNDED.', example: 'RowRange({ start: -2, end: 0 })', sql: 'ROWS BETWEEN 2 PRECEDING AND CURRENT ROW' },
  ValueRange: { summary: 'A window frame in ORDER BY values (0 means the peers of the current row).', example: 'ValueRange({ start: null, end: 0 })', sql: 'RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW' },
  WindowFrameExclusion: { summary: 'The EXCLUDE option of a window frame.', example: 'RowRange({ start: -1, end: 1, exclusion: WindowFrameExclusion.CURRENT_ROW })' },
  combinable_add: { summary: '`self + other`' },
  combinable_sub: { summary: '`self - other`' },
  combinable_mul: { summary: '`self * other`' },
  combinable_div: { summary: '`self / other` (integer division when both sides are integers, as in SQLite)' },
  combinable_mod: { summary: '`self % other`' },
  combinable_pow: { summary: '`self ** other`' },
  combinable_neg: { summary: '`-self`' },
  combinable_and: { summary: '`self & other` for boolean expressions: a Q combining both.' },
  combinable_or: { summary: '`self | other` for boolean expressions.' },
  combinable_xor: { summary: '`self ^ other` for boolean expressions.' },
  combinable_not: { summary: '`~self`: NOT of a boolean expression, e.g. `Exists(...).not()`.' },
  combinable_asc: { summary: 'Ascending order, for order_by(): `F(\'published_date\').asc({ nulls_first: true })`.' },
  combinable_desc: { summary: 'Descending order, for order_by(): `F(\'view_count\').desc({ nulls_last: true })`.' },

  // ---------------------------------------------------------------- aggregates
  Aggregate: { summary: 'The base of aggregate functions; extend it with `static function = \'...\'` for your own.', example: "class GroupConcat extends Aggregate { static function = 'GROUP_CONCAT' }" },
  Count: {
    summary: 'The number of rows (or of distinct values with `{ distinct: true }`); `filter` counts only matching rows. Never null.',
    example: "Author.objects.annotate({ published_post_count: Count('post', { filter: Q({ post__published: true }) }) })",
    sql: 'COUNT("blog_post"."id") FILTER (WHERE "blog_post"."published")',
  },
  Sum: { summary: 'The sum of the values, or null when there are no rows (`{ default: 0 }` for 0).', example: "Post.objects.aggregate({ views: Sum('view_count') })", sql: 'SUM("blog_post"."view_count")' },
  Avg: { summary: 'The mean of the values, or null when there are no rows.', example: "Post.objects.aggregate({ avg: Avg('view_count') })", sql: 'AVG("blog_post"."view_count")' },
  Min: { summary: 'The smallest value, or null when there are no rows.', example: "Post.objects.aggregate({ first: Min('created_at') })", sql: 'MIN("blog_post"."created_at")' },
  Max: { summary: 'The largest value, or null when there are no rows.', example: "Author.objects.annotate({ last_post: Max('post__created_at') })", sql: 'MAX("blog_post"."created_at")' },
  StdDev: { summary: 'The standard deviation (population; `{ sample: true }` for the sample one).', example: "Comment.objects.aggregate({ sd: StdDev('rating') })" },
  Variance: { summary: 'The variance (population; `{ sample: true }` for the sample one).', example: "Comment.objects.aggregate({ v: Variance('rating') })" },

  // ---------------------------------------------------------------- models and fields
  Model: {
    summary: 'The base of every model. Declare fields in `static fields` and options in `static Meta`; the table is `<app>_<model>`.',
    example: "class Review extends Model { static fields = { post: ForeignKey(() => Post, { on_delete: CASCADE }), rating: IntegerField() } }",
  },
  model_objects: { summary: "The model's default manager: where queries start.", example: "Post.objects.filter({ published: true })" },
  model_DoesNotExist: { summary: 'Thrown by `get()` when no row matches (a subclass of ObjectDoesNotExist).', example: 'try { Post.objects.get({ pk: 0 }) } catch (e) { if (e instanceof Post.DoesNotExist) ... }' },
  model_MultipleObjectsReturned: { summary: 'Thrown by `get()` when several rows match.' },
  model_meta: { summary: "The model's metadata (Django's `Model._meta`): table, fields, relations, ordering, indexes." },
  model_pk: { summary: 'The primary key value (an alias of the primary key field, usually `id`).' },
  Manager: {
    summary: 'The interface to the database for a model (`Post.objects`). Extend it and override `get_queryset()` for a custom default queryset.',
    example: 'class PublishedManager extends Manager { get_queryset() { return super.get_queryset().filter({ published: true }) } }',
  },
  QuerySet: {
    summary:
      'A lazy database query: every method that narrows or changes it returns a new QuerySet, and nothing runs until the rows are needed (iteration, `len()`, `list()`, `bool()`, `count()`, `get()`, ...). An evaluated QuerySet caches its rows.',
  },
  RawQuerySet: { summary: 'The rows of `Model.objects.raw(sql)`, mapped onto model instances (lazy, like a QuerySet).' },
  Index: {
    summary: 'A `Meta.indexes` entry: an index on one or more fields (`-field` for descending), optionally partial with `condition` (then `name` is required).',
    example: "static Meta = { indexes: [Index({ fields: ['published_date', 'category'] })] }",
    sql: 'CREATE INDEX "blog_post_publish_..._idx" ON "blog_post" ("published_date", "category_id")',
  },
  Field: { summary: 'The base class of model fields.' },
  CASCADE: { summary: 'on_delete: delete the objects that point to the deleted one too.' },
  PROTECT: { summary: 'on_delete: refuse to delete while objects point to it (ProtectedError).' },
  RESTRICT: { summary: 'on_delete: like PROTECT, unless the pointing objects are deleted by a CASCADE in the same operation (RestrictedError).' },
  SET_NULL: { summary: 'on_delete: set the foreign key to NULL (the field needs `null: true`): one UPDATE.' },
  SET_DEFAULT: { summary: 'on_delete: set the foreign key to its default.' },
  SET: { summary: 'on_delete: set the foreign key to a value, or to what a function returns.', example: 'on_delete: SET(() => defaultAuthor.pk)' },
  DO_NOTHING: { summary: 'on_delete: do nothing (the database may then raise an IntegrityError).' },

  // ---------------------------------------------------------------- errors
  DjangoError: { summary: 'The base of the exception classes ORM Lab throws with Django\'s names and messages.' },
  FieldDoesNotExist: { summary: '`_meta.get_field()` was asked for a field the model does not have.' },
  OutputFieldIsNoneError: { summary: 'An expression\'s output type cannot be inferred: give it an `output_field`.' },
  FieldError: { summary: 'A query names a field or lookup that does not exist, e.g. "Cannot resolve keyword \'titel\' into field. Choices are: ...".' },
  ObjectDoesNotExist: { summary: 'The base of every `Model.DoesNotExist`: `get()` found no row.' },
  MultipleObjectsReturned: { summary: '`get()` found more than one row.' },
  ValidationError: { summary: 'A value is not valid for its field.' },
  ImproperlyConfigured: { summary: 'A setting or connection is missing or wrong.' },
  ValueError: { summary: "Python's ValueError, thrown by many argument checks (e.g. negative slicing)." },
  AttributeError: { summary: "Python's AttributeError, e.g. an invalid prefetch_related() lookup." },
  PyTypeError: { summary: "Python's TypeError (named `TypeError` in messages), e.g. filtering a sliced QuerySet." },
  IndexError: { summary: "Python's IndexError: `at(i)` past the last row." },
  NotImplementedError: { summary: "Python's NotImplementedError, e.g. `distinct(fields)` on SQLite." },
  DatabaseError: { summary: 'An error reported by the database.' },
  OperationalError: { summary: 'SQLite could not run the statement (e.g. no such column in raw SQL).' },
  IntegrityError: { summary: 'A constraint failed: UNIQUE, NOT NULL or FOREIGN KEY.' },
  ProgrammingError: { summary: 'A mistake in how the database was used.' },
  NotSupportedError: { summary: 'The database does not support the feature.' },
  TransactionManagementError: { summary: 'A transaction was used wrongly.' },
  ProtectedError: { summary: 'A delete was refused by `on_delete: PROTECT`; `protected_objects` holds the objects in the way.' },
  RestrictedError: { summary: 'A delete was refused by `on_delete: RESTRICT`.' },
  EmptyResultSet: { summary: 'Internal: a WHERE clause can match nothing.' },
  FullResultSet: { summary: 'Internal: a WHERE clause matches everything.' },
  AssertionError: { summary: 'An assertion failed, e.g. in `assertNumQueries()`.' },
} satisfies Record<string, ApiDoc>;

export type GlobalDocName = keyof typeof globalDocs;
