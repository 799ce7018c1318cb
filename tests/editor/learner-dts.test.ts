/**
 * The d.ts Monaco uses for learner code: learner snippets are compiled against it
 * with the TypeScript compiler, as Monaco's TypeScript worker would.
 */
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { defineBlogModels } from '../../lib/db/datasets/blog-models';
import { learnerCompilerOptions, learnerDeclarations } from '../../lib/editor/learner-dts';
import {
  Apps,
  CASCADE,
  CharField,
  DateField,
  DecimalField,
  FloatField,
  ForeignKey,
  JSONField,
  Manager,
  Model,
  OneToOneField,
  QuerySet,
  SET_NULL,
  TimeField,
  type ModelClass,
} from '../../lib/orm';
import type { Runtime } from '../../lib/orm/runtime';
import { learnerScope } from '../../lib/runner/scope';
import { languageService } from './language-service';
import { designApiSnippet, learnerModelSnippet, typeAssertions } from './snippets';
import { baseCompilerOptions, createProgram, diagnosticsOf, DTS_FILE, typecheck, type Diagnostic } from './typecheck';

/** The budget for the blog models' d.ts (it is about 130 KB). */
const SIZE_BUDGET = 300_000;

const blogModels = defineBlogModels(new Apps());
const dts = learnerDeclarations(Object.values(blogModels));

/** learnerCompilerOptions as the compiler API takes them (`lib` as file names). */
const learnerOptions: ts.CompilerOptions = {
  ...(learnerCompilerOptions as unknown as ts.CompilerOptions),
  lib: learnerCompilerOptions.lib.map((lib) => `lib.${lib}.d.ts`),
};

const check = (snippets: Record<string, string>, options = learnerOptions): Diagnostic[] =>
  typecheck(dts, snippets, options).filter((d) => d.file !== DTS_FILE);

const describeDiagnostics = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`);

describe('learnerDeclarations() for the blog models', () => {
  it('stays under the size budget and is generated in a few milliseconds', () => {
    expect(dts.length).toBeLessThan(SIZE_BUDGET);
    const started = performance.now();
    for (let i = 0; i < 5; i++) learnerDeclarations(Object.values(defineBlogModels(new Apps())));
    expect((performance.now() - started) / 5).toBeLessThan(250);
  });

  it('compiles on its own, strict or not', () => {
    for (const options of [baseCompilerOptions({ strict: true }), learnerOptions]) {
      const program = createProgram(dts, {}, options);
      const file = program.getSourceFile(DTS_FILE)!;
      const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
      expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    }
  }, 60_000);

  it('uses the compiler options Monaco gets', () => {
    expect(learnerCompilerOptions.target).toBe(ts.ScriptTarget.ES2022);
    expect(learnerCompilerOptions.module).toBe(ts.ModuleKind.ESNext);
    expect(learnerCompilerOptions.moduleDetection).toBe(ts.ModuleDetectionKind.Force);
  });

  it("accepts the learner's API as design.md shows it", () => {
    expect(describeDiagnostics(check({ design: designApiSnippet }))).toEqual([]);
  });

  it('infers rows, annotations, aggregates and related objects', () => {
    expect(describeDiagnostics(check({ types: typeAssertions }, baseCompilerOptions({ strict: false })))).toEqual([]);
  });

  it('compiles models and managers declared in learner code', () => {
    expect(describeDiagnostics(check({ models: learnerModelSnippet }))).toEqual([]);
  });

  it('accepts every field lookup Django has on SQLite, and relations by query name', () => {
    const lookups = ['exact', 'iexact', 'contains', 'icontains', 'startswith', 'istartswith', 'endswith', 'iendswith', 'regex', 'iregex'];
    const code = `
      Post.objects.filter({ title: 'x', ${lookups.map((l) => `title__${l}: 'x'`).join(', ')} });
      Post.objects.filter({ view_count__gt: 1, view_count__gte: 1, view_count__lt: 1, view_count__lte: 1, view_count__in: [1, 2], view_count__range: [1, 2], view_count__isnull: true });
      Post.objects.filter({ published_date__year: 2025, published_date__month: 1, published_date__day: 2, published_date__week_day: 3, published_date__hour: 4, published_date__minute: 5, published_date__date: new Date(), published_date__year__gte: 2020 });
      Post.objects.filter({ title__icontains: 'orm', author__username__startswith: 'a', published_date__year: 2024, pk__in: [1, 2], tags__name: 'python', comment__rating__gte: 4 });
      Comment.objects.filter({ post__author__username: 'alice', post__category__slug__in: ['tech'], post: OuterRef('pk'), author: null });
      Author.objects.exclude({ post__tags__name: 'python', comment__post__title__icontains: 'orm' });
      Post.objects.get_or_create({ title: 'x', defaults: { slug: 'x', author_id: 1 } });
      Author.objects.get({ username: 'alice' }).post_set.filter({ published: true, tags__name: 'x' }).exists();
      Post.objects.filter({ author__in: Author.objects.filter({ is_active: true }), pk__in: Post.objects.values('pk'), view_count__gt: Subquery(Post.objects.values('view_count').slice(0, 1)) });
      Post.objects.filter(Q({ published: true }).or(Q({ view_count__gt: 100 })), { author__is_active: true });
    `;
    expect(describeDiagnostics(check({ lookups: code }))).toEqual([]);
  });

  const typos: [string, string, string][] = [
    ["Post.objects.select_related('autor');", "'autor'", 'not assignable'],
    ["Post.objects.filter({ titel: 'x' });", 'titel', "'titel' does not exist"],
    ["Post.objects.values('titel');", "'titel'", 'not assignable'],
    ["Post.objects.order_by('-titel');", "'-titel'", 'not assignable'],
    ["Post.objects.prefetch_related('tagz');", "'tagz'", 'not assignable'],
    ["Author.objects.prefetch_related(Prefetch('post_sett', { to_attr: 'posts' }));", "Prefetch('post_sett', { to_attr: 'posts' })", '"post_sett"'],
    ["Post.objects.exclude({ author__usernam: 'x' });", 'author__usernam', "'author__usernam' does not exist"],
    ["Comment.objects.select_related('post__autor');", "'post__autor'", 'not assignable'],
    ["Post.objects.values_list('titel', { flat: true });", "'titel'", 'not assignable'],
    ["Post.objects.only('title', 'slugg');", "'slugg'", 'not assignable'],
    ["Post.objects.bulk_update([], ['titel']);", "'titel'", 'not assignable'],
    ["Post.objects.update({ titel: 'x' });", 'titel', "'titel' does not exist"],
    ["Post.objects.create({ titel: 'x' });", 'titel', "'titel' does not exist"],
    ["Post.objects.get({ pk: 1 }).titel;", 'titel', "'titel' does not exist"],
    ["Post.objects.filter({ view_count__gt: 'many' });", 'view_count__gt', "'string' is not assignable"],
    ["Author.objects.annotate({ n: Count('post') }).order_by('-m');", "'-m'", 'not assignable'],
  ];

  it.each(typos)('flags %s once, at the typo', (code, at, message) => {
    const diagnostics = check({ typo: code });
    expect(describeDiagnostics(diagnostics)).toHaveLength(1);
    const [d] = diagnostics;
    expect(d.text).toBe(at);
    expect(d.column).toBe(code.indexOf(at) + 1);
    expect(d.message).toContain(message);
  });

  it('accepts annotation names in later filter(), order_by() and values()', () => {
    const code = `
      Author.objects.annotate({ n: Count('post') }).filter({ n__gte: 2 }).order_by('-n').values('username', 'n');
      Post.objects.alias({ c: Count('comment') }).filter({ c__gt: 1 }).order_by('c');
      Post.objects.values('author__username').annotate({ n: Count('id') }).order_by('-n');
      Author.objects.annotate(Count('post')).order_by('-post__count');
    `;
    expect(describeDiagnostics(check({ annotations: code }))).toEqual([]);
  });

  it('type-checks every recorded Django case that ran without an exception', () => {
    const dir = new URL('../django/reference/', import.meta.url);
    const snippets: Record<string, string> = {};
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const cases: { ts: string; django: { exception: unknown } }[] = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
      cases.forEach((c, i) => {
        if (!c.django.exception) snippets[`${file.replace('.json', '')}_${i}`] = c.ts;
      });
    }
    expect(Object.keys(snippets).length).toBeGreaterThan(200);
    expect(describeDiagnostics(check(snippets))).toEqual([]);
  }, 120_000);

  it('declares every public method of QuerySet, Manager and Model instances', () => {
    /** Django's names are snake_case; camelCase methods are ORM Lab internals. */
    const publicNames = (proto: object, internal: string[]) =>
      Object.getOwnPropertyNames(proto).filter((n) => /^[a-z]+(_[a-z]+)*$/.test(n) && !internal.includes(n));
    const program = createProgram(dts, { '/members.ts': 'declare const qs: QuerySet<Post>; declare const m: Manager<Post>; declare const p: Post;' }, learnerOptions);
    const checker = program.getTypeChecker();
    const declaredMembers = (name: string) => {
      const statement = program.getSourceFile('/members.ts')!.statements.find((s) => s.getText().includes(`const ${name}:`)) as ts.VariableStatement;
      const type = checker.getTypeAtLocation(statement.declarationList.declarations[0]);
      return checker.getPropertiesOfType(type).map((s) => s.name);
    };
    /** Internals, and `length`: a getter that throws to send learners to len(qs)/count(); left undeclared so the editor flags it. */
    const internal = ['constructor', 'evaluate', 'resolve_expression', 'contribute_to_class', 'from_db', 'save_base', 'save_table', 'length'];
    expect(publicNames(QuerySet.prototype, internal).filter((n) => !declaredMembers('qs').includes(n))).toEqual([]);
    expect(publicNames(Manager.prototype, internal).filter((n) => !declaredMembers('m').includes(n))).toEqual([]);
    expect(publicNames(Model.prototype, internal).filter((n) => !declaredMembers('p').includes(n))).toEqual([]);
  });

  it("declares every name of the learner's scope", () => {
    const runtime = { connections: { get: () => ({}), all: () => [] }, settings: {}, apps: new Apps() } as unknown as Runtime;
    const scopeNames = [...Object.keys(learnerScope(runtime, { ...blogModels })), 'print', 'result'];
    const program = createProgram(dts, { '/scope.ts': 'export {};' }, learnerOptions);
    const symbols = program.getTypeChecker().getSymbolsInScope(program.getSourceFile('/scope.ts')!, ts.SymbolFlags.Value);
    const declared = new Set(symbols.map((s) => s.name));
    /** Runtime plumbing in scope that learners have no use for. */
    const internal = ['Apps', 'createRuntime'];
    expect(scopeNames.filter((n) => !declared.has(n) && !internal.includes(n))).toEqual([]);
    /** Django functions declared ahead of their port to lib/orm. */
    const pending = ['Collate', 'JSONObject', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512'];
    const fromDts = symbols.filter((s) => s.declarations?.some((d) => d.getSourceFile().fileName === DTS_FILE)).map((s) => s.name);
    expect(fromDts.filter((n) => !scopeNames.includes(n) && n !== 'OrmLab' && !pending.includes(n))).toEqual([]);
  });
});

describe('learnerDeclarations() for other models', () => {
  function otherModels(): ModelClass[] {
    const apps = new Apps();
    const { Author } = defineBlogModels(apps);
    class Profile extends Model {
      static override fields = {
        user: OneToOneField(() => Author, { on_delete: CASCADE, related_name: 'profile' }),
        website: CharField({ max_length: 200, blank: true }),
      };
    }
    class Node extends Model {
      static override fields = {
        name: CharField({ max_length: 50 }),
        parent: ForeignKey('self', { on_delete: SET_NULL, null: true, related_name: 'children' }),
      };
    }
    class Event extends Model {
      static override fields = {
        data: JSONField({ default: () => ({}) }),
        day: DateField(),
        starts: TimeField(),
        price: DecimalField({ max_digits: 6, decimal_places: 2 }),
        score: FloatField({ null: true }),
      };
    }
    /** Named like an ORM Lab global: only its types are declared, under another name. */
    class Value extends Model {
      static override fields = { amount: FloatField(), event: ForeignKey(() => Event, { on_delete: CASCADE }) };
    }
    apps.register(Profile, Node, Event, Value);
    return [Profile, Node, Event, Value];
  }

  it('follows one-to-one, self and reverse relations, and renames a model that shadows a global', () => {
    const other = learnerDeclarations(otherModels());
    const code = `
      const author = Author.objects.select_related('profile').get({ pk: 1 });
      print(author.profile.website, author.profile.user.username);
      Profile.objects.select_related('user').filter({ user__username: 'a', user__post__title: 'x' });
      Author.objects.filter({ profile__website__contains: 'example' });
      const node = Node.objects.get({ name: 'root' });
      node.children.all(); node.parent?.name;
      Node.objects.filter({ parent__name: 'root', children__name__startswith: 'a' }).prefetch_related('children__children');
      Event.objects.filter({ data__tags__contains: 'x', day__year: 2025, starts__hour: 9, price__gte: 10 });
      Event.objects.get({ pk: 1 }).value_set.all();
      const v: ValueModel | null = null;
      Value(3);
    `;
    const program = createProgram(other, { '/other.ts': code }, learnerOptions);
    const file = program.getSourceFile(DTS_FILE)!;
    expect(program.getSemanticDiagnostics(file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    expect(describeDiagnostics(diagnosticsOf(program).filter((d) => d.file !== DTS_FILE))).toEqual([]);
    expect(other).toContain('interface ValueModel extends');
    const typo = diagnosticsOf(createProgram(other, { '/typo.ts': "Node.objects.filter({ parnt: null });" }, learnerOptions));
    expect(typo.map((d) => d.text)).toEqual(['parnt']);
  });
});

describe('Monaco IntelliSense from the d.ts', () => {
  const service = languageService(dts, learnerOptions);

  it('completes field names and relation paths in strings and lookups', () => {
    expect(service.completions("Post.objects.select_related('|')")).toEqual(['author', 'category']);
    expect(service.completions("Comment.objects.select_related('|')")).toEqual(['post', 'author', 'post__author', 'post__category']);
    expect(service.completions("Post.objects.prefetch_related('|')")).toEqual(
      expect.arrayContaining(['tags', 'comment_set', 'author', 'category', 'comment_set__author', 'tags__post_set']),
    );
    expect(service.completions("Author.objects.prefetch_related(Prefetch('|'))")).toEqual(expect.arrayContaining(['post_set', 'comment_set']));
    expect(service.completions('Post.objects.filter({ | })')).toEqual(
      expect.arrayContaining(['title', 'title__icontains', 'author__username__startswith', 'published_date__year', 'pk__in', 'tags__name', 'comment__rating__gte']),
    );
    expect(service.completions("Post.objects.values('|')")).toEqual(expect.arrayContaining(['title', 'author__username', 'author_id', 'pk']));
    expect(service.completions("Post.objects.order_by('|')")).toEqual(expect.arrayContaining(['-created_at', 'title', '?']));
    expect(service.completions("Author.objects.annotate({ post_count: Count('post') }).order_by('|')")).toEqual(expect.arrayContaining(['-post_count']));
    expect(service.completions('Post.objects.get({ pk: 1 }).|')).toEqual(expect.arrayContaining(['title', 'author', 'author_id', 'tags', 'comment_set', 'save']));
  });

  it('shows a doc with an example and its SQL on hover', () => {
    const hover = service.hover("Post.objects.select_rel|ated('author')");
    expect(hover.signature).toContain('select_related(...fields: Post.SelectRelated[]): QuerySet<Post, Post, never>');
    expect(hover.documentation).toContain('Follow foreign keys in the same query with a JOIN');
    expect(hover.documentation).toContain('`Post.objects.select_related(\'author\')` → `SELECT "blog_post"."id", ..., "blog_author"."id", ... FROM "blog_post" INNER JOIN "blog_author" ON');
    expect(service.hover('const p = Post.objects.get({ pk: 1 }); p.auth|or').documentation).toContain('select_related(\'author\')');
    expect(service.hover('Cou|nt').documentation).toContain('COUNT(');
  });
});
