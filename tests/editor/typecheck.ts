import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

/**
 * Type-checks learner snippets against the generated d.ts with an in-memory
 * CompilerHost (the lib files are read from the typescript package).
 */
const libDir = dirname(createRequire(import.meta.url).resolve('typescript/lib/lib.es2022.d.ts'));
const libCache = new Map<string, ts.SourceFile>();
/** The d.ts parsed once per text (tests build many programs over the same one). */
const parsedSources = new Map<string, ts.SourceFile>();

function parsed(fileName: string, text: string, version: ts.ScriptTarget | ts.CreateSourceFileOptions): ts.SourceFile {
  if (!fileName.endsWith('.d.ts')) return ts.createSourceFile(fileName, text, version, true);
  const key = `${fileName}\0${text}`;
  let sf = parsedSources.get(key);
  if (!sf) {
    sf = ts.createSourceFile(fileName, text, version, true);
    parsedSources.clear();
    parsedSources.set(key, sf);
  }
  return sf;
}

export const DTS_FILE = '/learner.d.ts';

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  /** The source text the diagnostic points at. */
  text: string;
  message: string;
  code: number;
}

export interface CheckOptions {
  compilerOptions?: ts.CompilerOptions;
}

export function baseCompilerOptions(overrides: ts.CompilerOptions = {}): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.ESNext,
    moduleDetection: ts.ModuleDetectionKind.Force,
    noEmit: true,
    types: [],
    ...overrides,
  };
}

function libSource(fileName: string, version: ts.ScriptTarget): ts.SourceFile | undefined {
  const base = fileName.replace(/^\//, '');
  let sf = libCache.get(base);
  if (!sf) {
    let text: string;
    try {
      text = readFileSync(join(libDir, base), 'utf8');
    } catch {
      return undefined;
    }
    sf = ts.createSourceFile(fileName, text, version);
    libCache.set(base, sf);
  }
  return sf;
}

export function createProgram(dts: string, files: Record<string, string>, options: ts.CompilerOptions): ts.Program {
  const sources: Record<string, string> = { [DTS_FILE]: dts, ...files };
  const host: ts.CompilerHost = {
    getSourceFile: (fileName, version) =>
      fileName in sources ? parsed(fileName, sources[fileName], version) : libSource(fileName, typeof version === 'number' ? version : ts.ScriptTarget.ES2022),
    getDefaultLibFileName: () => '/lib.es2022.d.ts',
    writeFile: () => {},
    getCurrentDirectory: () => '/',
    getDirectories: () => [],
    fileExists: (fileName) => fileName in sources || libSource(fileName, ts.ScriptTarget.ES2022) !== undefined,
    readFile: (fileName) => sources[fileName] ?? libSource(fileName, ts.ScriptTarget.ES2022)?.text,
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
  };
  return ts.createProgram(Object.keys(sources), options, host);
}

export function diagnosticsOf(program: ts.Program): Diagnostic[] {
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const file = d.file;
    const pos = file && d.start !== undefined ? file.getLineAndCharacterOfPosition(d.start) : { line: -1, character: -1 };
    return {
      file: file?.fileName ?? '',
      line: pos.line + 1,
      column: pos.character + 1,
      text: file && d.start !== undefined ? file.text.slice(d.start, d.start + (d.length ?? 0)) : '',
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
      code: d.code,
    };
  });
}

/** Diagnostics of each snippet (one file each), and of the d.ts itself under `dts`. */
export function typecheck(dts: string, snippets: Record<string, string>, options: ts.CompilerOptions): Diagnostic[] {
  const files = Object.fromEntries(Object.entries(snippets).map(([name, code]) => [`/${name}.ts`, code]));
  return diagnosticsOf(createProgram(dts, files, options));
}

