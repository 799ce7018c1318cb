/**
 * get(pk=...) on an untouched manager queryset (and every lazy FK load) reuses
 * the SQL the model's first such get() compiled. Nothing a learner can see may
 * change: the same statement and parameters, rows, exceptions and causes as
 * the full path, and the full path wherever the queryset is not untouched.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExecutedStatement } from '../../lib/orm/backend/connection';
import { SQLCompiler } from '../../lib/orm/sql/compiler';
import { referenceWorld } from '../helpers/sqljs';

async function world(options: { replica?: boolean } = {}) {
  const w = await referenceWorld(options);
  const statements: ExecutedStatement[] = [];
  for (const c of w.runtime.connections.all()) c.subscribe((s) => statements.push(s));
  const compiles = vi.spyOn(SQLCompiler.prototype, 'as_sql');
  return { ...w, statements, compiles };
}

const POST_GET =
  'SELECT "blog_post"."id", "blog_post"."title", "blog_post"."slug", "blog_post"."content", "blog_post"."full_text", "blog_post"."author_id", ' +
  '"blog_post"."category_id", "blog_post"."published", "blog_post"."published_date", "blog_post"."created_at", "blog_post"."view_count" ' +
  'FROM "blog_post" WHERE "blog_post"."id" = %s LIMIT 21';

afterEach(() => vi.restoreAllMocks());

describe('get(pk=...) with the compiled SQL', () => {
  it('compiles once per model, then runs the same statement with the new pk', async () => {
    const { models, statements, compiles } = await world();
    const { Post } = models;
    const first = Post.objects.get({ pk: 1 });
    const second = Post.objects.get({ id: 2 });
    const third = Post.objects.get({ pk: 3 });
    expect(compiles).toHaveBeenCalledTimes(1);
    expect(statements.map((s) => [s.sql, s.params, s.cause])).toEqual([
      [POST_GET, [1], 'get'],
      [POST_GET, [2], 'get'],
      [POST_GET, [3], 'get'],
    ]);
    expect([first.pk, second.pk, third.pk]).toEqual([1, 2, 3]);
    // Converters ran: a datetime column is a Date, a boolean is a boolean, as on the full path.
    expect(second.created_at).toBeInstanceOf(Date);
    expect(typeof second.published === 'boolean' || second.published === null).toBe(true);
    expect(second._state.db).toBe('default');
    expect(second._state.adding).toBe(false);
  });

  it("raises Django's DoesNotExist, and works again after it", async () => {
    const { models } = await world();
    const { Post } = models;
    Post.objects.get({ pk: 1 });
    expect(() => Post.objects.get({ pk: 999_999 })).toThrow(Post.DoesNotExist);
    expect(() => Post.objects.get({ pk: 999_999 })).toThrow('Post matching query does not exist.');
    expect(Post.objects.get({ pk: 2 }).pk).toBe(2);
  });

  it('lazy FK loads share it, with their own cause', async () => {
    const { models, statements, compiles } = await world();
    const { Comment } = models;
    const comments = [...Comment.objects.order_by('id').slice(0, 3)];
    statements.length = 0;
    compiles.mockClear();
    const titles = comments.map((c) => c.post.title);
    expect(titles.every((t) => typeof t === 'string')).toBe(true);
    expect(compiles).toHaveBeenCalledTimes(1);
    expect(statements.map((s) => [s.sql, s.params, s.cause])).toEqual(comments.map((c) => [POST_GET, [c.post_id], 'lazy FK load Comment.post']));
  });

  it('keeps one compiled statement per database alias', async () => {
    const { models, statements, compiles } = await world({ replica: true });
    const { Post } = models;
    Post.objects.get({ pk: 1 });
    Post.objects.using('replica').get({ pk: 1 });
    Post.objects.using('replica').get({ pk: 2 });
    expect(compiles).toHaveBeenCalledTimes(2);
    expect(statements.map((s) => s.alias)).toEqual(['default', 'replica', 'replica']);
  });

  it('leaves every other queryset to the full path: filtered, deferred, eager, related managers', async () => {
    const { models, statements } = await world();
    const { Post, Author } = models;
    Post.objects.get({ pk: 1 }); // compiled and kept
    statements.length = 0;
    Post.objects.filter({ published: true }).get({ pk: 1 });
    Post.objects.only('title').get({ pk: 1 });
    Post.objects.select_related('author').get({ pk: 1 });
    Author.objects.get({ pk: 1 }).post_set.get({ pk: 1 });
    Post.objects.get({ pk: 1, title__startswith: 'P' });
    const sqls = statements.map((s) => s.sql);
    expect(sqls[0]).toContain('"blog_post"."published"');
    expect(sqls[1]).toMatch(/^SELECT "blog_post"."id", "blog_post"."title" FROM/);
    expect(sqls[2]).toContain('INNER JOIN "blog_author"');
    expect(sqls[4]).toContain('"blog_post"."author_id" = %s');
    expect(sqls[5]).toContain('LIKE');
    expect(sqls.filter((s) => s === POST_GET)).toEqual([]);
  });

  it('gives a pk the field would convert to the full path, with the same answer Django gives', async () => {
    const { models, statements, compiles } = await world();
    const { Post } = models;
    Post.objects.get({ pk: 1 });
    compiles.mockClear();
    // IntegerField.get_prep_value('2') is 2 (Django: int('2')): the full path converts it.
    expect(Post.objects.get({ pk: '2' }).pk).toBe(2);
    expect(compiles).toHaveBeenCalledTimes(1);
    expect(statements.at(-1)!.params).toEqual([2]);
  });
});
