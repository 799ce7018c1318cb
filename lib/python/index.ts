/**
 * ORM Lab's Python mode: Django ORM Python translated to JavaScript that runs
 * on the same engine as TypeScript learner code (lib/runner/run.ts with
 * `language: 'python'`).
 */
// The ORM's modules import each other in cycles that only its index orders right: load it first.
import '../orm';

export { translatePython, type PythonTranslationError } from './translate';
export { pythonScope } from './scope';
export { toPythonError } from './runtime/exceptions';
