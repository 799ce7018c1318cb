/**
 * The targets of issue 6 and, for reference, the same ratios measured for
 * Django 5.2 (Django ORM time / raw sqlite3 time, as given in the issue).
 */

/** ORM time / raw sql.js time, at most. */
export const RATIO_TARGETS = {
  all: 1.5,
  select_related: 1.5,
  prefetch_related: 2,
  annotate: 1.3,
  values_list: 1.2,
  get_loop: 2,
  bulk_create: 1.3,
  bulk_update: 2,
  n_plus_one: 2,
} as const;

/** Django 5.2 ORM / raw sqlite3, from the issue (CPython; not measured here). */
export const DJANGO_RATIOS: Partial<Record<string, number>> = {
  all: 2.4,
  select_related: 3.3,
  prefetch_tags: 8.1,
  annotate: 1.7,
  values_list: 1.3,
  get_loop: 16.8,
  n_plus_one: 16.3,
  bulk_create: 1.5,
  bulk_update: 6.5,
};

/** Per-run reset (restore the snapshot + runtime + models) on the default dataset, ms. */
export const RESET_TARGET_MS = 10;
/** Run click → results painted for the N+1 example, minus the statements' own time, ms. */
export const RUN_TO_PAINT_TARGET_MS = 150;
/** First-load JS of the lesson and sandbox routes, gzip, kB (1 kB = 1,000 bytes). */
export const ROUTE_JS_GZIP_TARGET_KB = 300;
/** A run record must stay far below 100 MB; checked against this. */
export const RECORD_JSON_TARGET_MB = 10;
/** Recording must not dominate: (run with recorder) / (same run without) at most. */
export const RECORDING_OVERHEAD_TARGET = 2;
