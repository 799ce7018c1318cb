import type { BlogSize } from '../db/datasets/blog-data';
import { DATASETS, type DatasetName } from '../runner/session';

/** A command line `npm run play` cannot act on; the message says why. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface PlayArgs {
  files: string[];
  dataset: DatasetName;
  size: BlogSize;
  fixture: string | null;
  database: string | null;
  json: boolean;
  help: boolean;
}

const withDefault = (names: readonly string[], fallback: string) =>
  names.map((n) => (n === fallback ? `${n} (when not given)` : n)).join(', ');

export const PLAY_USAGE = `Usage: npm run play -- FILE.ts... [options]

Runs each file's ORM code on its own fresh copy of the data and prints what it
printed, every SQL statement it caused (line, cause, time, rows) and the totals.
FILE.ts is TypeScript with Django's names; FILE.py is Django ORM Python.

Options:
  --dataset NAME      the generated dataset: ${withDefault(Object.keys(DATASETS), 'blog')}
  --size SIZE         its size: ${withDefault(DATASETS.blog.sizes, 'default')}
  --fixture FILE      start from exactly this Django dumpdata fixture (JSON)
  --database FILE     start from a copy of this SQLite file (e.g. a Django db.sqlite3
                      with the blog tables); the file itself is never written
  --json              print the run record as JSON (an array for several files)
  -h, --help          show this help

Exit codes:
  0  every file ran without an error
  1  some file's code raised an error (reported in its output/record)
  2  bad command line or input (missing file, unknown option, invalid fixture or database)
  3  ORM Lab itself failed (a bug: the stack trace is on stderr)`;

const VALUE_OPTIONS = ['--dataset', '--size', '--fixture', '--database'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

const VALUE_HINTS: Record<ValueOption, string> = {
  '--dataset': ` (${Object.keys(DATASETS).join(', ')})`,
  '--size': ` (${DATASETS.blog.sizes.join(', ')})`,
  '--fixture': ' (a Django dumpdata JSON file)',
  '--database': ' (an SQLite file)',
};

function isValueOption(name: string): name is ValueOption {
  return (VALUE_OPTIONS as readonly string[]).includes(name);
}

function oneOf(what: string, value: string, valid: readonly string[]): string {
  if (!valid.includes(value)) throw new UsageError(`unknown ${what} '${value}' (valid: ${valid.join(', ')})`);
  return value;
}

/** Parses `FILE.ts... [--dataset blog] [--size tiny] [--fixture F] [--database F] [--json]`. */
export function parsePlayArgs(argv: readonly string[]): PlayArgs {
  const values = new Map<ValueOption, string>();
  const files: string[] = [];
  let json = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--json') json = true;
    else if (arg === '-h' || arg === '--help') help = true;
    else if (arg.startsWith('-') && arg !== '-') {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      if (!isValueOption(name)) throw new UsageError(`unknown option '${name}'`, true);
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value${VALUE_HINTS[name]}`);
      if (values.has(name)) throw new UsageError(`${name} given twice`);
      values.set(name, value);
    } else files.push(arg);
  }
  if (help) return { files, dataset: 'blog', size: 'default', fixture: null, database: null, json, help };
  if (!files.length) throw new UsageError('no files given', true);

  const dataset = oneOf('dataset', values.get('--dataset') ?? 'blog', Object.keys(DATASETS)) as DatasetName;
  const size = oneOf('size', values.get('--size') ?? 'default', DATASETS[dataset].sizes) as BlogSize;
  const fixture = values.get('--fixture') ?? null;
  const database = values.get('--database') ?? null;
  if (fixture && database) throw new UsageError('--fixture and --database cannot be used together');
  if ((fixture || database) && values.has('--size')) {
    throw new UsageError(`--size applies to generated datasets; it cannot be used with ${fixture ? '--fixture' : '--database'}`);
  }
  return { files, dataset, size, fixture, database, json, help };
}
