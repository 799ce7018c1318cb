'use client';

/**
 * The sandbox: editor and query inspector side by side, printed output under
 * the editor, the schema explorer on the left, a before/after comparison tab.
 * Code is autosaved; a share link carries it in the URL hash.
 *
 * Two languages, TypeScript and Django's Python, on the same engine: each keeps
 * its own code, autosave, baseline and last run; switching never loses either.
 */
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import CodeEditor, { type CodeEditorHandle, type EditorError } from '@/components/CodeEditor';
import Comparison from '@/components/Comparison';
import OutputPane, { type OutputProblem } from '@/components/OutputPane';
import QueryInspector, { type InspectedRun } from '@/components/QueryInspector';
import LanguageToggle from '@/components/LanguageToggle';
import { FoldablePaneHeader, TabButton } from '@/components/PaneControls';
import { DatasetSizeSelect, RunButton, RunnerStatusBadge } from '@/components/RunControls';
import SchemaExplorer from '@/components/SchemaExplorer';
import { lineCounts } from '@/lib/runner/analysis';
import type { RunFn } from '@/lib/runner/compare';
import type { BlogSize, LearnerLanguage } from '@/lib/runner/protocol';
import { DEFAULT_TIME_LIMIT_MS, type RunOutcome } from '@/lib/runner/worker-client';
import { DATASET_SIZES, isBlogSize, POSTS_PER_SIZE } from '@/lib/playground/datasets';
import { useRunner } from '@/lib/playground/runner';
import { decodeShare, shareUrl } from '@/lib/playground/share';
import { languageMismatch, PYTHON_WARMUP_CODE } from '@/lib/playground/language';
import { codeAfterSwitch, DEFAULT_SNIPPET, SNIPPET_TOPICS, snippetById, snippetCode } from '@/lib/playground/snippets';
import { debounce, isLearnerLanguage, languageKey, load, save } from '@/lib/playground/storage';
import { WARMUP_CODE, WARMUP_RECORD } from '@/lib/playground/warmup-record';

interface RunState {
  seq: number;
  code: string;
  size: BlogSize;
  language: LearnerLanguage;
  outcome: RunOutcome;
}

/** `code` and `baseline` are per language (`languageKey`); the rest is shared. */
const KEYS = { code: 'sandbox:code', size: 'sandbox:size', baseline: 'sandbox:baseline', latency: 'sandbox:latency', language: 'sandbox:language' };

const EDITOR_LABEL: Record<LearnerLanguage, string> = {
  typescript: "Code editor: TypeScript with Django's ORM API. Ctrl+Enter runs.",
  python: "Code editor: Django's ORM in Python. Ctrl+Enter runs.",
};

type PerLanguage<T> = Partial<Record<LearnerLanguage, T>>;

export default function Sandbox() {
  const { runner, status } = useRunner();
  const editor = useRef<CodeEditorHandle>(null);
  const codeRef = useRef(DEFAULT_SNIPPET.code);
  const [code, setCode] = useState(DEFAULT_SNIPPET.code);
  const [size, setSize] = useState<BlogSize>('default');
  const [latency, setLatency] = useState(1);
  const [language, setLanguage] = useState<LearnerLanguage>('typescript');
  const languageRef = useRef<LearnerLanguage>('typescript');
  /** Each language's code as last edited (storage may be unavailable: this keeps it for the visit). */
  const codes = useRef<PerLanguage<string>>({});
  /** Each language's last run; `latest` is the last run received (the paint probe's). */
  const [runs, setRuns] = useState<PerLanguage<RunState>>({});
  const [latest, setLatest] = useState<RunState | null>(null);
  const run = runs[language] ?? null;
  const [running, setRunning] = useState(false);
  const [tab, setTab] = useState<'queries' | 'compare'>('queries');
  const [baselines, setBaselines] = useState<PerLanguage<string | null>>({});
  const baseline = baselines[language] ?? null;
  const [schemaOpen, setSchemaOpen] = useState(true);
  const [share, setShare] = useState<string | null>(null);
  const [restored, setRestored] = useState(false);
  const seq = useRef(0);
  const paintProbe = useRef<HTMLDivElement>(null);
  const [warm, setWarm] = useState<'no' | 'rendering' | 'done'>('no');

  // Restore: a share link wins (with its language), then the autosaved language and code.
  useEffect(() => {
    const shared = decodeShare(window.location.hash);
    const savedLanguage = load(KEYS.language);
    const lang: LearnerLanguage = shared ? (shared.language ?? 'typescript') : isLearnerLanguage(savedLanguage) ? savedLanguage : 'typescript';
    const saved = load(languageKey(KEYS.code, lang));
    const initial = shared?.code ?? saved ?? snippetCode(DEFAULT_SNIPPET, lang);
    languageRef.current = lang;
    setLanguage(lang);
    codes.current[lang] = initial;
    if (initial !== codeRef.current || lang !== 'typescript') {
      codeRef.current = initial;
      setCode(initial);
      editor.current?.setLanguage(lang, initial);
    }
    const savedSize = shared?.size ?? load(KEYS.size);
    if (isBlogSize(savedSize)) setSize(savedSize);
    setBaselines({ typescript: load(languageKey(KEYS.baseline, 'typescript')), python: load(languageKey(KEYS.baseline, 'python')) });
    const savedLatency = Number(load(KEYS.latency));
    if (load(KEYS.latency) !== null && Number.isFinite(savedLatency)) setLatency(savedLatency);
    if (shared) {
      save(languageKey(KEYS.code, lang), shared.code);
      save(KEYS.language, lang);
      // The link did its job; later edits are autosaved, and a reload keeps them.
      history.replaceState(null, '', window.location.pathname + window.location.search);
    }
    if (window.matchMedia?.('(max-width: 1279px)').matches) setSchemaOpen(false);
    setRestored(true);
  }, []);

  // Once loaded and idle, render the inspector once, hidden, so its code is warm for the first results.
  const datasetReady = !!status?.datasets[size];
  useEffect(() => {
    if (!datasetReady || warm !== 'no') return;
    const start = () => setWarm('rendering');
    const handle = typeof requestIdleCallback === 'function' ? requestIdleCallback(start, { timeout: 2000 }) : setTimeout(start, 200);
    return () => {
      if (typeof cancelIdleCallback === 'function' && typeof handle === 'number') cancelIdleCallback(handle);
      else clearTimeout(handle as ReturnType<typeof setTimeout>);
    };
  }, [datasetReady, warm]);
  useEffect(() => {
    if (warm === 'rendering') setWarm('done');
  }, [warm]);

  // Build the chosen dataset (and warm the ORM up) before the first run.
  useEffect(() => {
    if (runner && restored) void runner.prepare(size);
  }, [runner, size, restored]);

  // Once Python is chosen, warm its translator and runtime up with a run nobody sees.
  const pythonWarm = useRef(false);
  useEffect(() => {
    if (language !== 'python' || !runner || !datasetReady || pythonWarm.current) return;
    pythonWarm.current = true;
    void runner.run(PYTHON_WARMUP_CODE, { size, language: 'python', key: 'python-warmup' });
  }, [language, runner, datasetReady, size]);

  const autosave = useMemo(
    () =>
      debounce((lang: LearnerLanguage, value: string) => {
        save(languageKey(KEYS.code, lang), value);
        if (lang === languageRef.current) setCode(value);
      }, 300),
    [],
  );
  useEffect(() => {
    const flush = () => autosave.flush();
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [autosave]);

  const onChange = useCallback(
    (value: string) => {
      codeRef.current = value;
      codes.current[languageRef.current] = value;
      autosave(languageRef.current, value);
    },
    [autosave],
  );

  const doRun = useCallback(async () => {
    if (!runner) return;
    performance.clearMarks('run-click');
    performance.mark('run-click');
    const current = editor.current?.getValue() ?? codeRef.current;
    const lang = languageRef.current;
    autosave.flush();
    setRunning(true);
    setTab('queries');
    const outcome = await runner.run(current, { size, key: 'sandbox', language: lang });
    if ('cancelled' in outcome && runner.pending > 0) return; // superseded by a newer run
    performance.clearMarks('results-received');
    performance.mark('results-received');
    setRunning(runner.pending > 0);
    const result: RunState = { seq: ++seq.current, code: current, size, language: lang, outcome };
    setRuns((prev) => ({ ...prev, [lang]: result }));
    setLatest(result);
  }, [runner, size, autosave]);

  // performance.mark('results-painted') once the results are on screen.
  useEffect(() => {
    const run = latest;
    if (!run) return;
    let frame = requestAnimationFrame(() => {
      frame = 0;
      setTimeout(() => {
        performance.clearMarks('results-painted');
        performance.mark('results-painted');
        const probe = paintProbe.current;
        try {
          const m = performance.measure('run-to-paint', 'run-click', 'results-painted');
          if (probe) probe.dataset.runToPaintMs = m.duration.toFixed(1);
          const render = performance.measure('render-results', 'results-received', 'results-painted');
          if (probe) probe.dataset.renderMs = render.duration.toFixed(1);
        } catch {
          // no run-click mark (results restored without a click)
        }
        if (probe) {
          probe.dataset.seq = String(run.seq);
          const o = run.outcome;
          if ('record' in o) {
            probe.dataset.workerMs = o.worker_ms.toFixed(1);
            probe.dataset.roundTripMs = o.round_trip_ms.toFixed(1);
            probe.dataset.sqlMs = o.record.totals.sql_ms.toFixed(1);
            probe.dataset.runMs = o.record.duration_ms.toFixed(1);
          }
        }
      }, 0);
    });
    return () => {
      if (frame) cancelAnimationFrame(frame);
    };
  }, [latest]);

  // Ctrl/Cmd+Enter anywhere on the page (the editor handles its own).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.defaultPrevented) return;
      if ((e.target as HTMLElement | null)?.closest?.('[data-testid="code-editor"]')) return;
      e.preventDefault();
      void doRun();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [doRun]);

  const stop = useCallback(() => {
    runner?.stop();
    setRunning(false);
  }, [runner]);

  const jump = useCallback((line: number, column?: number) => editor.current?.revealLine(line, column), []);

  const explain = useCallback(
    (sql: string, params: unknown[]) => (runner ? runner.explain(sql, params, { size: run?.size ?? size }) : Promise.resolve({ failed: 'The runner is not ready.' })),
    [runner, run?.size, size],
  );

  const compareRun: RunFn = useCallback(
    async (c, s) => (runner ? runner.run(c, { size: s, language }) : { failed: 'The runner is not ready.' }),
    [runner, language],
  );

  const loadSnippet = (id: string) => {
    const snippet = snippetById(id);
    if (!snippet) return;
    loadSnippetCode(snippetCode(snippet, languageRef.current));
    editor.current?.focus();
  };

  /** Shows the other language's code; this language's code is saved first and comes back on the way back. */
  const switchLanguage = (next: LearnerLanguage) => {
    const from = languageRef.current;
    if (next === from) return;
    autosave.flush();
    const current = editor.current?.getValue() ?? codeRef.current;
    codes.current[from] = current;
    const saved = codes.current[next] ?? load(languageKey(KEYS.code, next));
    const code = codeAfterSwitch(current, from, next, saved);
    codes.current[next] = code;
    languageRef.current = next;
    codeRef.current = code;
    setLanguage(next);
    setCode(code);
    save(KEYS.language, next);
    if (code !== saved) save(languageKey(KEYS.code, next), code);
    editor.current?.setLanguage(next, code);
  };

  const chooseSize = (s: BlogSize) => {
    setSize(s);
    save(KEYS.size, s);
  };

  const openShare = async () => {
    const url = shareUrl(window.location, { code: editor.current?.getValue() ?? codeRef.current, size, language });
    setShare(url);
    try {
      await navigator.clipboard?.writeText(url);
    } catch {
      // The link is shown and selectable anyway.
    }
  };

  const setAsBaseline = () => {
    const current = editor.current?.getValue() ?? codeRef.current;
    setBaselines((prev) => ({ ...prev, [language]: current }));
    save(languageKey(KEYS.baseline, language), current);
  };

  const changeLatency = (ms: number) => {
    setLatency(ms);
    save(KEYS.latency, String(ms));
  };

  // What the panes show for the last run.
  const outcome = run?.outcome ?? null;
  const record = outcome && 'record' in outcome ? outcome.record : null;
  const inspected: InspectedRun | null = useMemo(
    () => (run && outcome && 'record' in outcome ? { record: outcome.record, access: outcome.access, code: run.code, language: run.language } : null),
    [run, outcome],
  );
  const counts = useMemo(() => (record ? lineCounts(record) : null), [record]);
  // One object per run: the editor puts the marker once, and it stays cleared when the code is replaced.
  const editorError: EditorError | null = useMemo(
    () => (record?.error?.line ? { line: record.error.line, column: record.error.column, message: `${record.error.type}: ${record.error.message}` } : null),
    [record],
  );
  const problem: OutputProblem | null = !outcome
    ? null
    : 'timeout' in outcome
      ? { kind: 'timeout', limitMs: outcome.limit_ms }
      : 'failed' in outcome
        ? { kind: 'failed', message: outcome.failed }
        : record?.error
          ? { kind: 'error', error: record.error }
          : null;
  const mismatch = record ? languageMismatch(run?.code ?? '', language, record.error) : null;
  const rows = status?.datasets[size]?.rows ?? null;
  const timeLimit = status?.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;

  return (
    <div className="flex min-h-dvh flex-col lg:h-dvh lg:min-h-[560px]" data-testid="sandbox" data-restored={restored ? "true" : "false"} data-typed-declarations={status?.typedDeclarations ? "true" : "false"}>
      <header className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-2 border-b border-border px-3 py-2 lg:h-12 lg:flex-nowrap lg:py-0">
        <div className="flex items-center gap-2">
          <Link href="/" className="font-semibold tracking-tight hover:text-accent">
            ORM Lab
          </Link>
          <span className="text-muted" aria-hidden>
            /
          </span>
          <h1 className="font-semibold">Sandbox</h1>
        </div>
        <div className="order-last flex w-full min-w-0 flex-wrap items-center gap-2 sm:flex-nowrap lg:order-none lg:ml-2 lg:w-auto">
          <LanguageToggle language={language} onChange={switchLanguage} />
          <select
            aria-label="Load an example"
            className="h-8 min-w-[9rem] flex-1 rounded-md border border-border bg-background px-1.5 text-sm sm:min-w-0 lg:max-w-[13rem] lg:flex-none"
            value=""
            onChange={(e) => loadSnippet(e.target.value)}
            data-testid="snippet-select"
          >
            <option value="" disabled>
              Examples…
            </option>
            {SNIPPET_TOPICS.map((t) => (
              <optgroup key={t.topic} label={t.topic}>
                {t.snippets.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <DatasetSizeSelect size={size} onChange={chooseSize} counts={POSTS_PER_SIZE} />
        </div>
        <div className="order-last flex w-full min-w-0 lg:order-none lg:w-auto lg:flex-1 lg:justify-center">
          <RunnerStatusBadge status={status} size={size} />
        </div>
        <div className="ml-auto flex items-center gap-2">
          <div className="relative">
            <button type="button" onClick={openShare} className="h-8 rounded-md border border-border px-3 text-sm font-medium hover:bg-surface" data-testid="share-button">
              Share
            </button>
            {share && <SharePopover url={share} onClose={() => setShare(null)} />}
          </div>
          <RunButton running={running} disabled={!runner || status?.phase === 'failed'} onRun={() => void doRun()} onStop={stop} timeLimitMs={timeLimit} />
        </div>
      </header>

      <main className="grid min-h-0 flex-1 grid-cols-1 lg:grid-cols-[auto_minmax(0,1fr)_minmax(0,1fr)]">
        <aside className={`hidden min-h-0 flex-col border-r border-border lg:flex ${schemaOpen ? 'w-56' : 'w-9'}`} aria-label="Schema">
          <FoldablePaneHeader title="Models" what="the models" open={schemaOpen} onToggle={() => setSchemaOpen((o) => !o)} />
          {schemaOpen && (
            <div className="pane-scroll pane-contain min-h-0 flex-1 overflow-y-auto">
              <SchemaExplorer schema={status?.schema ?? null} rows={rows} onInsert={(t) => editor.current?.insertText(t)} />
              <p className="px-3 py-2 text-[11px] text-muted">Click a field to insert its name.</p>
            </div>
          )}
        </aside>

        <section className="flex h-[70vh] min-h-[420px] flex-col border-border lg:h-auto lg:min-h-0 lg:border-r" aria-label="Code">
          <CodeEditor
            handleRef={editor}
            defaultValue={DEFAULT_SNIPPET.code}
            defaultLanguage="typescript"
            onChange={onChange}
            onRun={() => void doRun()}
            lineCounts={counts}
            error={editorError}
            declarations={status?.declarations ?? null}
            compilerOptions={status?.compilerOptions ?? null}
            className="min-h-[240px] flex-1"
            label={EDITOR_LABEL[language]}
          />
          <div className="flex h-[34%] min-h-[120px] shrink-0 flex-col border-t border-border">
            <div className="flex h-8 shrink-0 items-center justify-between border-b border-border px-3 text-xs">
              <span className="font-semibold tracking-wide text-muted uppercase">Output</span>
              {record && <span className="text-muted">{record.output.length + record.elided.output_lines} print() calls</span>}
            </div>
            {mismatch && (
              <p className="shrink-0 border-b border-border bg-info-surface px-3 py-1.5 text-xs" role="note" data-testid="language-mismatch">
                {mismatch}
              </p>
            )}
            <div className="pane-contain min-h-0 flex-1">
              <OutputPane
                output={record ? record.output : null}
                problem={problem}
                droppedLines={record?.elided.output_lines ?? 0}
                onLine={jump}
                running={running}
              />
            </div>
          </div>
        </section>

        <section className="flex min-h-[480px] flex-col border-t border-border lg:min-h-0 lg:border-t-0" aria-label="Queries">
          <div className="flex h-9 shrink-0 items-center gap-1 border-b border-border px-2" role="tablist">
            <TabButton active={tab === 'queries'} onClick={() => setTab('queries')} testId="tab-queries">
              Queries{record ? ` (${record.totals.statements})` : ''}
            </TabButton>
            <TabButton active={tab === 'compare'} onClick={() => setTab('compare')} testId="tab-compare">
              Before / after
            </TabButton>
            {running && (
              <span className="ml-auto flex items-center gap-1.5 pr-1 text-xs text-muted" data-testid="running">
                <span className="spinner" aria-hidden /> Running…
              </span>
            )}
          </div>
          <div
            className={`pane-scroll pane-contain min-h-0 flex-1 lg:overflow-y-auto ${running ? 'opacity-60 transition-opacity' : ''}`}
            data-testid="results"
            data-run-seq={latest?.seq ?? 0}
            data-run-language={run?.language ?? ''}
          >
            {tab === 'queries' ? (
              outcome && !('record' in outcome) ? (
                <div className="p-3">
                  <OutputPane output={null} problem={problem} onLine={jump} />
                </div>
              ) : (
                <QueryInspector
                  run={inspected}
                  schema={status?.schema ?? null}
                  latencyMs={latency}
                  onLatencyChange={changeLatency}
                  onLine={jump}
                  explain={explain}
                  emptyHint={<EmptyHint />}
                />
              )
            ) : (
              <CompareTab baseline={baseline} code={code} onSetBaseline={setAsBaseline} onLoadBaseline={() => baseline && loadSnippetCode(baseline)}>
                {baseline && (
                  <Comparison
                    key={language}
                    before={baseline}
                    after={code}
                    labels={['Baseline', 'Current code']}
                    run={compareRun}
                    size={size}
                    scaleSizes={DATASET_SIZES.map((s) => ({ size: s, scale: POSTS_PER_SIZE[s] }))}
                    latencyMs={latency}
                  />
                )}
              </CompareTab>
            )}
          </div>
          <div ref={paintProbe} hidden data-testid="paint-probe" />
          {warm === 'rendering' && (
            // Laid out off screen (not display:none) so that styles and fonts are resolved too.
            <div aria-hidden inert className="pointer-events-none invisible fixed top-0 -left-[10000px] h-[600px] w-[600px] overflow-hidden">
              <QueryInspector run={{ record: WARMUP_RECORD, code: WARMUP_CODE }} latencyMs={latency} onLatencyChange={() => undefined} onLine={() => undefined} />
              <OutputPane output={WARMUP_RECORD.output} problem={{ kind: 'error', error: WARMUP_RECORD.error! }} />
            </div>
          )}
        </section>
      </main>
    </div>
  );

  function loadSnippetCode(value: string) {
    editor.current?.setValue(value);
    codeRef.current = value;
    codes.current[languageRef.current] = value;
    autosave(languageRef.current, value);
  }
}

function EmptyHint() {
  return (
    <div className="space-y-2">
      <p>
        Press <strong>Run</strong> (or Ctrl/⌘+Enter) to run the code against the blog dataset. Every SQL statement it causes shows up here, with its
        time, its rows and the line that caused it.
      </p>
      <p>
        New here? The first example (Examples → N+1 queries) is the classic N+1: one query for the posts, then one per post for its author. Run
        it, then follow the hint to fix it.
      </p>
    </div>
  );
}

function CompareTab({ baseline, code, onSetBaseline, onLoadBaseline, children }: { baseline: string | null; code: string; onSetBaseline: () => void; onLoadBaseline: () => void; children: React.ReactNode }) {
  const same = baseline !== null && baseline === code;
  return (
    <div>
      <div className="space-y-2 border-b border-border px-3 py-3 text-sm">
        <p className="text-muted">
          Compare two versions on identical fresh data: the <strong className="text-foreground">baseline</strong> you set and the code in the editor.
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" onClick={onSetBaseline} className="rounded-md border border-border px-3 py-1.5 font-medium hover:bg-surface" data-testid="set-baseline">
            {baseline ? 'Replace the baseline with the current code' : 'Use the current code as the baseline'}
          </button>
          {baseline && (
            <button type="button" onClick={onLoadBaseline} className="text-xs text-accent hover:underline">
              load the baseline into the editor
            </button>
          )}
        </div>
        {baseline && (
          <details className="text-xs">
            <summary className="cursor-pointer text-muted hover:text-foreground">Baseline code{same ? ' (same as the editor: change the code to compare)' : ''}</summary>
            <pre className="pane-scroll mt-1 max-h-40 overflow-auto rounded border border-border bg-surface p-2 font-mono text-[11.5px]">{baseline}</pre>
          </details>
        )}
      </div>
      {baseline ? children : <p className="px-3 py-4 text-sm text-muted">Set a baseline (for example the N+1 version), then change the code and compare.</p>}
    </div>
  );
}

function SharePopover({ url, onClose }: { url: string; onClose: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.select();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="absolute top-10 right-0 z-20 w-96 rounded-md border border-border bg-background p-3 shadow-lg" role="dialog" aria-label="Share link">
      <p className="mb-1.5 text-xs text-muted">The link holds the code itself (compressed in the # part). Copied to the clipboard if allowed.</p>
      <input ref={input} readOnly value={url} className="w-full rounded border border-border bg-surface px-2 py-1 font-mono text-xs" data-testid="share-url" aria-label="Share link" />
      <div className="mt-2 flex justify-end">
        <button type="button" onClick={onClose} className="rounded px-2 py-1 text-xs font-medium hover:bg-surface">
          Close
        </button>
      </div>
    </div>
  );
}
