/**
 * The learner's d.ts: what Monaco knows about the global scope of learner code.
 *
 * How it is typed (see the `OrmLab` namespace in declarations/type-machinery.ts):
 * - Each model is an instance interface (`Post`), a namespace of generated schema types
 *   (`Post.Lookups`, `Post.Paths`, `Post.SelectRelated`, ...) and a value
 *   `declare const Post: OrmLab.ModelClass<Post>`. The instance carries its schema as a
 *   phantom symbol property, so `QuerySet<Post>`, `Manager<Post>`, `RelatedManager<Post>`
 *   find their lookups from the instance type alone.
 * - `QuerySet<M, Row, Ann>`: `Row` is what iteration yields (instances, plus annotations
 *   and Prefetch `to_attr` lists; objects after values(); tuples after values_list()),
 *   `Ann` the names annotate()/alias() added, accepted by later filter()/order_by()/values().
 *   An annotation name is forgotten when the annotated queryset is assigned to a variable
 *   typed before annotate() (`let qs = Post.objects.all(); qs = qs.annotate(...)`).
 * - Lookups and paths go one relation deep, and two deep except straight back over the
 *   same relation; field lookups are typed by field kind (text, number, date, ...).
 * - What is not checked: the contents of `Q()`, `F()`, `OuterRef()` and aggregate
 *   arguments (they do not know their model), models declared in learner code (their
 *   querysets accept any name and their rows read as `any`), and runtime-only rules
 *   (slicing then filtering, `flat` with several fields, negative indexes).
 */
import type { ModelClass } from '../orm/model';
import { errorDeclarations } from './declarations/error-declarations';
import { expressionDeclarations } from './declarations/expression-declarations';
import { modelApiDeclarations } from './declarations/model-api-declarations';
import { querysetDeclarations } from './declarations/queryset-declarations';
import { runtimeDeclarations } from './declarations/runtime-declarations';
import { typeMachineryDeclarations } from './declarations/type-machinery';
import { modelDeclarations } from './model-declarations';

let apiText: string | null = null;
let apiNames: Set<string> | null = null;

/** The part of the d.ts that does not depend on the models (built once). */
export function apiDeclarations(): string {
  apiText ??= [
    '// ORM Lab: the learner\'s global scope (lib/runner/scope.ts), for Monaco IntelliSense. Generated: do not edit.',
    typeMachineryDeclarations,
    querysetDeclarations(),
    modelApiDeclarations(),
    expressionDeclarations(),
    runtimeDeclarations(),
    errorDeclarations(),
  ].join('\n\n');
  return apiText;
}

/**
 * The `.d.ts` Monaco loads for learner code (global declarations: learner code has no
 * imports): the whole ORM Lab API, plus one instance interface, schema namespace and
 * model class per model, so that `Post.objects.select_related('autor')` is flagged.
 */
export function learnerDeclarations(models: ModelClass[]): string {
  apiNames ??= globalNamesOf(apiDeclarations());
  return `${apiDeclarations()}\n\n// ---- models\n\n${modelDeclarations(models, apiNames)}\n`;
}

/** The top-level names a declaration text declares (values, types, namespaces). */
function globalNamesOf(dts: string): Set<string> {
  const names = new Set<string>();
  for (const m of dts.matchAll(/^(?:declare (?:const|var|let|function|class|abstract class|namespace)|interface|type) ([A-Za-z_$][\w$]*)/gm)) names.add(m[1]);
  return names;
}

/**
 * Compiler options for learner code, as plain JSON for Monaco's
 * `typescriptDefaults.setCompilerOptions()` (numbers are TypeScript's enum values).
 *
 * - `lib: ['es2022']` without DOM: DOM declares `Comment`, `Window`, `print`, `name`...,
 *   which would clash with the models and the ORM API or hide typos.
 * - `moduleDetection: 3` (force): each learner file is its own module, so its top-level
 *   `class Sqrt extends Func {}` or `const posts = ...` shadows the globals instead of
 *   clashing with them, and two open files do not see each other's names.
 * - Not strict: learners write Django-style code (`Post.objects.first().title`,
 *   untyped callback parameters); strictness would flag it without teaching the ORM.
 */
export const learnerCompilerOptions = {
  target: 9, // ES2022
  lib: ['es2022'],
  module: 99, // ESNext
  moduleDetection: 3, // Force
  strict: false,
  noImplicitAny: false,
  strictNullChecks: false,
  allowNonTsExtensions: true,
  skipLibCheck: true,
  noEmit: true,
} as const;
