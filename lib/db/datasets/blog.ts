import type { SqlJsStatic } from 'sql.js';
import { Apps } from '../../orm/apps';
import { createRuntime } from '../../orm/setup';
import type { Runtime } from '../../orm/runtime';
import { openDatabase } from '../database';
import { loaddata } from '../fixtures';
import { SchemaEditor } from '../schema';
import { generateBlogRows, type BlogSize } from './blog-data';
import { defineBlogModels, type BlogModels } from './blog-models';
import { insertRows } from './load-rows';

export interface BlogWorld {
  runtime: Runtime;
  models: BlogModels;
}

/** A runtime on `bytes` (a snapshot) with fresh blog model classes; a `replica` alias starts as a copy. */
export function openBlog(SQL: SqlJsStatic, bytes?: Uint8Array, options: { replica?: boolean } = {}): BlogWorld {
  const apps = new Apps('blog');
  const databases = { default: openDatabase(SQL, bytes), ...(options.replica ? { replica: openDatabase(SQL, bytes) } : {}) };
  const runtime = createRuntime({ databases, apps });
  return { runtime, models: defineBlogModels(apps) };
}

/** An empty blog database: the tables and indexes Django's schema editor would create. */
export function createBlogSchema(world: BlogWorld): void {
  const { Author, Category, Tag, Post, Comment } = world.models;
  new SchemaEditor(world.runtime.connections.get('default')).create_models([Author, Category, Tag, Post, Comment]);
}

/** The blog dataset of a size (and seed), as database bytes (the snapshot each run restores). */
export function buildBlogSnapshot(SQL: SqlJsStatic, size: BlogSize, seed?: number): Uint8Array {
  const world = openBlog(SQL);
  createBlogSchema(world);
  const db = world.runtime.connections.get('default').db;
  insertRows(db.raw, generateBlogRows(size, seed));
  const bytes = db.export();
  db.close();
  return bytes;
}

/** A blog database holding exactly a Django dumpdata fixture's rows. */
export function buildFixtureSnapshot(SQL: SqlJsStatic, records: unknown, source = 'fixture'): Uint8Array {
  const world = openBlog(SQL);
  createBlogSchema(world);
  loaddata(world.runtime.apps, records, source);
  const db = world.runtime.connections.get('default').db;
  const bytes = db.export();
  db.close();
  return bytes;
}
