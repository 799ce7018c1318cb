import { transform } from 'sucrase';

export interface TranspileError {
  type: 'SyntaxError';
  message: string;
  line: number;
  column: number;
}

/**
 * TypeScript → JavaScript with sucrase: types are stripped and every line stays
 * on its line, so statement and error positions map straight back to the
 * learner's code. Uninitialized class fields (`title!: string`) are dropped, as
 * TypeScript does, so they cannot hide model attributes.
 */
export function transpile(code: string, file = 'learner.ts'): { code: string } | { error: TranspileError } {
  try {
    return { code: transform(code, { transforms: ['typescript'], filePath: file }).code };
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    // sucrase says "Error transforming FILE: Unexpected token (1:11)"; its loc is 1-based already.
    const message = err.message.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)$/, '');
    return { error: { type: 'SyntaxError', message, line: err.loc?.line ?? 1, column: err.loc?.column ?? 1 } };
  }
}
