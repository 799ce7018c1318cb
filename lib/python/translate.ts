import { generateModule, type GeneratedCode } from './codegen-statements';
import { parse } from './parser';
import { PythonSyntaxError } from './syntax-error';

export interface PythonTranslationError {
  type: 'SyntaxError';
  message: string;
  line: number;
  column: number;
}

/**
 * Django ORM Python → JavaScript that runs on ORM Lab's engine, with every
 * statement on its Python line. The code expects the Python runtime as `$py`
 * and the Python scope (lib/python/scope.ts) as free variables.
 *
 * @example
 * translatePython("Post.objects.filter(title__icontains='orm')")
 * // { code: 'result = ($py.callm($py.getattr(Post, "objects"), "filter", [], { title__icontains: "orm" }));', ... }
 */
export function translatePython(source: string): GeneratedCode | { error: PythonTranslationError } {
  try {
    return generateModule(parse(source));
  } catch (e) {
    if (e instanceof PythonSyntaxError) return { error: { type: 'SyntaxError', message: e.detail, line: e.line, column: e.column } };
    // a translator bug must not take the run (or the worker) down
    return { error: { type: 'SyntaxError', message: `ORM Lab could not translate this code: ${(e as Error).message}`, line: 1, column: 1 } };
  }
}
