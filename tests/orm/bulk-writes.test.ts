/**
 * Fast paths of the bulk writes, which must not change what a learner sees.
 *
 * bulk_update() resolves the `When(pk=...)` of the first object through the
 * filter machinery and reuses that lookup for the others. Nothing a learner
 * can see may change: the statements and parameters must be those of Django's
 * algorithm written out with `When({ pk, then })`, and so must the rows.
 */
import { describe, expect, it } from 'vitest';
import { bulkBatchSize } from '../../lib/orm/backend/operations';
import { Case, When } from '../../lib/orm/expressions/conditional';
import { F, isResolvable, Value } from '../../lib/orm/expressions/core';
import { Lower } from '../../lib/orm/expressions/functions/text';
import { ValueError } from '../../lib/orm/errors';
import type { Field } from '../../lib/orm/fields/field';
import type { Model, ModelClass } from '../../lib/orm/model';
import type { QuerySet } from '../../lib/orm/queryset';
import { atomic } from '../../lib/orm/transaction';
import { referenceWorld } from '../helpers/sqljs';

type Edit = (obj: Record<string, unknown>, i: number) => void;

/** Django's bulk_update(), spelled with the public API: `When(pk=..., then=...)` per object and field, one update() per batch. */
function referenceBulkUpdate(queryset: QuerySet, objs: Model[], fieldNames: string[], batchSize?: number): number {
  const model = queryset.model;
  const fields = fieldNames.map((n) => model._meta.get_field(n) as Field);
  const max = bulkBatchSize(fields.length + 2, objs.length);
  const size = batchSize ? Math.min(batchSize, max) : max;
  let updated = 0;
  atomic(
    () => {
      for (let i = 0; i < objs.length; i += size) {
        const batch = objs.slice(i, i + size);
        const kwargs: Record<string, unknown> = {};
        for (const field of fields) {
          const whens = batch.map((obj) => {
            const attr = (obj as unknown as Record<string, unknown>)[field.attname];
            const then = isResolvable(attr) ? attr : new Value(attr, field);
            return new When({ pk: obj.pk, then });
          });
          kwargs[field.attname] = new Case(...whens, { output_field: field });
        }
        updated += queryset.filter({ pk__in: batch.map((o) => o.pk) }).update(kwargs);
      }
    },
    { using: 'default', savepoint: false },
  );
  return updated;
}

type Scope = (Post: ModelClass) => QuerySet;

/** Runs `update` on fresh reference data: the statements, its result, and the rows afterwards. */
async function run(pks: number[], edit: Edit, update: (queryset: QuerySet, objs: Model[]) => number, scope: Scope) {
  const { runtime, models } = await referenceWorld();
  const statements: [string, unknown[]][] = [];
  const { Post } = models;
  const posts = [...Post.objects.filter({ pk__in: pks }).order_by('pk')];
  posts.forEach((p, i) => edit(p as unknown as Record<string, unknown>, i));
  const unsubscribe = runtime.connections.get('default').subscribe((s) => statements.push([s.sql, [...s.params]]));
  const result = update(scope(Post), posts);
  unsubscribe();
  const rows = [...Post.objects.filter({ pk__in: pks }).order_by('pk').values_list('view_count', 'title', 'published', 'category_id')];
  return { statements, result, rows };
}

async function expectSameAsDjangosAlgorithm(pks: number[], fieldNames: string[], edit: Edit, batchSize?: number, scope: Scope = (Post) => Post.objects.all()) {
  const fast = await run(pks, edit, (qs, objs) => qs.bulk_update(objs, fieldNames, batchSize ? { batch_size: batchSize } : {}), scope);
  const reference = await run(pks, edit, (qs, objs) => referenceBulkUpdate(qs, objs, fieldNames, batchSize), scope);
  expect(fast.statements).toEqual(reference.statements);
  expect(fast.result).toBe(reference.result);
  expect(fast.rows).toEqual(reference.rows);
  return fast;
}

describe('bulk_update() reuses the first resolved When(pk=...)', () => {
  it('runs the statements of When(pk=...) per object, with plain values', async () => {
    const { statements, result } = await expectSameAsDjangosAlgorithm([1, 2, 3, 4], ['view_count'], (p, i) => (p.view_count = 100 + i));
    expect(result).toBe(4);
    expect(statements[1]).toEqual([
      'UPDATE "blog_post" SET "view_count" = CASE WHEN ("blog_post"."id" = %s) THEN %s WHEN ("blog_post"."id" = %s) THEN %s ' +
        'WHEN ("blog_post"."id" = %s) THEN %s WHEN ("blog_post"."id" = %s) THEN %s ELSE NULL END WHERE "blog_post"."id" IN (%s, %s, %s, %s)',
      [1, 100, 2, 101, 3, 102, 4, 103, 1, 2, 3, 4],
    ]);
  });

  it('with F() expressions, None on nullable fields and several fields', async () => {
    await expectSameAsDjangosAlgorithm([1, 2, 3, 5], ['view_count', 'published', 'category_id'], (p, i) => {
      p.view_count = i % 2 ? new F('view_count').add(i) : null;
      p.published = i % 3 === 0 ? null : i % 2 === 0;
      p.category_id = i === 1 ? null : p.category_id;
    });
  });

  it('splits into batches as Django does', async () => {
    const { statements } = await expectSameAsDjangosAlgorithm([1, 2, 3, 4, 5, 6, 7], ['title', 'view_count'], (p, i) => {
      p.title = `t${i}`;
      p.view_count = i;
    }, 3);
    expect(statements.map(([sql]) => sql.split(' ')[0])).toEqual(['BEGIN', 'UPDATE', 'UPDATE', 'UPDATE', 'COMMIT']);
  });

  it('takes pks given as strings through the field, as the lookup does', async () => {
    await expectSameAsDjangosAlgorithm([2, 4], ['view_count'], (p, i) => {
      p.id = String(p.id);
      p.view_count = i;
    });
  });

  it("resolves pk as the queryset's query does, even against an annotation named pk", async () => {
    const annotated: Scope = (Post) => Post.objects.annotate({ pk: new Value(1) });
    const { statements } = await expectSameAsDjangosAlgorithm([1, 2], ['view_count'], (p) => (p.view_count = 7), undefined, annotated);
    expect(statements[1][0]).toContain('CASE WHEN (%s = %s) THEN %s');
  });

  it('on a queryset filtered across a join', async () => {
    const joined: Scope = (Post) => Post.objects.filter({ author__username__isnull: false });
    const { statements } = await expectSameAsDjangosAlgorithm([1, 2, 3], ['view_count'], (p, i) => (p.view_count = i), undefined, joined);
    expect(statements[1][0]).toContain('IN (SELECT');
  });

  it('still raises for objects without a pk', async () => {
    const { models } = await referenceWorld();
    const { Post } = models;
    const posts = [...Post.objects.filter({ pk__in: [1, 2] })];
    posts[1].pk = null;
    expect(() => Post.objects.bulk_update(posts, ['view_count'])).toThrow(ValueError);
    expect(() => Post.objects.bulk_update(posts, ['view_count'])).toThrow('All bulk_update() objects must have a primary key set.');
  });
});

describe('bulk_create() rows', () => {
  it('share one placeholder row when plain, and keep their own SQL with expressions', async () => {
    const { runtime, models } = await referenceWorld();
    const { Tag, Comment } = models;
    const statements: [string, unknown[]][] = [];
    runtime.connections.get('default').subscribe((s) => statements.push([s.sql, [...s.params]]));
    Tag.objects.bulk_create([new Tag({ name: 'plain' }), new Tag({ name: new Lower(new Value('MiXeD')) }), new Tag({ name: 'x' })]);
    Comment.objects.bulk_create([
      new Comment({ post_id: 1, author_id: 1, body: new Value('b'), rating: 2, created_at: new Date(Date.UTC(2025, 1, 1)) }),
      new Comment({ post_id: 2, author_id: null, body: 'c', rating: new Value(3), created_at: new Date(Date.UTC(2025, 1, 1, 0, 0, 0, 5)) }),
    ]);
    expect(statements.filter(([sql]) => sql.startsWith('INSERT'))).toEqual([
      ['INSERT INTO "blog_tag" ("name") VALUES (%s), (LOWER(%s)), (%s) RETURNING "blog_tag"."id"', ['plain', 'MiXeD', 'x']],
      [
        'INSERT INTO "blog_comment" ("post_id", "author_id", "body", "rating", "created_at") VALUES (%s, %s, %s, %s, %s), (%s, %s, %s, %s, %s) ' +
          'RETURNING "blog_comment"."id"',
        [1, 1, 'b', 2, '2025-02-01 00:00:00', 2, null, 'c', 3, '2025-02-01 00:00:00.005000'],
      ],
    ]);
    expect(Tag.objects.filter({ name: 'mixed' }).count()).toBe(1);
  });
});
