'use client';

/**
 * The code editor: Monaco (from the npm package, loaded after the first paint)
 * with TypeScript IntelliSense from the learner API's declarations; until it
 * has loaded, a plain textarea with the same code (editable, Ctrl/Cmd+Enter
 * runs). Uncontrolled: `defaultValue` seeds it, `onChange` reports edits, the
 * handle reads and replaces the text.
 *
 * Two languages: TypeScript (typed completions and squiggles) and Django's
 * Python (highlighting only: no TypeScript diagnostics). Each language has its
 * own Monaco model, so switching (`handle.setLanguage`) keeps each one's undo
 * history and scroll position.
 *
 * After a run: `lineCounts` puts "101 queries" at the end of each line that
 * ran statements, `error` puts a marker at the error's position.
 */
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { LineCount } from '@/lib/runner/analysis';
import type { LearnerLanguage } from '@/lib/runner/protocol';

type MonacoModule = typeof import('@/lib/playground/monaco/setup');
type Editor = import('@/lib/playground/monaco/lean').editor.IStandaloneCodeEditor;
type TextModel = import('@/lib/playground/monaco/lean').editor.ITextModel;
type ViewState = import('@/lib/playground/monaco/lean').editor.ICodeEditorViewState;

export interface CodeEditorHandle {
  getValue(): string;
  /** Replaces the code (undoable in Monaco). */
  setValue(code: string): void;
  revealLine(line: number, column?: number): void;
  /** Inserts text at the cursor (or replaces the selection). */
  insertText(text: string): void;
  focus(): void;
  /** Shows `code` in `language` (its own model: undo history and scroll position are kept per language). */
  setLanguage(language: LearnerLanguage, code: string): void;
}

export interface EditorError {
  line: number;
  column: number | null;
  message: string;
}

export interface CodeEditorProps {
  defaultValue: string;
  /** The language `defaultValue` is in (default TypeScript); later switches go through the handle. */
  defaultLanguage?: LearnerLanguage;
  onChange?: (code: string) => void;
  /** Ctrl/Cmd+Enter. */
  onRun?: () => void;
  lineCounts?: LineCount[] | null;
  error?: EditorError | null;
  /** The learner API's .d.ts (typed completions and squiggles) and its compiler options. */
  declarations?: string | null;
  compilerOptions?: Record<string, unknown> | null;
  handleRef?: Ref<CodeEditorHandle>;
  label?: string;
  className?: string;
}

let instances = 0;

/** Python is indented by 4 spaces (PEP 8), TypeScript by 2. */
const TAB_SIZE: Record<LearnerLanguage, number> = { typescript: 2, python: 4 };
const EXTENSION: Record<LearnerLanguage, string> = { typescript: 'ts', python: 'py' };

function severity(count: number): 'low' | 'mid' | 'high' {
  return count >= 10 ? 'high' : count > 1 ? 'mid' : 'low';
}

export default function CodeEditor({ defaultValue, defaultLanguage = 'typescript', onChange, onRun, lineCounts, error, declarations, compilerOptions, handleRef, label = 'Code editor', className }: CodeEditorProps) {
  const container = useRef<HTMLDivElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const editor = useRef<Editor | null>(null);
  const monacoRef = useRef<MonacoModule | null>(null);
  /**
   * Per model (language): the ids of its "101 queries" decorations and the run
   * marks they show. A run's marks go on the model that was shown when it
   * arrived, move with later edits, and are not re-applied when switching back.
   */
  const runMarks = useRef(new Map<TextModel, { ids: string[]; counts: LineCount[] | null | undefined; error: EditorError | null | undefined }>());
  const value = useRef(defaultValue);
  const language = useRef<LearnerLanguage>(defaultLanguage);
  // Re-applies decorations and markers to the model shown after a switch.
  const [activeLanguage, setActiveLanguage] = useState<LearnerLanguage>(defaultLanguage);
  const models = useRef(new Map<LearnerLanguage, TextModel>());
  const viewStates = useRef(new Map<LearnerLanguage, ViewState | null>());
  const instanceId = useRef(0);
  const [fallbackValue, setFallbackValue] = useState(defaultValue);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const onChangeRef = useRef(onChange);
  const onRunRef = useRef(onRun);
  onChangeRef.current = onChange;
  onRunRef.current = onRun;

  useImperativeHandle(
    handleRef,
    (): CodeEditorHandle => ({
      getValue: () => editor.current?.getValue() ?? value.current,
      setValue: (code) => {
        value.current = code;
        const ed = editor.current;
        const model = ed?.getModel();
        if (ed && model) {
          // The last run's marks belong to the code being replaced.
          clearRunMarks(model);
          ed.pushUndoStop();
          ed.executeEdits('orm-lab', [{ range: model.getFullModelRange(), text: code }]);
          ed.pushUndoStop();
          ed.setPosition({ lineNumber: 1, column: 1 });
        } else setFallbackValue(code);
      },
      revealLine: (line, column = 1) => {
        const ed = editor.current;
        if (ed) {
          ed.revealLineInCenterIfOutsideViewport(line);
          ed.setPosition({ lineNumber: line, column });
          ed.focus();
        } else if (textarea.current) {
          const lines = value.current.split('\n');
          const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
          textarea.current.focus();
          textarea.current.setSelectionRange(offset, offset);
        }
      },
      insertText: (text) => {
        const ed = editor.current;
        const selection = ed?.getSelection();
        if (ed && selection) {
          ed.executeEdits('orm-lab', [{ range: selection, text, forceMoveMarkers: true }]);
          ed.focus();
        } else if (textarea.current) {
          const t = textarea.current;
          const next = t.value.slice(0, t.selectionStart) + text + t.value.slice(t.selectionEnd);
          value.current = next;
          setFallbackValue(next);
          onChangeRef.current?.(next);
        }
      },
      focus: () => (editor.current ? editor.current.focus() : textarea.current?.focus()),
      setLanguage: (next, code) => {
        const previous = language.current;
        language.current = next;
        value.current = code;
        setActiveLanguage(next);
        const ed = editor.current;
        const mod = monacoRef.current;
        if (!ed || !mod) {
          setFallbackValue(code);
          return;
        }
        if (previous !== next) viewStates.current.set(previous, ed.saveViewState());
        const model = modelFor(mod, next, code);
        if (model.getValue() !== code) {
          clearRunMarks(model);
          model.pushStackElement();
          model.pushEditOperations([], [{ range: model.getFullModelRange(), text: code }], () => null);
          model.pushStackElement();
        }
        if (ed.getModel() !== model) {
          ed.setModel(model);
          const view = viewStates.current.get(next);
          if (view) ed.restoreViewState(view);
        }
      },
    }),
    [],
  );

  function clearRunMarks(model: TextModel): void {
    const marks = runMarks.current.get(model);
    if (marks) runMarks.current.set(model, { ...marks, ids: model.deltaDecorations(marks.ids, []) });
    monacoRef.current?.monaco.editor.setModelMarkers(model, 'orm-lab-run', []);
  }

  /** The model of one language, created on first use. */
  function modelFor(mod: MonacoModule, lang: LearnerLanguage, code: string): TextModel {
    let model = models.current.get(lang);
    if (!model || model.isDisposed()) {
      const { monaco } = mod;
      model = monaco.editor.createModel(code, lang, monaco.Uri.parse(`file:///learner-${instanceId.current}.${EXTENSION[lang]}`));
      model.updateOptions({ tabSize: TAB_SIZE[lang], insertSpaces: true });
      models.current.set(lang, model);
    }
    return model;
  }

  // Load Monaco after the first paint, then replace the textarea with it.
  useEffect(() => {
    let cancelled = false;
    let disposeTheme: (() => void) | null = null;
    instanceId.current = ++instances;
    const start = () => {
      import('@/lib/playground/monaco/setup')
        .then((mod) => {
          if (cancelled || !container.current) return;
          monacoRef.current = mod;
          const { monaco } = mod;
          mod.applyTheme();
          const model = modelFor(mod, language.current, value.current);
          const ed = monaco.editor.create(container.current, {
            model,
            automaticLayout: true,
            minimap: { enabled: false },
            fontSize: 13.5,
            lineHeight: 21,
            fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
            scrollBeyondLastLine: false,
            // Wrapped lines keep the "101 queries" hint at the end of a line in view.
            wordWrap: 'on',
            wrappingIndent: 'indent',
            padding: { top: 10, bottom: 10 },
            renderLineHighlight: 'line',
            fixedOverflowWidgets: true,
            lineNumbersMinChars: 3,
            lineDecorationsWidth: 10,
            overviewRulerLanes: 0,
            scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
            ariaLabel: label,
            quickSuggestions: { other: true, comments: false, strings: true },
            suggest: { showWords: false },
            acceptSuggestionOnEnter: 'smart',
          });
          editor.current = ed;
          ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => onRunRef.current?.());
          ed.onDidChangeModelContent(() => {
            value.current = ed.getValue();
            onChangeRef.current?.(value.current);
          });
          const media = window.matchMedia?.('(prefers-color-scheme: dark)');
          const onTheme = () => mod.applyTheme();
          media?.addEventListener('change', onTheme);
          disposeTheme = () => media?.removeEventListener('change', onTheme);
          setState('ready');
        })
        .catch((e) => {
          console.warn('The code editor could not load; using a plain text area.', e);
          if (!cancelled) setState('failed');
        });
    };
    // After first paint: the page is interactive before Monaco's ~1 MB arrives.
    const frame = requestAnimationFrame(() => setTimeout(start, 0));
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
      disposeTheme?.();
      editor.current?.dispose();
      for (const model of models.current.values()) model.dispose();
      models.current.clear();
      runMarks.current.clear();
      editor.current = null;
    };
    // Created once; later props are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (state === 'ready') monacoRef.current?.setLearnerTypes(declarations ?? null, compilerOptions ?? null);
  }, [declarations, compilerOptions, state]);

  useEffect(() => {
    if (state === 'ready') editor.current?.updateOptions({ ariaLabel: label });
  }, [label, state]);

  // "101 queries" at the end of each line that ran statements.
  useEffect(() => {
    const ed = editor.current;
    const model = ed?.getModel();
    if (state !== 'ready' || !ed || !model) return;
    const marks = runMarks.current.get(model) ?? { ids: [], counts: undefined, error: undefined };
    if (marks.counts === lineCounts) return;
    const lineCountTotal = model.getLineCount();
    const ids = model.deltaDecorations(
      marks.ids,
      (lineCounts ?? [])
        .filter((l) => l.line <= lineCountTotal)
        .map((l) => {
          const end = model.getLineMaxColumn(l.line);
          const level = severity(l.count);
          return {
            range: { startLineNumber: l.line, startColumn: 1, endLineNumber: l.line, endColumn: end },
            options: {
              after: { content: `  ${l.label}`, inlineClassName: `orm-query-hint orm-query-hint-${level}`, cursorStops: monacoRef.current!.monaco.editor.InjectedTextCursorStops.None },
              showIfCollapsed: true,
              linesDecorationsClassName: `orm-query-gutter orm-query-gutter-${level}`,
              hoverMessage: { value: `${l.label} ran on line ${l.line}` },
            },
          };
        }),
    );
    runMarks.current.set(model, { ...marks, ids, counts: lineCounts });
  }, [lineCounts, state, activeLanguage]);

  // The run's error as a marker at its position.
  useEffect(() => {
    const mod = monacoRef.current;
    const model = editor.current?.getModel();
    if (state !== 'ready' || !mod || !model) return;
    const marks = runMarks.current.get(model) ?? { ids: [], counts: undefined, error: undefined };
    if (marks.error === error) return;
    runMarks.current.set(model, { ...marks, error });
    const markers = [];
    if (error && error.line >= 1 && error.line <= model.getLineCount()) {
      const maxColumn = model.getLineMaxColumn(error.line);
      const column = Math.min(Math.max(1, error.column ?? model.getLineFirstNonWhitespaceColumn(error.line)), maxColumn);
      const word = model.getWordAtPosition({ lineNumber: error.line, column });
      markers.push({
        severity: mod.monaco.MarkerSeverity.Error,
        message: error.message,
        startLineNumber: error.line,
        startColumn: word?.startColumn ?? column,
        endLineNumber: error.line,
        endColumn: word && word.endColumn > (word.startColumn ?? 0) ? word.endColumn : maxColumn,
        source: 'run',
      });
    }
    mod.monaco.editor.setModelMarkers(model, 'orm-lab-run', markers);
  }, [error, state, activeLanguage]);

  const onTextareaKey = useCallback((e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onRunRef.current?.();
    }
  }, []);

  return (
    <div className={`relative min-h-0 ${className ?? ''}`} data-testid="code-editor" data-editor-state={state} data-language={activeLanguage}>
      <div ref={container} className={`absolute inset-0 ${state === 'ready' ? '' : 'invisible'}`} />
      {state !== 'ready' && (
        <>
          <textarea
            ref={textarea}
            aria-label={label}
            spellCheck={false}
            value={fallbackValue}
            onChange={(e) => {
              value.current = e.target.value;
              setFallbackValue(e.target.value);
              onChangeRef.current?.(e.target.value);
            }}
            onKeyDown={onTextareaKey}
            className="absolute inset-0 resize-none bg-[var(--editor-background)] py-[10px] pr-3 pl-[52px] font-mono text-[13.5px] leading-[21px] text-foreground outline-none"
            data-testid="code-fallback"
          />
          {state === 'loading' && (
            <div className="pointer-events-none absolute right-3 bottom-3 flex items-center gap-2 rounded-md border border-border bg-surface px-2 py-1 text-xs text-muted" role="status">
              <span className="spinner" aria-hidden /> Loading the editor…
            </div>
          )}
        </>
      )}
    </div>
  );
}
