// Monaco's editor worker (diffing, word ranges), bundled by Turbopack.
import 'monaco-editor/editor/editor.worker';
