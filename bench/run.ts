/**
 * `npm run bench`: ORM overhead over raw sql.js, compile cost, reset and
 * start-up, sizes, and scale, each as a table with its targets (✓/✗), or
 * `--json`. `--quick` is the smoke mode. See README.md, "Performance".
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSnapshot } from '../lib/runner/session';
import { modeSettings, parseArgs, USAGE, type BenchArgs } from './args';
import { benchCompile } from './compile';
import { blogDataSet, blogSnapshot, loadSqlJs, type DataSet } from './env';
import { benchOverhead } from './overhead';
import { benchScale } from './scale';
import { benchSize } from './size';
import { benchStartup } from './startup';
import { renderSection, renderSummary, type SectionResult } from './table';
import { gcAvailable, setClock } from './timing';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function progress(message: string): void {
  process.stderr.write(`· ${message}\n`);
}

function commit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function meta(args: BenchArgs) {
  return {
    date: new Date().toISOString(),
    commit: commit(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
    load_average: os.loadavg().map((l) => Number(l.toFixed(2))),
    gc_between_samples: gcAvailable(),
    mode: args.quick ? 'quick' : 'full',
    clock: args.clock,
    size: args.size,
  };
}

async function main(): Promise<void> {
  let args: BenchArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const mode = modeSettings(args.quick);
  setClock(args.clock);
  const SQL = await loadSqlJs();
  const files: DataSet[] = [];
  for (const file of args.databases) {
    try {
      const bytes = new Uint8Array(readFileSync(file));
      files.push({ label: basename(file), bytes: buildSnapshot(SQL, { kind: 'database', bytes }) });
    } catch (e) {
      process.stderr.write(`--database ${file}: ${(e as Error).message}\n`);
      process.exit(2);
    }
  }
  const info = meta(args);
  const sections: { number: string; result: SectionResult }[] = [];
  const emit = (number: string, result: SectionResult) => {
    sections.push({ number, result });
    if (!args.json) process.stdout.write(`\n${renderSection(result, number)}`);
  };
  if (!args.json) {
    process.stdout.write(
      `ORM Lab bench (${info.mode}, ${info.clock} clock) — ${info.date}, commit ${info.commit ?? '?'}, Node ${info.node}, ${info.cpus}, load ${info.load_average.join(' ')}${info.gc_between_samples ? '' : ', no forced GC'}\n`,
    );
    if (info.load_average[0] > os.cpus().length * 0.75) {
      process.stdout.write(
        `warning: the machine is busy; ratios are paired per round, but expect spread${args.clock === 'wall' ? ' (--clock cpu times CPU work instead of waiting)' : ''}\n`,
      );
    }
  }

  const want = (s: string) => args.sections.includes(s as BenchArgs['sections'][number]);
  const mainData = (): DataSet => {
    progress(`dataset ${args.size}`);
    return blogDataSet(SQL, args.size);
  };

  if (want('overhead')) {
    const datasets: DataSet[] = [mainData(), ...files];
    datasets.forEach((data, i) => {
      progress(`1. ORM overhead on ${data.label}`);
      const options = { ...mode.overhead, ...(args.reps ? { reps: args.reps } : {}) };
      emit(i ? `1${String.fromCharCode(97 + i)}` : '1', benchOverhead({ SQL, data, ...options, onWorkload: (id) => progress(`   ${id}`) }));
    });
  }
  if (want('compile')) {
    progress('2. compile cost');
    emit('2', benchCompile({ SQL, data: mainData(), ...mode.compile }));
  }
  if (want('startup')) {
    progress('3. reset and start-up (builds every size; cold starts in fresh processes; Chromium if out/ is built)');
    emit('3', await benchStartup({ SQL, ...mode.startup, resetSize: 'default', browserRuns: mode.browser.runs }));
  }
  if (want('size')) {
    progress('4. size');
    const sizes = Object.keys(mode.startup.builds) as (keyof typeof mode.startup.builds)[];
    const snapshots = Object.fromEntries(sizes.map((s) => [s, blogSnapshot(SQL, s!)]));
    emit('4', benchSize({ outDir: join(ROOT, 'out'), snapshots }));
  }
  if (want('scale')) {
    progress(`5. scale (N+1 loop ${mode.scale.nPlusOne}, ${mode.scale.loopQueries}-query loop, iterator on ${mode.scale.big})`);
    emit('5', benchScale({ SQL, data: mainData(), bigData: blogDataSet(SQL, mode.scale.big), ...mode.scale }));
  }

  const results = sections.map((s) => s.result);
  const checks = results.flatMap((r) => r.checks);
  const json = JSON.stringify(
    {
      meta: { ...info, load_average_end: os.loadavg().map((l) => Number(l.toFixed(2))) },
      summary: { passed: checks.filter((c) => c.pass).length, total: checks.length },
      sections: results.map(({ tables: _t, ...rest }) => rest),
    },
    null,
    2,
  );
  if (args.save) {
    mkdirSync(dirname(args.save), { recursive: true });
    writeFileSync(args.save, `${json}\n`);
  }
  if (args.json) {
    process.stdout.write(`${json}\n`);
  } else {
    process.stdout.write(`\n${renderSummary(results)}`);
    process.stdout.write(`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  }
}

await main();
