/** `npm run bench -- [options]`: the command line, and the settings of each mode. */
import type { BlogSize } from '../lib/db/datasets/blog-data';

export const SECTIONS = ['overhead', 'compile', 'startup', 'size', 'scale'] as const;
export type SectionId = (typeof SECTIONS)[number];

export interface BenchArgs {
  quick: boolean;
  json: boolean;
  /** Extra `.sqlite3` files for the ORM overhead section. */
  databases: string[];
  /** The generated dataset of the overhead, compile and scale sections. */
  size: BlogSize;
  sections: SectionId[];
  /** Overrides the rounds of the overhead section. */
  reps: number | null;
  /** Also write the JSON results to this file. */
  save: string | null;
  /** What in-process samples measure. */
  clock: 'wall' | 'cpu';
  help: boolean;
}

export const USAGE = `npm run bench -- [options]

  --quick            smoke mode: few rounds, smaller loops, no 'large' dataset
  --json             machine-readable results on stdout (progress goes to stderr)
  --database FILE    also measure the ORM overhead on a blog .sqlite3 file (repeatable)
  --size SIZE        dataset for the overhead/compile/scale sections: tiny, default (default), large
  --only LIST        sections to run, comma-separated: ${SECTIONS.join(', ')}
  --reps N           rounds per workload in the overhead section
  --save FILE        also write the JSON results to FILE (to compare runs)
  --clock cpu        time in-process samples with this process's CPU time instead of the wall
                     clock: steadier on a busy machine (default: wall)
  --help             this text
`;

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false, json: false, databases: [], size: 'default', sections: [...SECTIONS], reps: null, save: null, clock: 'wall', help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, null];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--quick':
        args.quick = true;
        break;
      case '--json':
        args.json = true;
        break;
      case '--database':
        args.databases.push(value());
        break;
      case '--size': {
        const v = value();
        if (!['tiny', 'default', 'large'].includes(v)) throw new Error(`--size must be tiny, default or large (got ${v})`);
        args.size = v as BlogSize;
        break;
      }
      case '--only': {
        const list = value().split(',').map((s) => s.trim()).filter(Boolean);
        const bad = list.filter((s) => !(SECTIONS as readonly string[]).includes(s));
        if (bad.length) throw new Error(`unknown section(s) ${bad.join(', ')}; choose from ${SECTIONS.join(', ')}`);
        args.sections = list as SectionId[];
        break;
      }
      case '--reps': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new Error('--reps must be a positive integer');
        args.reps = n;
        break;
      }
      case '--clock': {
        const v = value();
        if (v !== 'wall' && v !== 'cpu') throw new Error(`--clock must be wall or cpu (got ${v})`);
        args.clock = v;
        break;
      }
      case '--save':
        args.save = value();
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new Error(`unknown option ${a}\n\n${USAGE}`);
    }
  }
  return args;
}

/** How much each section does, full or quick. */
export function modeSettings(quick: boolean) {
  return quick
    ? {
        overhead: { warmup: 1, reps: 3, quick: true, minSampleMs: 5 },
        compile: { reps: 3, calls: 200 },
        startup: { builds: { tiny: 2, default: 1 } as Partial<Record<BlogSize, number>>, resetReps: 7, coldStarts: 1 },
        browser: { runs: 3 },
        scale: { nPlusOne: 1000, bulkRows: 1000, textChars: 2000, loopQueries: 5000, warmup: 1, reps: 3, slowReps: 1, big: 'default' as BlogSize },
      }
    : {
        overhead: { warmup: 3, reps: 15, quick: false, minSampleMs: 30 },
        compile: { reps: 7, calls: 1000 },
        startup: { builds: { tiny: 5, default: 3, large: 1 } as Partial<Record<BlogSize, number>>, resetReps: 31, coldStarts: 5 },
        browser: { runs: 10 },
        scale: { nPlusOne: 10000, bulkRows: 10000, textChars: 2000, loopQueries: 100000, warmup: 1, reps: 5, slowReps: 3, big: 'large' as BlogSize },
      };
}
