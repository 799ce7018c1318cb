/**
 * The queryset a prefetch stores on each instance (Django's prefetch_one_level:
 * `manager.get_queryset()` with the relation filter deferred, then its result
 * cache filled) builds no Query until something chains on it. What a learner
 * sees stays Django's: the cache for all()/count()/exists(), a query with the
 * relation filter for filter()/order_by()/first(), and str(qs.query).
 * Expected SQL and counts recorded with ../shared/django-reference/ask.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Prefetch } from '../../lib/orm/prefetch';
import { Query } from '../../lib/orm/sql/query';
import { referenceWorld } from '../helpers/sqljs';

afterEach(() => vi.restoreAllMocks());

const TAG_COLS = 'SELECT "blog_tag"."id", "blog_tag"."name" FROM "blog_tag"';
const TAG_JOIN = 'INNER JOIN "blog_post_tags" ON ("blog_tag"."id" = "blog_post_tags"."tag_id")';
const COMMENT_COLS =
  'SELECT "blog_comment"."id", "blog_comment"."post_id", "blog_comment"."author_id", "blog_comment"."body", "blog_comment"."rating", "blog_comment"."created_at" FROM "blog_comment"';
const POST_COLS =
  'SELECT "blog_post"."id", "blog_post"."title", "blog_post"."slug", "blog_post"."content", "blog_post"."full_text", "blog_post"."author_id", ' +
  '"blog_post"."category_id", "blog_post"."published", "blog_post"."published_date", "blog_post"."created_at", "blog_post"."view_count" FROM "blog_post"';

async function world() {
  const w = await referenceWorld();
  const connection = w.runtime.connections.get('default');
  const sqlSince = (start: number) => connection.queries.slice(start).map((q) => q.sql);
  return { ...w, connection, sqlSince };
}

describe('prefetched related managers', () => {
  it('build no query per instance: the Query work of a prefetch does not grow with the number of instances', async () => {
    const { models } = await world();
    const { Post } = models;
    const clones = vi.spyOn(Query.prototype, 'clone');
    const filters = vi.spyOn(Query.prototype, 'add_q');
    const work = (n: number) => {
      clones.mockClear();
      filters.mockClear();
      const posts = [...Post.objects.filter({ pk__lte: n }).prefetch_related('tags', 'comment_set')];
      expect(posts).toHaveLength(n);
      return [clones.mock.calls.length, filters.mock.calls.length];
    };
    expect(work(50)).toEqual(work(5));
  });

  it('all(), count() and exists() read the cache with no query; all() is the cached queryset itself', async () => {
    const { models, connection } = await world();
    const { Post } = models;
    const [post] = [...Post.objects.filter({ pk: 1 }).prefetch_related('tags', 'comment_set')];
    const before = connection.queries.length;
    expect(post.tags.all().map((t: { name: string }) => t.name)).toEqual(['sql', 'testing']);
    expect(post.tags.all()).toBe(post._prefetched_objects_cache!.tags);
    expect([post.tags.count(), post.comment_set.count(), post.tags.exists()]).toEqual([2, 4, true]);
    expect(Object.keys(post._prefetched_objects_cache!).sort()).toEqual(['comment_set', 'tags']);
    expect(connection.queries.length).toBe(before);
  });

  it('filter(), order_by(), all().filter() and first() query with the relation filter, as Django', async () => {
    const { models, connection, sqlSince } = await world();
    const { Post } = models;
    const [post] = [...Post.objects.filter({ pk__in: [1, 2] }).prefetch_related('tags', 'comment_set')];
    const start = connection.queries.length;
    expect([...post.tags.filter({ name__startswith: 'd' })]).toEqual([]);
    expect(post.tags.order_by('-name').map((t: { name: string }) => t.name)).toEqual(['testing', 'sql']);
    expect([...post.tags.all().filter({ name__startswith: 'd' })]).toEqual([]);
    expect([...post.comment_set.filter({ pk__gt: 0 })].map((c) => c.pk).slice(0, 3)).toEqual([43, 84, 97]);
    expect(post.tags.first().name).toBe('sql');
    const nameStartsWithD = `${TAG_COLS} ${TAG_JOIN} WHERE ("blog_post_tags"."post_id" = 1 AND "blog_tag"."name" LIKE 'd%' ESCAPE '\\')`;
    expect(sqlSince(start)).toEqual([
      nameStartsWithD,
      `${TAG_COLS} ${TAG_JOIN} WHERE "blog_post_tags"."post_id" = 1 ORDER BY "blog_tag"."name" DESC`,
      nameStartsWithD,
      `${COMMENT_COLS} WHERE ("blog_comment"."post_id" = 1 AND "blog_comment"."id" > 0)`,
      `${TAG_COLS} ${TAG_JOIN} WHERE "blog_post_tags"."post_id" = 1 ORDER BY "blog_tag"."id" ASC LIMIT 1`,
    ]);
  });

  it('str(qs.query) of a prefetched queryset shows the relation filter', async () => {
    const { models } = await world();
    const { Post } = models;
    const [post] = [...Post.objects.filter({ pk: 1 }).prefetch_related('tags', 'comment_set')];
    expect(String(post.tags.all().query)).toBe(`${TAG_COLS} ${TAG_JOIN} WHERE "blog_post_tags"."post_id" = 1`);
    expect(String(post.comment_set.all().query)).toBe(`${COMMENT_COLS} WHERE "blog_comment"."post_id" = 1`);
  });

  it('a filter chained on a prefetched many-to-many reuses its join (the sticky filter survives the laziness)', async () => {
    const { models, connection, sqlSince } = await world();
    const { Tag } = models;
    const [tag] = [...Tag.objects.filter({ pk__in: [1, 2] }).prefetch_related('post_set')];
    const start = connection.queries.length;
    expect([...tag.post_set.filter({ tags__name: 'sql' })]).toEqual([]);
    expect([...tag.post_set.all().filter({ tags__name: 'sql' })]).toEqual([]);
    const reused =
      `${POST_COLS} INNER JOIN "blog_post_tags" ON ("blog_post"."id" = "blog_post_tags"."post_id") ` +
      `INNER JOIN "blog_tag" ON ("blog_post_tags"."tag_id" = "blog_tag"."id") WHERE ("blog_post_tags"."tag_id" = 1 AND "blog_tag"."name" = 'sql')`;
    expect(sqlSince(start)).toEqual([reused, reused]);
  });

  it('a Prefetch queryset gets the relation filter as the manager applies it (deferred, sticky), as Django', async () => {
    const { models, connection, sqlSince } = await world();
    const { Post, Tag, Comment } = models;
    const [post] = [
      ...Post.objects
        .filter({ pk__in: [1, 2] })
        .prefetch_related(
          new Prefetch('tags', { queryset: Tag.objects.filter({ name__startswith: 's' }) }),
          new Prefetch('comment_set', { queryset: Comment.objects.filter({ rating__gte: 3 }) }),
        ),
    ];
    const start = connection.queries.length;
    expect(post.tags.all().map((t: { name: string }) => t.name)).toEqual(['sql']);
    expect(post.comment_set.all().map((c: { pk: unknown }) => c.pk)).toEqual([43, 193]);
    expect(post.comment_set.all().at(0).post).toBe(post);
    expect(connection.queries.length).toBe(start);
    expect(String(post.tags.all().query)).toBe(`${TAG_COLS} ${TAG_JOIN} WHERE ("blog_tag"."name" LIKE s% ESCAPE '\\' AND "blog_post_tags"."post_id" = 1)`);
    expect(String(post.comment_set.all().query)).toBe(`${COMMENT_COLS} WHERE ("blog_comment"."rating" >= 3 AND "blog_comment"."post_id" = 1)`);
    expect([...post.tags.all().filter({ post__title__startswith: 'x' })]).toEqual([]);
    expect(sqlSince(start)).toEqual([
      `${TAG_COLS} ${TAG_JOIN} INNER JOIN "blog_post" ON ("blog_post_tags"."post_id" = "blog_post"."id") ` +
        `WHERE ("blog_tag"."name" LIKE 's%' ESCAPE '\\' AND "blog_post_tags"."post_id" = 1 AND "blog_post"."title" LIKE 'x%' ESCAPE '\\')`,
    ]);
  });
});
