/**
 * on_delete behaviours the blog models don't use (PROTECT, RESTRICT, SET_DEFAULT,
 * DO_NOTHING), checked on models declared the way a learner declares them, and
 * database routing with the `replica` alias.
 */
import { describe, expect, it } from 'vitest';
import { runOnSnapshot } from '../../lib/runner/session';
import { loadSqlJs, referenceSnapshot } from '../helpers/sqljs';

async function run(code: string) {
  return runOnSnapshot(await loadSqlJs(), await referenceSnapshot(), code);
}

const MODELS = `
class Shelf extends Model {
  static fields = { name: CharField({ max_length: 20 }) };
  toString() { return this.name; }
}
class Book extends Model {
  static fields = {
    title: CharField({ max_length: 50 }),
    shelf: ForeignKey(() => Shelf, { on_delete: PROTECT }),
  };
  toString() { return this.title; }
}
class Loan extends Model {
  static fields = {
    book: ForeignKey(() => Book, { on_delete: RESTRICT }),
    shelf: ForeignKey(() => Shelf, { on_delete: CASCADE, null: true }),
  };
}
class Note extends Model {
  static fields = {
    book: ForeignKey(() => Book, { on_delete: SET_DEFAULT, null: true, default: null }),
    other: ForeignKey(() => Shelf, { on_delete: DO_NOTHING, null: true, db_constraint: false }),
  };
}
const shelf = Shelf.objects.create({ name: 'A' });
const book = Book.objects.create({ title: 'Dune', shelf });
`;

describe('on_delete', () => {
  it('PROTECT raises ProtectedError with Django’s message and deletes nothing', async () => {
    const record = await run(`${MODELS}
try { shelf.delete(); } catch (e) { print(e.name, e.message, [...e.protected_objects].map(String)); }
print(Shelf.objects.count(), Book.objects.count());`);
    expect(record.error).toBeNull();
    expect(record.output).toEqual([
      "ProtectedError Cannot delete some instances of model 'Shelf' because they are referenced through protected foreign keys: 'Book.shelf'. ['Dune']",
      '1 1',
    ]);
  });

  it('RESTRICT raises RestrictedError unless the restricting rows are deleted by the same cascade', async () => {
    const record = await run(`${MODELS}
const loan = Loan.objects.create({ book });
try { book.delete(); } catch (e) { print(e.name, e.message); }
Book.objects.filter({ pk: book.pk }).update({ shelf: shelf });
const loan2 = Loan.objects.create({ book, shelf });
print(Loan.objects.count());`);
    expect(record.output).toEqual([
      "RestrictedError Cannot delete some instances of model 'Book' because they are referenced through restricted foreign keys: 'Loan.book'.",
      '2',
    ]);
  });

  it('SET_DEFAULT sets the default and reports the deleted counts per model', async () => {
    const record = await run(`${MODELS}
const extra = Book.objects.create({ title: 'Emma', shelf });
const note = Note.objects.create({ book: extra });
print(extra.delete());
note.refresh_from_db();
print(note.book_id);`);
    expect(record.error).toBeNull();
    expect(record.output).toEqual(["(1, {'blog.Book': 1})", 'None']);
  });
});

describe('routing', () => {
  it('refuses a foreign key to an object from another database, as Django’s default allow_relation', async () => {
    const record = await run(`const author = Author.objects.using('replica').get({ pk: 1 });
const post = Post.objects.get({ pk: 1 });
post.author = author;`);
    expect(record.error).toMatchObject({
      type: 'ValueError',
      message: 'Cannot assign "<Author: alice>": the current database router prevents this relation.',
      line: 3,
    });
  });

  it('sends reads to the replica through a router; the replica does not see writes made during the run', async () => {
    const record = await run(`settings.DATABASE_ROUTERS = [{
  db_for_read: () => 'replica',
  db_for_write: () => 'default',
}];
const tag = Tag.objects.create({ name: 'fresh' });
print(Tag.objects.filter({ name: 'fresh' }).exists(), Tag.objects.using('default').filter({ name: 'fresh' }).exists());
const loaded = Tag.objects.get({ pk: 1 });
print(loaded._state.db);`);
    expect(record.error).toBeNull();
    expect(record.output).toEqual(['False True', 'replica']);
    expect(record.statements.map((s) => s.alias)).toEqual(['default', 'replica', 'default', 'replica']);
  });

  it('assertNumQueries fails with Django’s message listing the queries', async () => {
    const record = await run(`assertNumQueries(1, () => { for (const p of Post.objects.all().slice(0, 2)) p.author.username; });`);
    expect(record.error?.type).toBe('AssertionError');
    expect(record.error?.message.split('\n').slice(0, 2)).toEqual(['3 != 1 : 3 queries executed, 1 expected', 'Captured queries were:']);
    expect(record.error?.message).toMatch(/^3\. SELECT "blog_author"\."id"/m);
  });
});
