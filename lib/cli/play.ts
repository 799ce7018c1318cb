import type { SqlJsStatic } from 'sql.js';
import { DatabaseFileError } from '../db/datasets/blog-database';
import { FixtureError } from '../db/fixtures';
import { buildSnapshot, runOnSnapshot, type DataSource } from '../runner/session';
import { formatMs, formatRecord } from './format-record';
import { parsePlayArgs, PLAY_USAGE, UsageError, type PlayArgs } from './play-args';
import { playDataSource, readInput, type ReadFile } from './play-source';
import { RecordJsonWriter } from './record-json';
import { terminalStyle } from './terminal-style';

/** What `npm run play` needs from its environment (Node in scripts/play.ts, fakes in tests). */
export interface PlayIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile: ReadFile;
  /** ANSI colour in the human output. */
  color: boolean;
  loadSqlJs(): Promise<SqlJsStatic>;
}

function snapshotOf(SQL: SqlJsStatic, source: DataSource, args: PlayArgs): Uint8Array {
  try {
    return buildSnapshot(SQL, source);
  } catch (e) {
    if (e instanceof FixtureError) throw new UsageError(`invalid fixture ${e.message}`);
    if (source.kind === 'fixture') throw new UsageError(`invalid fixture ${args.fixture}: ${(e as Error).name}: ${(e as Error).message}`);
    if (e instanceof DatabaseFileError) throw new UsageError(`database ${args.database}: ${e.message}`);
    throw e;
  }
}

/**
 * `npm run play -- FILE.ts... [options]`: runs each file on a fresh copy of the
 * data and prints its record (human or `--json`). Returns the exit code: 0 all
 * ran cleanly, 1 some run raised an error, 2 bad command line or input.
 */
export async function main(argv: readonly string[], io: PlayIO): Promise<number> {
  let args: PlayArgs;
  let sources: { file: string; code: string }[];
  let prepared: { SQL: SqlJsStatic; snapshot: Uint8Array; label: string; readyMs: number };
  try {
    args = parsePlayArgs(argv);
    if (args.help) {
      io.stdout(`${PLAY_USAGE}\n`);
      return 0;
    }
    const decoder = new TextDecoder();
    sources = args.files.map((file) => ({ file, code: decoder.decode(readInput(io.readFile, file, 'file')) }));
    const { source, label } = playDataSource(args, io.readFile);
    const started = performance.now();
    const SQL = await io.loadSqlJs();
    prepared = { SQL, snapshot: snapshotOf(SQL, source, args), label, readyMs: performance.now() - started };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`play: ${e.message}\n${e.showUsage ? `\n${PLAY_USAGE}\n` : ''}`);
    return 2;
  }

  const style = terminalStyle(io.color);
  const json = args.json ? new RecordJsonWriter((text) => io.stdout(text), sources.length > 1) : null;
  if (!json) io.stdout(style.dim(`Data: ${prepared.label} (ready in ${formatMs(prepared.readyMs)})`) + '\n\n');
  let failed = false;
  sources.forEach(({ file, code }, i) => {
    const language = file.endsWith('.py') ? 'python' : 'typescript';
    const record = runOnSnapshot(prepared.SQL, prepared.snapshot, code, { file, language });
    if (record.error) failed = true;
    if (json) json.add(record);
    else io.stdout((i ? '\n' : '') + formatRecord(record, style));
  });
  json?.end();
  return failed ? 1 : 0;
}
