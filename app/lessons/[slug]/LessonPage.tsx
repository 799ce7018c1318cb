'use client';

/**
 * A lesson: the prose on the left, the editor (starting from before.ts) with
 * its output in the middle, and Check / Queries / Before-after on the right.
 * Run works as in the sandbox; Check runs before.ts and the learner's code on
 * identical fresh data (and on the hidden data) in the runner worker and
 * evaluates every check with lib/lessons. Code, hints and progress autosave per
 * lesson. Everything shown is computed in lib/ (lessons-ui, runner, lessons).
 */
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import CodeEditor, { type CodeEditorHandle, type EditorError } from '@/components/CodeEditor';
import Comparison from '@/components/Comparison';
import OutputPane, { type OutputProblem } from '@/components/OutputPane';
import { FoldablePaneHeader, TabButton } from '@/components/PaneControls';
import QueryInspector, { type InspectedRun } from '@/components/QueryInspector';
import { RunButton, RunnerStatusBadge } from '@/components/RunControls';
import CheckPanel from '@/components/lesson/CheckPanel';
import LessonProse from '@/components/lesson/LessonProse';
import { LessonStatusBadge } from '@/components/lesson/ProgressMarks';
import SolutionDialog from '@/components/lesson/SolutionDialog';
import { checkLesson, type LessonCheckResult } from '@/lib/lessons/evaluate';
import type { LessonRunRequest } from '@/lib/lessons/runner';
import { browserLessonRunner } from '@/lib/lessons-ui/browser-runner';
import { lessonNumber } from '@/lib/lessons-ui/catalog';
import { beforeAfter, checkView, goalRows, pendingChecks, type CheckSubject } from '@/lib/lessons-ui/check-view';
import type { LessonPageData } from '@/lib/lessons-ui/page-data';
import { markPassed, markSolutionViewed, markStarted, progressStore, revealHints } from '@/lib/lessons-ui/progress';
import { useProgress } from '@/lib/lessons-ui/use-progress';
import { DATASET_SIZES, POSTS_PER_SIZE } from '@/lib/playground/datasets';
import { useRunner } from '@/lib/playground/runner';
import { debounce } from '@/lib/playground/storage';
import { lineCounts } from '@/lib/runner/analysis';
import type { RunFn } from '@/lib/runner/compare';
import type { RunRecord } from '@/lib/runner/record';
import type { RelationAccess } from '@/lib/runner/relation-access';
import { DEFAULT_TIME_LIMIT_MS, type RunnerClient } from '@/lib/runner/worker-client';

type ShownOutcome = { record: RunRecord; access: RelationAccess | null } | { timeout: true; limit_ms: number } | { cancelled: true } | { failed: string };

interface RunState {
  seq: number;
  code: string;
  outcome: ShownOutcome;
  /** Where it came from: the Run button or the learner's run during a Check. */
  via: 'run' | 'check';
}

interface CheckState {
  seq: number;
  code: string;
  result: LessonCheckResult;
  ms: number;
}

type ResultTab = 'check' | 'queries' | 'compare';

const LATENCY_MS = 1;

export default function LessonPage({ data }: { data: LessonPageData }) {
  const { runner, status } = useRunner();
  const store = progressStore();
  const progress = useProgress();
  const editor = useRef<CodeEditorHandle>(null);
  const codeRef = useRef(data.before);
  const [code, setCode] = useState(data.before);
  const [restored, setRestored] = useState(false);
  const [run, setRun] = useState<RunState | null>(null);
  const [running, setRunning] = useState(false);
  const [check, setCheck] = useState<CheckState | null>(null);
  const [checking, setChecking] = useState<string | null>(null);
  const [tab, setTab] = useState<ResultTab>('check');
  const [codeTab, setCodeTab] = useState<'typescript' | 'python'>('typescript');
  const [proseOpen, setProseOpen] = useState(true);
  const [solutionOpen, setSolutionOpen] = useState(false);
  const [undo, setUndo] = useState<{ code: string; what: string } | null>(null);
  const [types, setTypes] = useState<{ declarations: string; compilerOptions: Record<string, unknown> } | null>(null);
  const seq = useRef(0);
  const beforeCache = useRef(new Map<string, RunRecord>());
  const checkCancelled = useRef(false);
  const probe = useRef<HTMLDivElement>(null);
  const resultsPane = useRef<HTMLElement>(null);
  const slug = data.slug;

  const started = useCallback(() => store.update((p) => markStarted(p, slug, Date.now())), [store, slug]);

  // Restore the autosaved code (a missing or unreadable value leaves before.ts).
  useEffect(() => {
    const saved = store.loadCode(slug);
    if (saved !== null && saved !== codeRef.current) {
      codeRef.current = saved;
      setCode(saved);
      editor.current?.setValue(saved);
    }
    setRestored(true);
  }, [store, slug]);

  // Build the dataset (and warm the ORM up) before the first run.
  useEffect(() => {
    if (runner && data.size) void runner.prepare(data.size);
  }, [runner, data.size]);

  // A lesson with its own models: typings from models.ts (read in the worker).
  useEffect(() => {
    if (!runner || !data.hasModels) return;
    let live = true;
    void runner.lessonTypes(data.lesson.data.visible).then((o) => {
      if (live && 'declarations' in o) setTypes({ declarations: o.declarations, compilerOptions: o.compilerOptions });
    });
    return () => {
      live = false;
    };
  }, [runner, data.hasModels, data.lesson]);

  const autosave = useMemo(
    () =>
      debounce((value: string) => {
        store.saveCode(slug, value);
        setCode(value);
      }, 300),
    [store, slug],
  );
  useEffect(() => {
    const flush = () => autosave.flush();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      autosave.flush();
    };
  }, [autosave]);

  const onChange = useCallback(
    (value: string) => {
      codeRef.current = value;
      autosave(value);
      if (value !== data.before) started();
    },
    [autosave, data.before, started],
  );

  const currentCode = useCallback(() => editor.current?.getValue() ?? codeRef.current, []);

  const runOnLessonData = useCallback(
    async (runnerClient: RunnerClient, source: string, key?: string): Promise<ShownOutcome> => {
      if (data.size) return runnerClient.run(source, { size: data.size, key });
      const request: LessonRunRequest = { data: data.lesson.data.visible, code: source, file: 'learner.ts' };
      const o = await runnerClient.runLesson(request, key ? { key } : {});
      if ('result' in o) return { record: o.result.record, access: null };
      if ('dataError' in o) return { failed: `${data.lesson.dir}/${o.dataError.file}: ${o.dataError.message}` };
      return o;
    },
    [data.size, data.lesson],
  );

  const doRun = useCallback(async () => {
    if (!runner || checking) return;
    const current = currentCode();
    autosave.flush();
    started();
    setRunning(true);
    setTab('queries');
    const outcome = await runOnLessonData(runner, current, 'lesson-run');
    if ('cancelled' in outcome && runner.pending > 0) return; // superseded by a newer run
    setRunning(false);
    setRun({ seq: ++seq.current, code: current, outcome, via: 'run' });
  }, [runner, checking, currentCode, autosave, started, runOnLessonData]);

  const doCheck = useCallback(async () => {
    if (!runner || checking) return;
    const current = currentCode();
    autosave.flush();
    started();
    checkCancelled.current = false;
    setTab('check');
    setChecking('Starting the check…');
    const t0 = performance.now();
    const hiddenKey = data.lesson.data.hidden?.key;
    const lessonRunner = browserLessonRunner(runner, {
      customTitle: data.customTitle,
      onRun: (r) => {
        const where = r.data.key === hiddenKey ? `hidden data (${r.data.label})` : r.data.label;
        setChecking(r.file === 'before.ts' ? `Running before.ts on ${where}…` : `Running your code on ${where}…`);
      },
    });
    const result = await checkLesson(data.lesson, current, lessonRunner, { beforeCache: beforeCache.current });
    setChecking(null);
    if (checkCancelled.current) return;
    const ms = performance.now() - t0;
    const n = ++seq.current;
    setCheck({ seq: n, code: current, result, ms });
    if (result.passed) store.update((p) => markPassed(p, slug, Date.now()));
    const visible = result.runs.find((r) => r.data === 'visible');
    if (visible) setRun({ seq: n, code: current, outcome: { record: visible.learner, access: null }, via: 'check' });
    // One column (phones): the verdict is below the editor, bring it into view.
    if (window.matchMedia?.('(max-width: 1023px)').matches) resultsPane.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [runner, checking, currentCode, autosave, started, data.lesson, data.customTitle, store, slug]);

  const stop = useCallback(() => {
    checkCancelled.current = true;
    runner?.stop();
    setRunning(false);
    setChecking(null);
  }, [runner]);

  // Ctrl/Cmd+Enter runs anywhere on the page (the editor handles its own); Ctrl/Cmd+Shift+Enter checks.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.defaultPrevented) return;
      if (e.shiftKey) {
        e.preventDefault();
        void doCheck();
        return;
      }
      if ((e.target as HTMLElement | null)?.closest?.('[data-testid="code-editor"]')) return;
      e.preventDefault();
      void doRun();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [doRun, doCheck]);

  // Figures for benchmarks and the e2e log: how long the last check took, end to end.
  useEffect(() => {
    if (check && probe.current) {
      probe.current.dataset.checkMs = check.ms.toFixed(0);
      probe.current.dataset.seq = String(check.seq);
    }
  }, [check]);

  const replaceCode = (next: string, what: string) => {
    const previous = currentCode();
    if (previous === next) return;
    editor.current?.setValue(next);
    codeRef.current = next;
    autosave(next);
    setUndo({ code: previous, what });
    setCodeTab('typescript');
  };

  const undoReplace = () => {
    if (!undo) return;
    editor.current?.setValue(undo.code);
    codeRef.current = undo.code;
    autosave(undo.code);
    setUndo(null);
    editor.current?.focus();
  };

  useEffect(() => {
    if (!undo) return;
    const t = setTimeout(() => setUndo(null), 20_000);
    return () => clearTimeout(t);
  }, [undo]);

  const openSolution = () => {
    autosave.flush();
    setCode(currentCode());
    setSolutionOpen(true);
    store.update((p) => markSolutionViewed(p, slug, Date.now()));
  };

  const revealHint = () => store.update((p) => revealHints(p, slug, (p[slug]?.hints ?? 0) + 1, Date.now()));

  const jump = useCallback((line: number, column?: number) => {
    setCodeTab('typescript');
    editor.current?.revealLine(line, column);
  }, []);

  const compareRun: RunFn = useCallback(
    async (c, s) => {
      if (!runner) return { failed: 'The runner is not ready.' };
      if (data.size) return runner.run(c, { size: s });
      const o = await runOnLessonData(runner, c);
      return 'record' in o ? { record: o.record } : o;
    },
    [runner, data.size, runOnLessonData],
  );

  // ---------------------------------------------------------------- derived
  const subject: CheckSubject = useMemo(
    () => ({ checks: data.checks, customTitle: data.customTitle, visibleLabel: data.visibleLabel, hiddenLabel: data.hiddenLabel }),
    [data],
  );
  const view = useMemo(() => (check ? checkView(subject, check.result) : null), [check, subject]);
  const figures = useMemo(() => (check ? beforeAfter(check.result, LATENCY_MS) : null), [check]);
  const goal = useMemo(() => goalRows(subject, check?.result ?? null), [subject, check]);
  const pending = useMemo(() => pendingChecks(subject), [subject]);
  const outcome = run?.outcome ?? null;
  const record = outcome && 'record' in outcome ? outcome.record : null;
  const inspected: InspectedRun | null = useMemo(() => (run && outcome && 'record' in outcome ? { record: outcome.record, access: outcome.access, code: run.code } : null), [run, outcome]);
  const counts = useMemo(() => (record ? lineCounts(record) : null), [record]);
  const editorError: EditorError | null = record?.error?.line ? { line: record.error.line, column: record.error.column, message: `${record.error.type}: ${record.error.message}` } : null;
  const problem: OutputProblem | null = !outcome
    ? null
    : 'timeout' in outcome
      ? { kind: 'timeout', limitMs: outcome.limit_ms }
      : 'failed' in outcome
        ? { kind: 'failed', message: outcome.failed }
        : record?.error
          ? { kind: 'error', error: record.error }
          : null;
  const timeLimit = status?.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const busy = running || checking !== null;
  const unavailable = !runner || status?.phase === 'failed';
  const hintsShown = progress[slug]?.hints ?? 0;
  const declarations = data.hasModels ? (types?.declarations ?? null) : (status?.declarations ?? null);
  const compilerOptions = data.hasModels ? (types?.compilerOptions ?? null) : (status?.compilerOptions ?? null);
  const lessonReady = data.size ? !!status?.datasets[data.size] : status?.phase === 'ready' || status?.phase === 'busy';

  return (
    <div className="flex min-h-dvh flex-col lg:h-dvh lg:min-h-[560px]" data-testid="lesson-page" data-slug={slug} data-restored={restored ? 'true' : 'false'}>
      <header className="sticky top-0 z-30 flex shrink-0 flex-wrap items-center gap-x-3 gap-y-2 border-b border-border bg-background px-3 py-2 lg:static lg:h-12 lg:flex-nowrap lg:py-0">
        <nav className="flex min-w-0 items-center gap-2 text-sm" aria-label="Breadcrumb">
          <Link href="/" className="shrink-0 font-semibold tracking-tight hover:text-accent">
            ORM Lab
          </Link>
          <span className="text-muted" aria-hidden>
            /
          </span>
          <Link href={`/#lessons`} className="hidden shrink-0 text-muted hover:text-foreground xl:inline">
            {data.chapter.title}
          </Link>
          <span className="hidden text-muted xl:inline" aria-hidden>
            /
          </span>
          <span className="min-w-0 truncate font-semibold" title={data.title}>
            <span className="font-mono font-normal text-muted">{lessonNumber(data.number)}</span> {data.title}
          </span>
          <LessonStatusBadge slug={slug} compact />
        </nav>
        <div className="order-last flex w-full min-w-0 lg:order-none lg:w-auto lg:flex-1 lg:justify-center">
          {data.size ? (
            <RunnerStatusBadge status={status} size={data.size} />
          ) : (
            <span className="text-xs text-muted" role="status" data-testid="runner-status" data-ready={lessonReady ? 'true' : 'false'}>
              {status?.message ?? 'Starting the runner…'}
            </span>
          )}
        </div>
        <div className="ml-auto flex items-center gap-2">
          <nav className="hidden items-center gap-1 sm:flex" aria-label="Lessons">
            {data.previous ? (
              <Link href={data.previous.href} className="flex h-8 w-8 items-center justify-center rounded-md text-muted hover:bg-surface hover:text-foreground" title={`Previous: ${data.previous.title}`} aria-label={`Previous lesson: ${data.previous.title}`}>
                ←
              </Link>
            ) : null}
            {data.next ? (
              <Link href={data.next.href} className="flex h-8 w-8 items-center justify-center rounded-md text-muted hover:bg-surface hover:text-foreground" title={`Next: ${data.next.title}`} aria-label={`Next lesson: ${data.next.title}`}>
                →
              </Link>
            ) : null}
          </nav>
          {checking !== null ? (
            <button type="button" onClick={stop} className="inline-flex h-8 items-center gap-2 rounded-md border border-danger px-3 text-sm font-semibold text-danger hover:bg-danger-surface" data-testid="check-stop">
              <span className="spinner" aria-hidden /> Stop
            </button>
          ) : (
            <button
              type="button"
              onClick={() => void doCheck()}
              disabled={unavailable || running}
              className="inline-flex h-8 items-center gap-1.5 rounded-md border border-accent px-3 text-sm font-semibold text-accent hover:bg-success-surface disabled:opacity-50"
              data-testid="check-button"
              title="Check (Ctrl+Shift+Enter): runs before.ts and your code on the same data and verifies the lesson's checks"
            >
              <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" aria-hidden>
                <path d="M3 8.5 6.5 12 13 4.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
              Check
            </button>
          )}
          <RunButton running={running} disabled={unavailable || checking !== null} onRun={() => void doRun()} onStop={stop} timeLimitMs={timeLimit} />
        </div>
      </header>

      <main className="grid min-h-0 flex-1 grid-cols-1 lg:grid-cols-[auto_minmax(0,1.1fr)_minmax(0,1fr)]">
        <aside className={`flex min-h-0 flex-col border-border lg:border-r ${proseOpen ? 'lg:w-[clamp(300px,27vw,440px)]' : 'lg:w-9'}`} aria-label="Lesson">
          <FoldablePaneHeader title="Lesson" what="the lesson text" open={proseOpen} onToggle={() => setProseOpen((o) => !o)} className="hidden lg:flex" />
          <div className={`pane-scroll min-h-0 flex-1 lg:overflow-y-auto ${proseOpen ? '' : 'lg:hidden'}`}>
            <LessonProse data={data} goal={goal} hintsShown={hintsShown} onRevealHint={revealHint} />
          </div>
        </aside>

        <section className="flex h-[75vh] min-h-[440px] flex-col border-t border-border lg:h-auto lg:min-h-0 lg:border-t-0 lg:border-r" aria-label="Code">
          <div className="flex h-9 shrink-0 items-center gap-1 border-b border-border px-2" role="tablist" aria-label="Code language">
            <TabButton active={codeTab === 'typescript'} onClick={() => setCodeTab('typescript')} testId="code-tab-typescript">
              TypeScript
            </TabButton>
            <TabButton active={codeTab === 'python'} onClick={() => setCodeTab('python')} testId="code-tab-python">
              Django<span className="hidden font-normal text-muted sm:inline">(Python)</span>
            </TabButton>
            <div className="ml-auto flex items-center gap-1">
              <ToolButton onClick={() => replaceCode(data.before, 'Code reset to before.ts')} testId="reset-button" title="Put before.ts back in the editor (undoable)">
                Reset
              </ToolButton>
              <ToolButton onClick={openSolution} testId="solution-button" title="Show solution.ts as a diff against your code">
                Solution
              </ToolButton>
            </div>
          </div>
          <div className="relative flex min-h-[240px] flex-1 flex-col">
            <CodeEditor
              handleRef={editor}
              defaultValue={data.before}
              onChange={onChange}
              onRun={() => void doRun()}
              lineCounts={counts}
              error={editorError}
              declarations={declarations}
              compilerOptions={compilerOptions}
              className="min-h-[240px] flex-1"
              label="Code editor: TypeScript with Django's ORM API. Ctrl+Enter runs, Ctrl+Shift+Enter checks."
            />
            {codeTab === 'python' && (
              <div className="pane-scroll absolute inset-0 z-10 overflow-auto bg-[var(--editor-background)]" data-testid="django-code">
                <p className="border-b border-border px-4 py-2 text-xs text-muted">
                  The Django code <span className="font-mono">before.ts</span> corresponds to. Your fix goes in the TypeScript tab: the same ORM calls, with keyword
                  arguments as a trailing object.
                </p>
                <pre className="code-block m-0 rounded-none border-0 px-4 py-3" data-lang="python">
                  <code dangerouslySetInnerHTML={{ __html: data.django.beforeHtml }} />
                </pre>
              </div>
            )}
            {undo && (
              <div className="absolute right-3 bottom-3 z-20 flex items-center gap-3 rounded-md border border-border bg-background px-3 py-1.5 text-sm shadow-lg" role="status" data-testid="undo-toast">
                <span>{undo.what}.</span>
                <button type="button" onClick={undoReplace} className="font-semibold text-accent hover:underline" data-testid="undo-button">
                  Undo
                </button>
                <button type="button" onClick={() => setUndo(null)} className="text-muted hover:text-foreground" aria-label="Dismiss">
                  ✕
                </button>
              </div>
            )}
          </div>
          <div className="flex h-[32%] min-h-[120px] shrink-0 flex-col border-t border-border">
            <div className="flex h-8 shrink-0 items-center justify-between border-b border-border px-3 text-xs">
              <span className="font-semibold tracking-wide text-muted uppercase">Output</span>
              {record && (
                <span className="text-muted">
                  {run?.via === 'check' ? 'from the check · ' : ''}
                  {record.output.length + record.elided.output_lines} print() calls
                </span>
              )}
            </div>
            <div className="pane-contain min-h-0 flex-1">
              <OutputPane output={record ? record.output : null} problem={problem} droppedLines={record?.elided.output_lines ?? 0} onLine={jump} running={running} />
            </div>
          </div>
        </section>

        <section ref={resultsPane} className="flex min-h-[480px] scroll-mt-24 flex-col border-t border-border lg:min-h-0 lg:border-t-0" aria-label="Results">
          <div className="flex h-9 shrink-0 items-center gap-1 border-b border-border px-2" role="tablist">
            <TabButton active={tab === 'check'} onClick={() => setTab('check')} testId="tab-check">
              Check
              {view && <span className={`inline-block h-2 w-2 rounded-full ${view.passed ? 'bg-success' : 'bg-danger'}`} aria-label={view.passed ? 'passed' : 'failed'} />}
            </TabButton>
            <TabButton active={tab === 'queries'} onClick={() => setTab('queries')} testId="tab-queries">
              Queries{record ? ` (${record.totals.statements})` : ''}
            </TabButton>
            <TabButton active={tab === 'compare'} onClick={() => setTab('compare')} testId="tab-compare">
              Before / after
            </TabButton>
            {busy && (
              <span className="ml-auto flex items-center gap-1.5 pr-1 text-xs text-muted" data-testid="running">
                <span className="spinner" aria-hidden /> {checking ? 'Checking…' : 'Running…'}
              </span>
            )}
          </div>
          <div className={`pane-scroll pane-contain min-h-0 flex-1 lg:overflow-y-auto ${running ? 'opacity-60 transition-opacity' : ''}`} data-testid="results" data-run-seq={run?.seq ?? 0} data-check-seq={check?.seq ?? 0}>
            {tab === 'check' ? (
              <CheckPanel
                view={view}
                pending={pending}
                comparison={figures}
                hiddenLabel={data.hiddenLabel}
                checking={checking}
                stale={!!check && check.code !== code}
                next={data.next}
                onCheck={() => void doCheck()}
                onLine={jump}
                onCompare={() => setTab('compare')}
                disabled={unavailable || busy}
              />
            ) : tab === 'queries' ? (
              outcome && !('record' in outcome) ? (
                <div className="p-3">
                  <OutputPane output={null} problem={problem} onLine={jump} />
                </div>
              ) : (
                <QueryInspector run={inspected} schema={data.hasModels ? null : (status?.schema ?? null)} latencyMs={LATENCY_MS} onLine={jump} emptyHint={<EmptyHint />} />
              )
            ) : (
              <div>
                <p className="border-b border-border px-3 py-3 text-sm text-muted">
                  <span className="font-mono text-foreground">before.ts</span> against the code in the editor, on identical fresh copies of the lesson&apos;s data.
                </p>
                <Comparison
                  before={data.before}
                  after={code}
                  labels={['before.ts', 'Your code']}
                  run={compareRun}
                  size={data.size ?? 'default'}
                  dataLabel={data.size ? undefined : data.visibleLabel}
                  scaleSizes={data.size ? DATASET_SIZES.map((s) => ({ size: s, scale: POSTS_PER_SIZE[s] })) : []}
                  latencyMs={LATENCY_MS}
                />
              </div>
            )}
          </div>
          <div ref={probe} hidden data-testid="check-probe" />
        </section>
      </main>

      {solutionOpen && (
        <SolutionDialog
          code={code}
          solution={data.solution}
          djangoHtml={data.django.solutionHtml}
          onClose={() => setSolutionOpen(false)}
          onLoad={() => {
            setSolutionOpen(false);
            replaceCode(data.solution, 'Solution loaded');
          }}
        />
      )}
    </div>
  );
}

function ToolButton({ onClick, children, testId, title }: { onClick: () => void; children: React.ReactNode; testId: string; title: string }) {
  return (
    <button type="button" onClick={onClick} className="h-7 rounded-md px-2.5 text-sm font-medium text-muted hover:bg-surface hover:text-foreground" data-testid={testId} title={title}>
      {children}
    </button>
  );
}

function EmptyHint() {
  return (
    <div className="space-y-2">
      <p>
        Press <strong>Run</strong> (or Ctrl/⌘+Enter) to run the code. Every SQL statement it causes shows up here, with its time, its rows and the line that
        caused it, and repeated queries are named with the fix.
      </p>
      <p>
        When you think it&apos;s fixed, press <strong>Check</strong>.
      </p>
    </div>
  );
}
