/**
 * Where the ORM's time goes: V8's CPU profiler (the one `node --cpu-prof`
 * uses, driven in-process through node:inspector) on one workload of the
 * overhead section, run as learners run it (recorder subscribed). Positions
 * are mapped back to the .ts sources through tsx's source maps.
 *
 *   npx tsx bench/profile.ts get_loop                 # top self-time functions
 *   npx tsx bench/profile.ts all --seconds 5 --size large --no-recorder
 *   npx tsx bench/profile.ts select_related --out tmp/select_related.cpuprofile   # open in DevTools
 *
 * Workloads: all, select_related, prefetch_tags, prefetch_related, annotate,
 * values_list, get_loop, bulk_create, bulk_update.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { findSourceMap } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BlogSize } from '../lib/db/datasets/blog-data';
import { blogDataSet, closeWorld, learnerCall, loadSqlJs, openWorld, Recording, resetQueryLogs } from './env';
import { overheadWorkloads } from './overhead';
import { renderTable } from './table';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function where(cf: CallFrame): { file: string; line: number } {
  if (!cf.url) return { file: '(native)', line: 0 };
  const map = findSourceMap(cf.url);
  const entry = map?.findEntry(cf.lineNumber, cf.columnNumber) as { originalSource?: string; originalLine?: number } | undefined;
  const url = entry?.originalSource ?? cf.url;
  const line = entry?.originalSource ? (entry.originalLine ?? 0) + 1 : cf.lineNumber + 1;
  const path = url.startsWith('file://') ? relative(ROOT, fileURLToPath(url)) : url;
  return { file: path, line };
}

export interface SelfTime {
  fn: string;
  file: string;
  line: number;
  ms: number;
  share: number;
}

/** Self time per function (file:line mapped to the sources), and per file. */
export function summarize(profile: Profile): { functions: SelfTime[]; files: { file: string; ms: number; share: number }[]; totalMs: number } {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, SelfTime>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    if (!us) continue;
    total += us;
    const { file, line } = where(node.callFrame);
    const fn = node.callFrame.functionName || '(anonymous)';
    const key = `${fn}\0${file}\0${line}`;
    const entry = byFn.get(key) ?? { fn, file, line, ms: 0, share: 0 };
    entry.ms += us / 1000;
    byFn.set(key, entry);
    const fileKey = file.startsWith('wasm://') ? 'sql.js wasm (SQLite)' : file;
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us / 1000);
  }
  const functions = [...byFn.values()].map((e) => ({ ...e, share: e.ms / (total / 1000) })).sort((a, b) => b.ms - a.ms);
  const files = [...byFile].map(([file, ms]) => ({ file, ms, share: ms / (total / 1000) })).sort((a, b) => b.ms - a.ms);
  return { functions, files, totalMs: total / 1000 };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opt = (name: string, fallback: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const workloadId = argv.find((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--')) ?? 'get_loop';
  const seconds = Number(opt('--seconds', '4'));
  const size = opt('--size', 'default') as BlogSize;
  const top = Number(opt('--top', '25'));
  const out = opt('--out', '');
  const recorded = !argv.includes('--no-recorder');

  process.setSourceMapsEnabled(true);
  const SQL = await loadSqlJs();
  const world = openWorld(SQL, blogDataSet(SQL, size));
  const workload = overheadWorkloads(world).find((w) => w.id === workloadId);
  if (!workload) throw new Error(`unknown workload ${workloadId}`);
  const connections = world.runtime.connections.all();
  const once = () => {
    workload.setup?.();
    resetQueryLogs(world);
    const rec = recorded ? new Recording(connections) : null;
    try {
      learnerCall(workload.run);
      rec?.finish();
    } finally {
      rec?.dispose();
      workload.cleanup?.();
    }
  };
  const warmUntil = performance.now() + 1000;
  while (performance.now() < warmUntil) once();

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  let calls = 0;
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    once();
    calls++;
  }
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();
  closeWorld(world);
  if (out) writeFileSync(out, JSON.stringify(profile));

  const { functions, files, totalMs } = summarize(profile);
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  process.stdout.write(
    `${workload.label} on ${size}, ${recorded ? 'recorder subscribed' : 'no listener'}: ${calls} calls in ${seconds} s, ${(totalMs / calls).toFixed(2)} ms per call (profiled)\n` +
      `${workload.setup ? 'per-call setup (building the objects) is inside the profile; ' : ''}under tsx, \`__name\`/\`set name\` entries are esbuild keepNames helpers, absent from the site's bundle\n\n`,
  );
  process.stdout.write(
    renderTable({
      title: 'self time by function',
      columns: [{ header: 'self', align: 'right' }, { header: 'function' }, { header: 'where' }],
      rows: functions.slice(0, top).map((f) => [pct(f.share), f.fn, f.line ? `${f.file}:${f.line}` : f.file]),
    }) + '\n\n',
  );
  process.stdout.write(
    renderTable({
      title: 'self time by file',
      columns: [{ header: 'self', align: 'right' }, { header: 'file' }],
      rows: files.slice(0, 15).map((f) => [pct(f.share), f.file]),
    }) + '\n',
  );
  if (out) process.stdout.write(`\nprofile written to ${out} (open it in Chrome DevTools → Performance)\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
