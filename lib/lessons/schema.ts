/**
 * The lesson front matter (YAML between `---` lines at the top of lesson.md),
 * as a zod schema that documents itself: every field has a `.describe()` and
 * every mistake reads "expected ..., got ...". README.md's field table is
 * printed from these descriptions (`npm run lessons:check -- --fields`).
 */
import { z } from 'zod';
import type { BlogSize } from '../db/datasets/blog-data';
import { API_NAMES } from './api-names';
import { describeValue, didYouMean } from './errors';

export const DATASET_NAMES = ['blog'] as const;
export const SIZE_NAMES = ['tiny', 'default', 'large'] as const satisfies readonly BlogSize[];

interface RawIssue {
  input?: unknown;
}

/** `{ error }` for a zod check: "expected <phrase>, got <what was there>". */
function expecting(phrase: string) {
  return { error: (issue: RawIssue) => `expected ${phrase}, got ${describeValue(issue.input)}` };
}

function oneLine(phrase: string, max: number) {
  return z
    .string(expecting(phrase))
    .refine((s) => s.trim().length > 0, expecting(phrase))
    .refine((s) => !s.includes('\n'), expecting(phrase))
    .refine((s) => s.length <= max, {
      error: (issue: RawIssue) => `expected ${phrase} of at most ${max} characters, got ${String(issue.input).length} characters`,
    });
}

const positiveInt = (phrase = 'a positive integer') => z.int(expecting(phrase)).min(1, expecting(phrase));

const apiName = z
  .string(expecting('a method or function name such as select_related'))
  .refine((name) => API_NAMES.has(name), {
    error: (issue: RawIssue) => {
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, API_NAMES) : null;
      return `expected a QuerySet method or ORM function name (e.g. select_related, prefetch_related, Prefetch), got ${describeValue(issue.input)}${hint ? `; did you mean "${hint}"?` : ''}`;
    },
  });

const apiNames = (what: string) =>
  z
    .array(apiName, expecting(`a list of ${what}, e.g. [select_related]`))
    .min(1, expecting(`a list of ${what}, e.g. [select_related]`))
    .refine((names) => new Set(names).size === names.length, expecting('each name once'));

const lessonFile = (ext: string, example: string) =>
  z
    .string(expecting(`a file name in the lesson folder, e.g. ${example}`))
    .regex(new RegExp(`^[\\w.-]+\\.${ext}$`), expecting(`a file name in the lesson folder, e.g. ${example}`));

const code = (example: string) => z.string(expecting(`Python code, e.g. ${example}`)).refine((s) => s.trim().length > 0, expecting(`Python code, e.g. ${example}`));

export const checksShape = {
  max_queries: positiveInt('a positive integer (the statement budget)')
    .optional()
    .describe('At most this many SQL statements (BEGIN/COMMIT/SAVEPOINT not counted, as `ask` counts).'),
  same_output_as_before: z
    .boolean(expecting('true or false'))
    .optional()
    .describe("The printed output must equal before.ts's output on the same data, line for line. Almost every lesson wants this."),
  must_use: apiNames('names the code must call')
    .optional()
    .describe('Method or function names the code must call, e.g. [select_related]; found by reading the code (comments and strings ignored).'),
  must_not_use: apiNames('names the code must not call')
    .optional()
    .describe('Method or function names the code must not call, e.g. [prefetch_related].'),
  no_n_plus_one: z
    .boolean(expecting('true or false'))
    .optional()
    .describe('No N+1: no relation loaded lazily more than once, no query repeated per object from one line.'),
  max_rows_fetched: z
    .int(expecting('a whole number of rows (0 or more)'))
    .min(0, expecting('a whole number of rows (0 or more)'))
    .optional()
    .describe('At most this many rows read from the database in total (all statements).'),
  custom: lessonFile('ts', 'check.ts')
    .optional()
    .describe('A check.ts in the lesson folder whose default export decides (see lib/lessons/custom-check.ts).'),
};

export const djangoShape = {
  before: code("for post in Post.objects.all(): ...").describe('The Django (Python) code before.ts corresponds to, shown beside the editor.'),
  solution: code("for post in Post.objects.select_related('author'): ...").describe('The Django (Python) code solution.ts corresponds to, shown with the solution.'),
};

export const hiddenDataShape = {
  size: z
    .enum(SIZE_NAMES, expecting(`one of ${SIZE_NAMES.join(', ')}`))
    .optional()
    .describe('Another size of the dataset.'),
  seed: positiveInt('a positive integer seed')
    .optional()
    .describe('Another seed for the generated dataset (or for data.ts, which sees it as SEED).'),
  fixture: lessonFile('json', 'fixture-hidden.json')
    .optional()
    .describe('Another Django dumpdata file in the lesson folder (lessons whose data is fixture.json).'),
};

export const lessonShape = {
  title: oneLine('a one-line title', 80).describe('The lesson title, one line.'),
  summary: oneLine('a one-line summary', 160).describe('What the learner will be able to do, one line (shown in the catalog).'),
  chapter: z
    .string(expecting('a chapter slug from lessons/chapters.yaml'))
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, expecting('a chapter slug from lessons/chapters.yaml'))
    .describe('The slug of the chapter (lessons/chapters.yaml) this lesson belongs to; the folder number orders lessons.'),
  dataset: z
    .enum(DATASET_NAMES, expecting(`one of ${DATASET_NAMES.join(', ')}`))
    .optional()
    .describe('The dataset the code runs on (default blog). Leave it out when the lesson has its own models.ts.'),
  size: z
    .enum(SIZE_NAMES, expecting(`one of ${SIZE_NAMES.join(', ')}`))
    .optional()
    .describe('Dataset size: tiny (60 posts), default (2,000 posts) or large (20,000 posts). Default: default.'),
  checks: z
    .strictObject(checksShape, expecting('a mapping of checks, e.g. max_queries: 1'))
    .refine((c) => Object.values(c).some((v) => v !== undefined && v !== false), {
      error: 'expected at least one check (max_queries, same_output_as_before, must_use, must_not_use, no_n_plus_one, max_rows_fetched, custom), got none',
    })
    .describe('What Check verifies on the learner code: every listed check must pass.'),
  hints: z
    .array(oneLine('a one-line hint', 300), expecting('a list of hints, most general first'))
    .default([])
    .describe('Progressive hints, most general first; shown one at a time (Markdown inline).'),
  django: z.strictObject(djangoShape, expecting('a mapping with before: and solution: (Python code)')).describe('The Django code the TypeScript corresponds to.'),
  hidden_data: z
    .strictObject(hiddenDataShape, expecting('a mapping with size:, seed: or fixture:'))
    .refine((h) => h.size !== undefined || h.seed !== undefined || h.fixture !== undefined, {
      error: 'expected at least one of size, seed, fixture, got none',
    })
    .optional()
    .describe('Other data the checks are run on again, so that an answer tuned to the visible data fails.'),
};

export const lessonFrontMatterSchema = z.strictObject(lessonShape, expecting('a mapping of fields (title: ..., checks: ...)'));

export type LessonFrontMatter = z.output<typeof lessonFrontMatterSchema>;
export type LessonChecks = LessonFrontMatter['checks'];
export type HiddenData = NonNullable<LessonFrontMatter['hidden_data']>;

/** Allowed keys of each mapping, for "unknown key" messages. */
export const ALLOWED_KEYS: Record<string, readonly string[]> = {
  '': Object.keys(lessonShape),
  checks: Object.keys(checksShape),
  django: Object.keys(djangoShape),
  hidden_data: Object.keys(hiddenDataShape),
};

export const chapterShape = {
  slug: z
    .string(expecting('a slug such as relations'))
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, expecting('a slug such as relations'))
    .describe('What lessons write in `chapter:`.'),
  title: oneLine('a one-line title', 80).describe('The chapter title in the catalog.'),
  summary: oneLine('a one-line summary', 200).optional().describe('One line under the title.'),
};

/** lessons/chapters.yaml: the chapters, in catalog order. */
export const chaptersSchema = z.array(z.strictObject(chapterShape, expecting('a mapping with slug:, title: and summary:')), expecting('a list of chapters'));
export type Chapter = z.output<typeof chaptersSchema>[number];

export interface FieldDoc {
  path: string;
  description: string;
  required: boolean;
}

/** Every front-matter field with its description, for documentation. */
export function fieldDocs(): FieldDoc[] {
  const out: FieldDoc[] = [];
  const walk = (shape: Record<string, z.ZodType>, prefix: string) => {
    for (const [key, schema] of Object.entries(shape)) {
      const path = prefix + key;
      out.push({ path, description: schema.description ?? '', required: !schema.safeParse(undefined).success });
      const nested = { checks: checksShape, django: djangoShape, hidden_data: hiddenDataShape }[path];
      if (nested) walk(nested, `${path}.`);
    }
  };
  walk(lessonShape, '');
  return out;
}
