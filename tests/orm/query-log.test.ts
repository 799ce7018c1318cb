/**
 * connection.queries keeps the last 9,000 statements in order, as Django's
 * queries_log (a deque with maxlen 9000) does.
 */
import { describe, expect, it } from 'vitest';
import { referenceWorld } from '../helpers/sqljs';

describe('connection.queries', () => {
  it('keeps the newest 9,000 statements, oldest first, and starts over after reset_queries()', async () => {
    const { runtime, models } = await referenceWorld();
    const connection = runtime.connections.get('default');
    const { Tag } = models;
    for (let i = 1; i <= 9_005; i++) Tag.objects.filter({ pk: i }).exists();
    const queries = connection.queries;
    expect(queries).toHaveLength(9_000);
    expect(queries[0].sql).toContain('"blog_tag"."id" = 6 LIMIT 1');
    expect(queries[8_999].sql).toContain('"blog_tag"."id" = 9005 LIMIT 1');
    connection.reset_queries();
    Tag.objects.filter({ pk: 1 }).exists();
    expect(connection.queries.map((q) => q.sql)).toEqual(['SELECT 1 AS "a" FROM "blog_tag" WHERE "blog_tag"."id" = 1 LIMIT 1']);
  });
});
