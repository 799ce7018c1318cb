import { readFileSync } from 'node:fs';
import { buildBlogSnapshot, buildFixtureSnapshot, openBlog, type BlogWorld } from '../../lib/db/datasets/blog';
import type { BlogSize } from '../../lib/db/datasets/blog-data';
import { loadSqlJs } from '../../lib/node/sqljs';

export { loadSqlJs };

const snapshots = new Map<string, Uint8Array>();

/** The statements Django's schema editor runs for the blog models (tests/fixtures/blog-ddl.sql), each ending in `;`. */
export function djangoBlogDdl(): string[] {
  const text = readFileSync(new URL('../fixtures/blog-ddl.sql', import.meta.url), 'utf8');
  return text.split('\n').filter((line) => line.trim() && !line.startsWith('--'));
}

/** The Django reference dataset (tests/fixtures/blog-reference.json) as a database snapshot. */
export async function referenceSnapshot(): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  if (!snapshots.has('reference')) {
    const records = JSON.parse(readFileSync(new URL('../fixtures/blog-reference.json', import.meta.url), 'utf8'));
    snapshots.set('reference', buildFixtureSnapshot(SQL, records, 'blog-reference.json'));
  }
  return snapshots.get('reference')!;
}

export async function blogSnapshot(size: BlogSize): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  if (!snapshots.has(size)) snapshots.set(size, buildBlogSnapshot(SQL, size));
  return snapshots.get(size)!;
}

/** A fresh runtime on the reference data (every test starts from the same rows). */
export async function referenceWorld(options: { replica?: boolean } = {}): Promise<BlogWorld> {
  return openBlog(await loadSqlJs(), await referenceSnapshot(), options);
}
