/**
 * Run in a fresh Node process by the start-up section: what a new sandbox
 * worker does before its first run (initSqlJs, then build the default
 * snapshot). Prints one JSON line. Module loading is timed separately because
 * under tsx it includes transpiling the ORM, which the browser's bundle does not.
 */
export {};

const loadedAt = performance.now();
const { loadSqlJs } = await import('../lib/node/sqljs');
const { buildBlogSnapshot } = await import('../lib/db/datasets/blog');
const importMs = performance.now() - loadedAt;

let t = performance.now();
const SQL = await loadSqlJs();
const initMs = performance.now() - t;
t = performance.now();
const bytes = buildBlogSnapshot(SQL, 'default');
const buildMs = performance.now() - t;

process.stdout.write(`${JSON.stringify({ process_ms: loadedAt, import_ms: importMs, init_ms: initMs, build_ms: buildMs, bytes: bytes.length })}\n`);
