#!/usr/bin/env node
// `npm run test:e2e [-- --build] [-- <vitest args>]`: browser tests against the static export.
// Builds the site first when out/ is missing or older than its sources (always with --build),
// then runs vitest with vitest.e2e.config.mts (tests/e2e/**/*.e2e.ts, one file at a time).
// Any other arguments go to vitest, e.g. `npm run test:e2e -- home` or `-- -t "sandbox"`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'out', 'index.html');

// What the static site is built from. Tests are not part of it.
const SOURCE_DIRS = ['app', 'components', 'lib', 'lessons', 'public'];
const SOURCE_FILES = [
  'next.config.js',
  'postcss.config.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  'scripts/copy-wasm.mjs',
];
// Rewritten by every install/dev/build (scripts/copy-wasm.mjs), so its mtime says nothing.
const IGNORED = new Set([join(root, 'public', 'sql-wasm.wasm')]);

/** Newest source file as { path, mtimeMs }, or null when there are none. */
function newestSource() {
  let newest = null;
  const consider = (path) => {
    if (IGNORED.has(path)) return;
    const { mtimeMs } = statSync(path);
    if (!newest || mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) consider(path);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) walk(join(root, dir));
  for (const file of SOURCE_FILES) if (existsSync(join(root, file))) consider(join(root, file));
  return newest;
}

function buildReason(force) {
  if (force) return '--build was passed';
  if (!existsSync(stamp)) return 'out/ has not been built';
  const built = statSync(stamp).mtimeMs;
  const newest = newestSource();
  if (newest && newest.mtimeMs > built) {
    return `${newest.path.slice(root.length + 1)} is newer than out/`;
  }
  return null;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const argv = process.argv.slice(2);
const force = argv.includes('--build');
const vitestArgs = argv.filter((arg) => arg !== '--build');

const reason = buildReason(force);
if (reason) {
  console.log(`e2e: building the site (${reason})`);
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']);
} else {
  console.log('e2e: out/ is up to date (pass --build to rebuild)');
}

run(process.execPath, [
  join(root, 'node_modules', 'vitest', 'vitest.mjs'),
  'run',
  '--config',
  'vitest.e2e.config.mts',
  ...vitestArgs,
]);
