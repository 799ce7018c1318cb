/**
 * The database the ORM builds and what it stores must be Django's: the same DDL
 * as Django's schema editor, the same value encoding on SQLite, and fixtures that
 * round-trip through loaddata → dumpdata unchanged.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBlogSchema, openBlog } from '../../lib/db/datasets/blog';
import { dumpdata, FixtureError, loaddata } from '../../lib/db/fixtures';
import { SchemaEditor } from '../../lib/db/schema';
import { djangoBlogDdl, loadSqlJs, referenceWorld } from '../helpers/sqljs';

describe('schema', () => {
  it('creates exactly the tables and indexes Django creates, in the same order', async () => {
    const world = openBlog(await loadSqlJs());
    const conn = world.runtime.connections.get('default');
    const ddl: string[] = [];
    conn.subscribe((s) => ddl.push(s.sql));
    createBlogSchema(world);
    expect(ddl.map((sql) => sql + ';')).toEqual(djangoBlogDdl());
  });

  it('adds and drops an index on a live database, changing the plan from SCAN to SEARCH', async () => {
    const world = await referenceWorld();
    const { Comment } = world.models;
    const { Index } = await import('../../lib/orm');
    const editor = new SchemaEditor(world.runtime.connections.get('default'));
    const plan = () => Comment.objects.filter({ rating: 5 }).explain();
    expect(plan()).toMatch(/SCAN blog_comment/);
    const index = Index({ fields: ['rating'], name: 'comment_rating_idx' });
    editor.add_index(Comment, index);
    expect(plan()).toMatch(/SEARCH blog_comment USING INDEX comment_rating_idx/);
    editor.remove_index(Comment, index);
    expect(plan()).toMatch(/SCAN blog_comment/);
  });
});

describe('stored values', () => {
  it('stores datetimes as naive UTC text, booleans as 0/1 and NULL as NULL, as Django on SQLite', async () => {
    const world = await referenceWorld();
    const { Post, Author } = world.models;
    const post = Post.objects.create({
      title: 't',
      slug: 't',
      content: 'c',
      author: Author.objects.get({ pk: 1 }),
      published: true,
      published_date: new Date(Date.UTC(2025, 6, 19, 22, 24, 5, 123)),
      created_at: new Date(Date.UTC(2025, 6, 19, 22, 24, 0)),
      view_count: null,
    });
    const row = world.runtime.connections
      .get('default')
      .fetchAll('SELECT published, published_date, created_at, view_count, full_text FROM blog_post WHERE id = %s', [post.pk])[0];
    expect(row).toEqual([1, '2025-07-19 22:24:05.123000', '2025-07-19 22:24:00', null, '']);
    const fresh = Post.objects.get({ pk: post.pk });
    expect(fresh.published).toBe(true);
    expect(fresh.published_date.toISOString()).toBe('2025-07-19T22:24:05.123Z');
    expect(fresh.view_count).toBeNull();
  });
});

describe('fixtures', () => {
  const reference = JSON.parse(readFileSync(new URL('../fixtures/blog-reference.json', import.meta.url), 'utf8'));

  it('round-trips Django dumpdata JSON: loaddata then dumpdata gives the same records', async () => {
    const world = await referenceWorld();
    const { Author, Category, Tag, Post, Comment } = world.models;
    expect(dumpdata([Author, Category, Tag, Post, Comment])).toEqual(reference);
  });

  it('names the record and the field of a bad fixture', async () => {
    const world = openBlog(await loadSqlJs());
    createBlogSchema(world);
    const bad = [
      { model: 'blog.tag', pk: 1, fields: { name: 'x' } },
      { model: 'blog.post', pk: 1, fields: { titel: 'x' } },
    ];
    expect(() => loaddata(world.runtime.apps, bad, 'bad.json')).toThrow(
      new FixtureError("bad.json: record 2 (blog.post pk=1): Post has no field named 'titel'"),
    );
    expect(() => loaddata(world.runtime.apps, [{ model: 'blog.pst', fields: {} }], 'bad.json')).toThrow(
      "bad.json: record 1: Invalid model identifier: 'blog.pst'",
    );
    expect(() => loaddata(world.runtime.apps, [{ model: 'blog.author', pk: 1, fields: { joined_at: 'yesterday' } }], 'bad.json')).toThrow(
      /record 1 \(blog\.author pk=1\): 'joined_at' expects an ISO date\/time/,
    );
  });
});
