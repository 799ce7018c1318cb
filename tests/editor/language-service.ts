import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DTS_FILE } from './typecheck';

const libDir = dirname(createRequire(import.meta.url).resolve('typescript/lib/lib.es2022.d.ts'));
const CODE_FILE = '/learner.ts';

/**
 * A TypeScript language service over the d.ts and one learner file, as Monaco's
 * TypeScript worker runs it: completions and hovers at the `|` marker of the code.
 */
export function languageService(dts: string, options: ts.CompilerOptions) {
  let code = '';
  let version = 0;
  const read = (fileName: string): string | undefined => {
    if (fileName === DTS_FILE) return dts;
    if (fileName === CODE_FILE) return code;
    try {
      return readFileSync(join(libDir, fileName.replace(/^\//, '')), 'utf8');
    } catch {
      return undefined;
    }
  };
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [DTS_FILE, CODE_FILE],
    getScriptVersion: (fileName) => (fileName === CODE_FILE ? String(version) : '0'),
    getScriptSnapshot: (fileName) => {
      const text = read(fileName);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => '/',
    getDefaultLibFileName: () => '/lib.es2022.d.ts',
    fileExists: (fileName) => read(fileName) !== undefined,
    readFile: read,
  };
  const service = ts.createLanguageService(host);
  const at = (source: string): number => {
    const position = source.indexOf('|');
    if (position < 0) throw new Error(`no | marker in ${source}`);
    code = source.slice(0, position) + source.slice(position + 1);
    version++;
    return position;
  };
  return {
    /** Completion names offered at `|`. */
    completions(source: string): string[] {
      const position = at(source);
      return service.getCompletionsAtPosition(CODE_FILE, position, {})?.entries.map((e) => e.name) ?? [];
    },
    /** The hover (signature and doc) at `|`. */
    hover(source: string): { signature: string; documentation: string } {
      const position = at(source);
      const info = service.getQuickInfoAtPosition(CODE_FILE, position);
      return {
        signature: ts.displayPartsToString(info?.displayParts),
        documentation: ts.displayPartsToString(info?.documentation),
      };
    },
  };
}
