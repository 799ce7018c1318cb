import type { ApiDoc } from './jsdoc';

/**
 * Hover docs for QuerySet, Manager, related-manager and model-instance methods: the
 * one place these texts live (adapted from the doc comments in lib/orm). The SQL is
 * what Django 5.2 runs on the blog models, abridged with `...`.
 */
export const querysetDocs = {
  all: {
    summary: 'A copy of the QuerySet: from a manager, every row of the model. Lazy: no query runs until the rows are needed.',
    example: 'Post.objects.all()',
    sql: 'SELECT "blog_post"."id", "blog_post"."title", ... FROM "blog_post"',
  },
  filter: {
    summary:
      'Rows matching every condition (AND). Keys are field names with an optional `__lookup` (`title__icontains`) and may follow relations (`author__username`); positional arguments are `Q()` objects or boolean expressions such as `Exists()`.',
    example: "Post.objects.filter({ published: true, title__icontains: 'orm' })",
    sql: `... WHERE ("blog_post"."published" AND "blog_post"."title" LIKE '%orm%' ESCAPE '\\')`,
  },
  exclude: {
    summary: 'Rows not matching the conditions: `WHERE NOT (...)`, with Django\'s rules for NULL and for multi-valued relations (a subquery).',
    example: 'Post.objects.exclude({ published: true })',
    sql: '... WHERE NOT ("blog_post"."published" AND "blog_post"."published" IS NOT NULL)',
  },
  get: {
    summary:
      'The one object matching the conditions; throws `Model.DoesNotExist` when none does and `MultipleObjectsReturned` when several do (it fetches at most 21 rows to tell). Runs immediately.',
    example: 'Post.objects.get({ pk: 1 })',
    sql: '... WHERE "blog_post"."id" = 1 LIMIT 21',
  },
  first: {
    summary: 'The first object in the ordering (by primary key when there is none), or `null`. Runs immediately.',
    example: 'Post.objects.first()',
    sql: '... ORDER BY "blog_post"."id" ASC LIMIT 1',
  },
  last: {
    summary: 'The last object in the ordering (by primary key when there is none), or `null`. Runs immediately.',
    example: 'Post.objects.last()',
    sql: '... ORDER BY "blog_post"."id" DESC LIMIT 1',
  },
  earliest: {
    summary: 'The object with the smallest value of the given field(s); `DoesNotExist` when there are no rows.',
    example: "Post.objects.earliest('created_at')",
    sql: '... ORDER BY "blog_post"."created_at" ASC LIMIT 1',
  },
  latest: {
    summary: 'The object with the largest value of the given field(s); `DoesNotExist` when there are no rows.',
    example: "Post.objects.latest('created_at')",
    sql: '... ORDER BY "blog_post"."created_at" DESC LIMIT 1',
  },
  count: {
    summary: 'The number of rows, counted by the database with `SELECT COUNT(*)` (no rows fetched); an evaluated QuerySet counts its cache instead.',
    example: 'Post.objects.filter({ published: true }).count()',
    sql: 'SELECT COUNT(*) AS "__count" FROM "blog_post" WHERE "blog_post"."published"',
  },
  exists: {
    summary: 'Whether any row matches, stopping at the first one: the cheapest way to ask "is there any?" (cheaper than `count()` or `len()`).',
    example: "Post.objects.filter({ tags__name: 'python' }).exists()",
    sql: 'SELECT 1 AS "a" FROM "blog_post" INNER JOIN "blog_post_tags" ON ... LIMIT 1',
  },
  contains: {
    summary: 'Whether the object is one of the rows: one `SELECT 1 ... LIMIT 1` (or a look in the result cache).',
    example: 'Post.objects.filter({ published: true }).contains(post)',
    sql: 'SELECT 1 AS "a" FROM "blog_post" WHERE ("blog_post"."published" AND "blog_post"."id" = 1) LIMIT 1',
  },
  select_related: {
    summary:
      'Follow foreign keys in the same query with a JOIN (LEFT OUTER JOIN for nullable keys), so reading `post.author` runs no query. Only for foreign keys and one-to-one; use `prefetch_related()` for many-valued relations. `select_related()` with no names follows every non-null key.',
    example: "Post.objects.select_related('author')",
    sql: 'SELECT "blog_post"."id", ..., "blog_author"."id", ... FROM "blog_post" INNER JOIN "blog_author" ON ("blog_post"."author_id" = "blog_author"."id")',
  },
  prefetch_related: {
    summary:
      'Load the related objects of all the rows in one extra query per relation (`WHERE ... IN (...)`), matched up in memory: the fix for N+1 on many-to-many and reverse foreign keys. `Prefetch()` sets a custom queryset or a `to_attr` list.',
    example: "Post.objects.prefetch_related('tags')",
    sql: 'SELECT ... FROM "blog_tag" INNER JOIN "blog_post_tags" ON ("blog_tag"."id" = "blog_post_tags"."tag_id") WHERE "blog_post_tags"."post_id" IN (1, 2, ...)',
  },
  annotate: {
    summary:
      'Add a computed value to each row under the given name; an aggregate over a relation (`Count`, `Sum`, ...) adds a JOIN and a `GROUP BY`. The name can then be used in `filter()`, `order_by()` and `values()`.',
    example: "Author.objects.annotate({ post_count: Count('post') })",
    sql: 'SELECT "blog_author"."id", ..., COUNT("blog_post"."id") AS "post_count" FROM "blog_author" LEFT OUTER JOIN "blog_post" ON ("blog_author"."id" = "blog_post"."author_id") GROUP BY "blog_author"."id", ...',
  },
  alias: {
    summary: 'Like `annotate()`, but the value is not selected: it can only be used in `filter()`, `order_by()` and other annotations.',
    example: "Post.objects.alias({ n: Count('comment') }).filter({ n__gt: 1 })",
    sql: '... GROUP BY "blog_post"."id", ... HAVING COUNT("blog_comment"."id") > 1',
  },
  aggregate: {
    summary: 'Compute values over all the rows and return them as an object (runs immediately); an aggregate without a name is called `<field>__<function>`.',
    example: "Post.objects.aggregate({ avg: Avg('view_count') })",
    sql: 'SELECT AVG("blog_post"."view_count") AS "avg" FROM "blog_post"',
  },
  order_by: {
    summary:
      "Sort the rows: `'-field'` descending, `'?'` random, `'author__username'` across a join, or expressions such as `F('view_count').desc({ nulls_last: true })`. `order_by()` with no arguments removes any ordering, even `Meta.ordering`.",
    example: "Post.objects.order_by('-created_at')",
    sql: '... ORDER BY "blog_post"."created_at" DESC',
  },
  reverse: {
    summary: 'Reverse the ordering (from `order_by()` or `Meta.ordering`).',
    example: "Post.objects.order_by('created_at').reverse()",
    sql: '... ORDER BY "blog_post"."created_at" DESC',
  },
  distinct: {
    summary:
      'Remove duplicate rows with `SELECT DISTINCT`, e.g. after filtering across a many-valued relation. Field names (`DISTINCT ON`) are PostgreSQL-only: SQLite raises.',
    example: "Post.objects.filter({ tags__name__in: ['python', 'django'] }).distinct()",
    sql: 'SELECT DISTINCT "blog_post"."id", ... FROM "blog_post" INNER JOIN "blog_post_tags" ...',
  },
  values: {
    summary:
      'Rows as plain objects of the named fields instead of model instances: only those columns are selected, relations are followed with `__`. Without names: every field, by column name (`author_id`).',
    example: "Post.objects.values('title', 'author__username')",
    sql: 'SELECT "blog_post"."title" AS "title", "blog_author"."username" AS "author__username" FROM "blog_post" INNER JOIN "blog_author" ON ("blog_post"."author_id" = "blog_author"."id")',
  },
  values_list: {
    summary:
      'Rows as arrays (Python tuples) of the named fields; `{ flat: true }` with one field gives the bare values, `{ named: true }` gives named rows.',
    example: "Post.objects.values_list('title', { flat: true })",
    sql: 'SELECT "blog_post"."title" AS "title" FROM "blog_post"',
  },
  only: {
    summary: 'Load only these fields (and the primary key). Reading another field later runs one query per object: check the query log.',
    example: "Post.objects.only('title')",
    sql: 'SELECT "blog_post"."id", "blog_post"."title" FROM "blog_post"',
  },
  defer: {
    summary:
      'Leave these fields (e.g. long text) out of the SELECT. Reading one later runs one query per object. `defer(null)` clears the deferred set.',
    example: "Post.objects.defer('content')",
    sql: 'SELECT "blog_post"."id", "blog_post"."title", "blog_post"."slug", "blog_post"."full_text", ... FROM "blog_post"',
  },
  select_for_update: {
    summary: 'Lock the selected rows until the end of the transaction (`SELECT ... FOR UPDATE`). SQLite has no row locks: a no-op there, as in Django.',
    example: 'transaction.atomic(() => Post.objects.select_for_update().get({ pk: 1 }))',
    sql: '... WHERE "blog_post"."id" = 1 LIMIT 21',
  },
  none: {
    summary: 'An empty QuerySet that never runs a query.',
    example: 'Post.objects.none()',
  },
  using: {
    summary: 'Run on another database alias instead of the one the routers pick.',
    example: "Post.objects.using('replica').count()",
    sql: 'SELECT COUNT(*) AS "__count" FROM "blog_post"   -- on replica',
  },
  slice: {
    summary:
      "Django's `qs[start:stop]`: a new QuerySet with LIMIT/OFFSET, still lazy (an evaluated QuerySet slices its cache instead). Negative indexes are not supported; a sliced QuerySet cannot be filtered or reordered.",
    example: "Post.objects.order_by('-created_at').slice(0, 10)",
    sql: '... ORDER BY "blog_post"."created_at" DESC LIMIT 10',
  },
  at: {
    summary: "Django's `qs[i]`: runs a query for that one row (or reads the result cache); `IndexError` when there is no such row.",
    example: "Post.objects.order_by('pk').at(2)",
    sql: '... ORDER BY "blog_post"."id" ASC LIMIT 1 OFFSET 2',
  },
  iterator: {
    summary:
      'Stream the rows without filling the result cache, so memory stays flat on big tables. After `prefetch_related()`, `chunk_size` rows are loaded and prefetched at a time (required).',
    example: 'for (const post of Post.objects.iterator({ chunk_size: 1000 })) { ... }',
    sql: 'SELECT "blog_post"."id", ... FROM "blog_post"',
  },
  in_bulk: {
    summary: 'A Map from primary key (or another unique field, `field_name`) to object, for the given ids or every row, in one query.',
    example: 'Post.objects.in_bulk([1, 2])',
    sql: '... WHERE "blog_post"."id" IN (1, 2)',
  },
  create: {
    summary: 'Create an object and save it with one INSERT; returns it with its new primary key.',
    example: "Tag.objects.create({ name: 'orm' })",
    sql: 'INSERT INTO "blog_tag" ("name") VALUES (\'orm\') RETURNING "blog_tag"."id"',
  },
  get_or_create: {
    summary:
      'Get the object matching the conditions, or create it (with `defaults` added) when there is none; returns `[obj, created]`. The INSERT runs in a savepoint.',
    example: "Tag.objects.get_or_create({ name: 'python' })",
    sql: 'SELECT ... WHERE "blog_tag"."name" = \'python\' LIMIT 21; then INSERT ... if missing',
  },
  update_or_create: {
    summary:
      'Update the object matching the conditions with `defaults`, or create it (`create_defaults` when given); returns `[obj, created]`. Runs in a transaction.',
    example: "Tag.objects.update_or_create({ name: 'orm', defaults: { name: 'ORM' } })",
  },
  bulk_create: {
    summary:
      'INSERT many objects in as few statements as possible (at most 999 parameters each on SQLite, or `batch_size` rows); sets their primary keys. No `save()`, no signals.',
    example: "Tag.objects.bulk_create([new Tag({ name: 'a' }), new Tag({ name: 'b' })])",
    sql: 'INSERT INTO "blog_tag" ("name") VALUES (\'a\'), (\'b\') RETURNING "blog_tag"."id"',
  },
  bulk_update: {
    summary: 'Save the given fields of many objects with one `UPDATE ... CASE WHEN` per batch; returns the row count. No `save()`, no signals.',
    example: "Post.objects.bulk_update(posts, ['view_count'])",
    sql: 'UPDATE "blog_post" SET "view_count" = CASE WHEN ("blog_post"."id" = 1) THEN 5 ... ELSE NULL END WHERE "blog_post"."id" IN (1, ...)',
  },
  update: {
    summary:
      'Update every matching row with one UPDATE and return how many matched. No `save()`, no signals; use `F()` to compute from the current value without a race.',
    example: "Post.objects.filter({ pk: 1 }).update({ view_count: F('view_count').add(1) })",
    sql: 'UPDATE "blog_post" SET "view_count" = ("blog_post"."view_count" + 1) WHERE "blog_post"."id" = 1',
  },
  delete: {
    summary:
      "Delete the matching rows and everything that cascades from them (Django's Collector: SELECTs for cascades, UPDATEs for SET_NULL, then DELETEs); returns `[total, { 'blog.Post': n, ... }]`.",
    example: 'Category.objects.filter({ pk: 1 }).delete()',
    sql: 'UPDATE "blog_post" SET "category_id" = NULL WHERE "blog_post"."category_id" IN (1); DELETE FROM "blog_category" WHERE "blog_category"."id" IN (1)',
  },
  explain: {
    summary: "The database's plan for this query (`EXPLAIN QUERY PLAN` on SQLite), as text: shows whether an index is used.",
    example: 'Post.objects.filter({ pk: 1 }).explain()',
    sql: '2 0 0 SEARCH blog_post USING INTEGER PRIMARY KEY (rowid=?)',
  },
  raw: {
    summary: 'Run your own SELECT and map its columns onto model instances by name (the primary key must be selected); `%s` placeholders take `params`.',
    example: "Post.objects.raw('SELECT * FROM blog_post WHERE view_count > %s', [100])",
  },
  extra: {
    summary: 'Add raw SQL columns to each row. Django discourages `extra()`: prefer `annotate()` with functions or `RawSQL`.',
    example: "Post.objects.extra({ select: { is_recent: \"created_at > '2025-12-01'\" } })",
  },
  complex_filter: {
    summary: '`filter()` for a `Q` object or an object of lookups (used by Django internals).',
    example: 'Post.objects.complex_filter(Q({ published: true }))',
  },
  map: {
    summary: 'Evaluate the QuerySet and map its rows (an array method for convenience; Python would use a list comprehension).',
    example: 'post.tags.all().map(t => t.name)',
  },
  get_queryset: {
    summary: "The QuerySet every method of the manager starts from. Override it in a Manager subclass to change a model's default rows.",
    example: 'class PublishedManager extends Manager { get_queryset() { return super.get_queryset().filter({ published: true }) } }',
  },
  db_manager: {
    summary: 'A copy of the manager bound to another database alias.',
    example: "Post.objects.db_manager('replica').count()",
  },
  ordered: {
    summary: 'Whether the rows have a defined order (`order_by()` or `Meta.ordering`).',
  },
  db: {
    summary: 'The database alias this QuerySet reads from (or writes to), as the routers decide.',
  },
  related_add: {
    summary:
      'Link saved objects to this one: for a reverse foreign key, one UPDATE setting their key; for many-to-many, INSERTs into the join table (existing links are skipped).',
    example: 'post.tags.add(python, django)',
    sql: 'INSERT OR IGNORE INTO "blog_post_tags" ("post_id", "tag_id") VALUES (1, 2), (1, 3)',
  },
  related_remove: {
    summary: 'Unlink these objects (many-to-many: DELETE from the join table; reverse foreign key: set the key to NULL).',
    example: 'post.tags.remove(python)',
    sql: 'DELETE FROM "blog_post_tags" WHERE ("blog_post_tags"."post_id" = 1 AND "blog_post_tags"."tag_id" IN (2))',
  },
  related_clear: {
    summary: 'Unlink every related object (many-to-many: one DELETE from the join table).',
    example: 'post.tags.clear()',
    sql: 'DELETE FROM "blog_post_tags" WHERE "blog_post_tags"."post_id" = 1',
  },
  related_set: {
    summary: 'Make exactly these objects the related ones: removes the others and adds the missing ones (`{ clear: true }` clears first).',
    example: 'post.tags.set([python, django])',
  },
  save: {
    summary:
      'Save this object: an UPDATE of every field when it has a primary key that exists (`update_fields` to write fewer), otherwise an INSERT. Sends `pre_save`/`post_save`.',
    example: "post.title = 'New'; post.save({ update_fields: ['title'] })",
    sql: 'UPDATE "blog_post" SET "title" = \'New\' WHERE "blog_post"."id" = 1',
  },
  instance_delete: {
    summary: "Delete this object's row and whatever cascades from it; returns `[total, { 'blog.Post': n, ... }]`.",
    example: 'post.delete()',
    sql: 'DELETE FROM "blog_post_tags" WHERE "blog_post_tags"."post_id" IN (1); DELETE FROM "blog_comment" WHERE "blog_comment"."post_id" IN (1); DELETE FROM "blog_post" WHERE "blog_post"."id" IN (1)',
  },
  refresh_from_db: {
    summary: 'Reload the fields from the database (all loaded fields, or `fields`) and forget cached related objects.',
    example: 'post.refresh_from_db()',
    sql: 'SELECT "blog_post"."id", ... FROM "blog_post" WHERE "blog_post"."id" = 1 LIMIT 21',
  },
} satisfies Record<string, ApiDoc>;

export type QuerysetDocName = keyof typeof querysetDocs;
