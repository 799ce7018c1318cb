import type { DataSource } from '../runner/session';
import type { PlayArgs } from './play-args';
import { UsageError } from './play-args';

/** Reads a whole file; throws Node-style errors (`code: 'ENOENT'`, ...). */
export type ReadFile = (path: string) => Uint8Array;

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** A file's bytes, or a UsageError saying in a few words why it cannot be read. */
export function readInput(readFile: ReadFile, path: string, what: string): Uint8Array {
  try {
    return readFile(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(`${what} ${path}: ${(code && READ_ERRORS[code]) ?? (e as Error).message}`);
  }
}

function parseFixture(bytes: Uint8Array, path: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new UsageError(`fixture ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

/** The data every run starts from, and how to name it in the output. */
export function playDataSource(args: PlayArgs, readFile: ReadFile): { source: DataSource; label: string } {
  if (args.fixture) {
    const records = parseFixture(readInput(readFile, args.fixture, 'fixture'), args.fixture);
    return { source: { kind: 'fixture', records, name: args.fixture }, label: `fixture ${args.fixture}` };
  }
  if (args.database) {
    const bytes = readInput(readFile, args.database, 'database');
    return { source: { kind: 'database', bytes }, label: `a copy of ${args.database}` };
  }
  return { source: { kind: 'dataset', dataset: args.dataset, size: args.size }, label: `${args.dataset} dataset, size ${args.size}` };
}
