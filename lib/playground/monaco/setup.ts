/**
 * Monaco for learner code, loaded after first paint (`import()` from
 * CodeEditor): the lean editor, its two workers bundled by Turbopack (nothing
 * from a CDN), the TypeScript options for learner code, the learner API's
 * declarations, and light/dark themes that follow the page.
 */
import * as monaco from './lean';

type MonacoEnvironment = { getWorker(moduleId: string, label: string): Worker };

(self as unknown as { MonacoEnvironment: MonacoEnvironment }).MonacoEnvironment = {
  getWorker(_moduleId, label) {
    if (label === 'typescript' || label === 'javascript') {
      return new Worker(new URL('./ts.worker.ts', import.meta.url), { type: 'module', name: 'monaco-typescript' });
    }
    return new Worker(new URL('./editor.worker.ts', import.meta.url), { type: 'module', name: 'monaco-editor' });
  },
};

const ts = monaco.typescript;

/** Until the worker sends the learner API's own options (lib/editor/learner-dts.ts). */
const DEFAULT_OPTIONS = {
  target: ts.ScriptTarget.ES2020,
  lib: ['es2022'],
  module: ts.ModuleKind.ESNext,
  moduleDetection: 3, // force: the learner's file is a module, its names shadow the globals
  allowNonTsExtensions: true,
  // Learner code reads like Django: `Author.objects.first().username` is fine there.
  strict: false,
  noImplicitAny: false,
  strictNullChecks: false,
  noEmit: true,
};
ts.typescriptDefaults.setCompilerOptions(DEFAULT_OPTIONS);
ts.typescriptDefaults.setDiagnosticsOptions({
  noSemanticValidation: false,
  noSyntaxValidation: false,
  // 1375/1378: top-level await (learner code is a script body); 80001+: "convert to ES module" suggestions.
  diagnosticCodesToIgnore: [1375, 1378, 80001, 80005, 6133, 6196],
});
ts.typescriptDefaults.setEagerModelSync(true);

let apiLib: { dispose(): void } | null = null;
let apiLibSource: string | null = null;
let optionsSource: string | null = null;

/**
 * Loads (or replaces) the learner API declarations that drive completions,
 * hovers and squiggles, with the compiler options they are written for.
 */
export function setLearnerTypes(source: string | null, options: Record<string, unknown> | null): void {
  const optionsKey = options ? JSON.stringify(options) : null;
  if (optionsKey !== optionsSource) {
    ts.typescriptDefaults.setCompilerOptions({ ...DEFAULT_OPTIONS, ...(options ?? {}) });
    optionsSource = optionsKey;
  }
  if (source === apiLibSource) return;
  apiLib?.dispose();
  apiLib = source ? ts.typescriptDefaults.addExtraLib(source, 'file:///orm-lab/learner-api.d.ts') : null;
  apiLibSource = source;
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return /^#[0-9a-f]{6}$/i.test(v) ? v : fallback;
}

export function isDark(): boolean {
  const root = document.documentElement;
  if (root.classList.contains('dark')) return true;
  if (root.classList.contains('light')) return false;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

/** Defines the two themes from the page's CSS variables and applies the current one. */
export function applyTheme(): void {
  const dark = isDark();
  monaco.editor.defineTheme(dark ? 'orm-lab-dark' : 'orm-lab-light', {
    base: dark ? 'vs-dark' : 'vs',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': cssVar('--editor-background', dark ? '#0f1412' : '#ffffff'),
      'editorGutter.background': cssVar('--editor-background', dark ? '#0f1412' : '#ffffff'),
      'editorLineNumber.foreground': dark ? '#5b6660' : '#a1a1aa',
      'editorLineNumber.activeForeground': dark ? '#c4ccc8' : '#3f3f46',
    },
  });
  monaco.editor.setTheme(dark ? 'orm-lab-dark' : 'orm-lab-light');
}

export { monaco };
