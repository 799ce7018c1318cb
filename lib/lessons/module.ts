import { transform } from 'sucrase';

/**
 * Instructor modules (check.ts, models.ts) are TypeScript with `export`s,
 * evaluated in the same sandbox as learner code (browser worker or Node): no
 * Node APIs, no imports except `import type`. Lines are preserved, so errors
 * point at the author's line.
 */
export interface ModuleError {
  message: string;
  line?: number;
  column?: number;
}

const SOURCE_URL = 'lesson-module.js';
let lineOffset: number | null = null;

/** Lines V8's Function wrapper adds before the body (measured once). */
function wrapperLines(): number {
  if (lineOffset === null) {
    try {
      new Function('a', `throw new Error();\n//# sourceURL=${SOURCE_URL}`)();
    } catch (e) {
      const m = new RegExp(`${SOURCE_URL}:(\\d+):`).exec((e as Error).stack ?? '');
      lineOffset = m ? Number(m[1]) - 1 : 0;
    }
  }
  return lineOffset ?? 0;
}

function errorAt(e: unknown): ModuleError {
  const err = e as Error & { loc?: { line: number; column: number } };
  const m = new RegExp(`${SOURCE_URL}:(\\d+):\\d+`).exec(err?.stack ?? '');
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(e);
  // No column: sucrase's `exports` prelude shifts the columns of line 1.
  return m ? { message, line: Number(m[1]) - wrapperLines() } : { message };
}

/** TypeScript → JavaScript with `exports.x = ...` for every export; a syntax error is located. */
export function compileModule(source: string, file: string): { code: string } | { error: ModuleError } {
  try {
    return { code: transform(source, { transforms: ['typescript', 'imports'], filePath: file }).code };
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    const message = err.message.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)$/, '');
    return { error: { message: `SyntaxError: ${message}`, line: err.loc?.line, column: err.loc?.column } };
  }
}

/** Runs a module with `scope` names in scope and returns its exports. */
export function evaluateModule(source: string, file: string, scope: Record<string, unknown> = {}): { exports: Record<string, unknown> } | { error: ModuleError } {
  const compiled = compileModule(source, file);
  if ('error' in compiled) return compiled;
  const exports: Record<string, unknown> = {};
  const require = (name: string) => {
    throw new Error(`${file} cannot import '${name}' (it runs in the browser sandbox): use \`import type\`, or names that are in scope`);
  };
  const names = Object.keys(scope);
  try {
    const fn = new Function('exports', 'require', ...names, `${compiled.code}\n//# sourceURL=${SOURCE_URL}`);
    fn(exports, require, ...names.map((n) => scope[n]));
  } catch (e) {
    return { error: errorAt(e) };
  }
  return { exports };
}

export { errorAt as moduleErrorAt };
