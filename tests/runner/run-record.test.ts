/**
 * The run record: statements carry the learner's line and the reason they ran,
 * errors carry their position, and the record stays small whatever the code does.
 */
import { describe, expect, it } from 'vitest';
import { buildBlogSnapshot } from '../../lib/db/datasets/blog';
import { openRunWorld, runOnSnapshot } from '../../lib/runner/session';
import { loadSqlJs, referenceSnapshot } from '../helpers/sqljs';

async function run(code: string) {
  return runOnSnapshot(await loadSqlJs(), await referenceSnapshot(), code, { file: 'test.ts' });
}

describe('run record', () => {
  it('attributes the N+1 queries to the loop body line, with the lazy-load cause', async () => {
    const record = await run(`const posts = Post.objects.all();
for (const post of posts) {
  print(post.author.username);
}`);
    expect(record.error).toBeNull();
    expect(record.output).toHaveLength(60);
    const [first, ...rest] = record.statements;
    expect(first.line).toBe(2);
    expect(first.cause).toBe('evaluate');
    expect(rest).toHaveLength(60);
    expect(new Set(rest.map((s) => s.line))).toEqual(new Set([3]));
    expect(new Set(rest.map((s) => s.cause))).toEqual(new Set(['lazy FK load Post.author']));
    expect(record.lines).toEqual({ 2: 1, 3: 60 });
    expect(record.totals.statements).toBe(61);
    expect(record.totals.reads).toBe(61);
  });

  it('runs the select_related fix in one statement', async () => {
    const record = await run(`for (const post of Post.objects.select_related('author')) print(post.author.username);`);
    expect(record.totals.statements).toBe(1);
    expect(record.statements[0].sql).toContain('INNER JOIN "blog_author" ON ("blog_post"."author_id" = "blog_author"."id")');
  });

  it('reports an ORM error with Django’s class and message and the learner’s line and column', async () => {
    const record = await run(`const ok = 1;\n  const qs = Post.objects.filter({ titel: 'x' });`);
    expect(record.error).toMatchObject({ type: 'FieldError', line: 2 });
    expect(record.error!.message).toMatch(/^Cannot resolve keyword 'titel' into field\. Choices are: author, author_id/);
    expect(record.error!.column).toBeGreaterThan(1);
  });

  it('reports a syntax error with its line and column, running nothing', async () => {
    const record = await run(`const a = 1;\nconst b = ;`);
    expect(record.error).toEqual({ type: 'SyntaxError', message: 'Unexpected token', line: 2, column: 11 });
    expect(record.totals.statements).toBe(0);
  });

  it('prints like Python: True/None, lists and model reprs', async () => {
    const record = await run(`print(true, null, [1, 'a'], Tag.objects.get({ pk: 1 }), Tag.objects.filter({ pk__lt: 3 }));`);
    expect(record.output).toEqual(["True None [1, 'a'] python <QuerySet [<Tag: python>, <Tag: django>]>"]);
  });

  it('stays bounded: a 3,000-query loop keeps exact totals but lists a few statements per similar group', async () => {
    const record = await run(`for (let i = 0; i < 3000; i++) Tag.objects.filter({ pk: (i % 8) + 1 }).exists();`);
    expect(record.totals.statements).toBe(3000);
    expect(record.statements.length).toBeLessThanOrEqual(500);
    expect(record.elided.statements).toBe(3000 - record.statements.length);
    expect(record.elided.note).toMatch(/counted but not listed/);
    expect(record.groups).toHaveLength(1);
    expect(record.groups[0]).toMatchObject({ count: 3000, duplicates: 3000 - 8 });
    expect(JSON.stringify(record).length).toBeLessThan(300_000);
  });

  it('shortens long parameter values and says so', async () => {
    const record = await run(`Tag.objects.filter({ name: 'x'.repeat(5000) }).exists();`);
    expect(record.statements[0].params.at(-1)).toMatch(/^x{200}…\(\+4800 chars\)$/);
    expect(record.elided.truncated_params).toBe(1);
  });

  it('caps printed output at 2,000 lines with a note', async () => {
    const record = await run(`for (let i = 0; i < 2500; i++) print(i);`);
    expect(record.output).toHaveLength(2000);
    expect(record.elided.output_lines).toBe(500);
  });

  it('starts every run from the same data', async () => {
    const first = await run(`Tag.objects.all().delete(); print(Tag.objects.count());`);
    const second = await run(`print(Tag.objects.count());`);
    expect(first.output).toEqual(['0']);
    expect(second.output).toEqual(['8']);
  });
});

describe('models declared by the learner', () => {
  it('get a table on first use (shown as migrate statements) and work with relations, O2O included', async () => {
    const record = await run(`class Profile extends Model {
  static fields = {
    author: OneToOneField(() => Author, { on_delete: CASCADE }),
    website: CharField({ max_length: 200, blank: true }),
  };
}
const alice = Author.objects.get({ username: 'alice' });
Profile.objects.create({ author: alice, website: 'https://alice.example' });
const fresh = Author.objects.get({ pk: alice.pk });
print(fresh.profile.website);
print(Profile.objects.select_related('author').get().author.username);
print(Author.objects.filter({ profile__website__contains: 'alice' }).count());`);
    expect(record.error).toBeNull();
    expect(record.output).toEqual(['https://alice.example', 'alice', '1']);
    const ddl = record.statements.filter((s) => s.kind === 'schema');
    expect(ddl.map((s) => s.sql)).toEqual([
      'CREATE TABLE "blog_profile" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "author_id" integer NOT NULL UNIQUE REFERENCES "blog_author" ("id") DEFERRABLE INITIALLY DEFERRED, "website" varchar(200) NOT NULL)',
    ]);
    expect(new Set(ddl.map((s) => s.cause))).toEqual(new Set(['migrate blog.Profile']));
    const reverse = record.statements.find((s) => s.cause === 'lazy O2O load Author.profile');
    expect(reverse?.line).toBe(10);
  });

  it('names the model and field of a bad declaration', async () => {
    const record = await run(`class Review extends Model {
  static fields = { title: CharField() };
}
Review.objects.count();`);
    expect(record.error).toMatchObject({ type: 'ImproperlyConfigured', message: "Review.title: CharFields must define a 'max_length' attribute.", line: 4 });
  });

  it('rejects unknown keyword arguments as Django does', async () => {
    const record = await run(`new Tag({ nam: 'x' });`);
    expect(record.error).toMatchObject({ type: 'TypeError', message: "Tag() got unexpected keyword arguments: 'nam'", line: 1 });
  });
});

describe('schema changes from learner code', () => {
  it('adds an index through connection.schema_editor(), turning a SCAN into a SEARCH', async () => {
    const record = await run(`print(Comment.objects.filter({ rating: 1 }).explain());
connection.schema_editor().add_index(Comment, Index({ fields: ['rating'], name: 'comment_rating_idx' }));
print(Comment.objects.filter({ rating: 1 }).explain());`);
    expect(record.error).toBeNull();
    expect(record.output[0]).toMatch(/SCAN blog_comment/);
    expect(record.output[1]).toMatch(/SEARCH blog_comment USING INDEX comment_rating_idx \(rating=\?\)/);
    expect(record.statements.find((s) => s.kind === 'schema')?.sql).toBe('CREATE INDEX "comment_rating_idx" ON "blog_comment" ("rating")');
  });

  it("schema_editor(fn) runs Django's `with connection.schema_editor()` statements on SQLite", async () => {
    const record = await run(`connection.schema_editor((editor) => editor.add_index(Comment, Index({ fields: ['rating'], name: 'comment_rating_idx' })));`);
    expect(record.error).toBeNull();
    // ../shared/django-reference/ask: the same seven statements, in this order.
    expect(record.statements.map((s) => s.sql)).toEqual([
      'PRAGMA foreign_keys = OFF',
      'PRAGMA foreign_keys',
      'BEGIN',
      'CREATE INDEX "comment_rating_idx" ON "blog_comment" ("rating")',
      'PRAGMA foreign_key_check',
      'COMMIT',
      'PRAGMA foreign_keys = ON',
    ]);
  });

  it('schema_editor(fn) rolls the change back when the block raises, and turns the checks back on', async () => {
    const record = await run(`try {
  connection.schema_editor((editor) => {
    editor.add_index(Comment, Index({ fields: ['rating'], name: 'comment_rating_idx' }));
    throw new ValueError('stop');
  });
} catch (e) { print(String(e)); }
print(Comment.objects.filter({ rating: 1 }).explain());
print(connection.cursor().execute('PRAGMA foreign_keys').fetchone()[0]);`);
    expect(record.error).toBeNull();
    expect(record.output[1]).toMatch(/SCAN blog_comment/);
    expect(record.output[2]).toBe('1');
    expect(record.statements.map((s) => s.sql)).toContain('ROLLBACK');
  });

  it("schema_editor(fn) names a row whose foreign key points at nothing, in Django's words", async () => {
    const record = await run(`connection.schema_editor(() => {
  connection.cursor().execute('UPDATE blog_comment SET post_id = 9999 WHERE id = 3');
});`);
    expect(record.error?.type).toBe('IntegrityError');
    expect(record.statements.map((s) => s.display_sql).slice(4, 8)).toEqual([
      'PRAGMA foreign_key_check',
      'PRAGMA foreign_key_list("blog_comment")',
      'PRAGMA table_info("blog_comment")',
      'SELECT "id", "post_id" FROM "blog_comment" WHERE rowid = 3',
    ]);
    expect(record.error?.message).toBe(
      "The row in table 'blog_comment' with primary key '3' has an invalid foreign key: blog_comment.post_id contains a value '9999' that does not have a corresponding value in blog_post.id.",
    );
  });
});

describe('worlds opened ahead of time', () => {
  it('run on their own database even after another dataset was built in between', async () => {
    const SQL = await loadSqlJs();
    const snapshot = await referenceSnapshot();
    const world = openRunWorld(SQL, snapshot);
    buildBlogSnapshot(SQL, 'tiny'); // activates, then closes, a runtime of its own
    const record = runOnSnapshot(SQL, snapshot, 'print(Post.objects.count())', { world });
    expect(record.error).toBeNull();
    expect(record.output).toEqual([String(await countPosts(snapshot))]);
  });
});

async function countPosts(snapshot: Uint8Array): Promise<number> {
  const db = new (await loadSqlJs()).Database(snapshot);
  try {
    return Number(db.exec('SELECT COUNT(*) FROM blog_post')[0].values[0][0]);
  } finally {
    db.close();
  }
}
