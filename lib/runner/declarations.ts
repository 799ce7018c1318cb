/**
 * The TypeScript declarations (.d.ts) Monaco loads for learner code, made in the
 * worker where the models live and sent to the page with the `ready` message,
 * with the compiler options they are written for.
 *
 * They come from `lib/editor/learner-dts.ts` (typed: field names in
 * filter/select_related/values, hover docs). `fallbackDeclarations` declares
 * every name in scope as `any`; it is used if the generator throws, so the
 * editor still completes names and flags unknown ones.
 */
import { learnerCompilerOptions, learnerDeclarations } from '../editor/learner-dts';
import type { ModelClass } from '../orm/model';

/** Names every run has on top of the learner scope (added by runCode). */
const RUNNER_NAMES = ['print', 'result'];

export function fallbackDeclarations(scopeNames: string[], models: string[]): string {
  const lines = [
    '// ORM Lab: names in scope for your code (typed declarations coming soon).',
    '/** Prints its arguments, separated by spaces, as Python print() does. */',
    'declare function print(...args: unknown[]): void;',
    '/** Set `result` to return a value from the run. */',
    'declare var result: unknown;',
  ];
  for (const model of models) lines.push(`/** The ${model} model: \`${model}.objects\` is its manager. */`, `declare const ${model}: any;`);
  const skip = new Set([...RUNNER_NAMES, ...models]);
  for (const name of scopeNames) {
    if (skip.has(name) || !/^[A-Za-z_$][\w$]*$/.test(name)) continue;
    lines.push(`declare const ${name}: any;`);
  }
  return lines.join('\n') + '\n';
}

export interface LearnerTypes {
  declarations: string;
  /** Monaco's `typescriptDefaults.setCompilerOptions()` argument (plain JSON). */
  compilerOptions: Record<string, unknown>;
  /** False when the typed generator failed and the `any` fallback is in use. */
  typed: boolean;
}

/** The .d.ts for learner code over `models`. */
export function declarationsFor(models: ModelClass[], scopeNames: string[]): LearnerTypes {
  const compilerOptions = { ...learnerCompilerOptions, lib: [...learnerCompilerOptions.lib] } as Record<string, unknown>;
  try {
    return { declarations: learnerDeclarations(models), compilerOptions, typed: true };
  } catch (e) {
    console.error('learnerDeclarations failed; the editor falls back to untyped declarations.', e);
    return {
      declarations: fallbackDeclarations(
        scopeNames,
        models.map((m) => m.name),
      ),
      compilerOptions,
      typed: false,
    };
  }
}
