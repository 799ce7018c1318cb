// The TypeScript language service worker (completions, hovers, diagnostics), bundled by Turbopack.
import 'monaco-editor/languages/features/typescript/ts.worker';
