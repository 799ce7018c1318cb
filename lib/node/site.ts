/**
 * Node only, at build time: what the static pages are made from. The
 * curriculum (lessons/ parsed once per build; a broken lesson fails the build
 * with its located errors) and the blog dataset's schema and sizes for the
 * home page, read from the ORM and the generator rather than written down.
 */
import path from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { BLOG_SIZES, type BlogSize } from '../db/datasets/blog-data';
import { createBlogSchema, openBlog } from '../db/datasets/blog';
import { SQLJS_CONFIG } from '../db/sqlite-functions';
import { formatLessonError } from '../lessons/errors';
import type { Lesson } from '../lessons/lesson';
import { buildCatalog, type Catalog } from '../lessons-ui/catalog';
import type { ModelClass } from '../orm/model';
import { describeSchema, type DatasetSchema } from '../runner/schema-info';
import { loadCurriculum } from './lessons';

export interface SiteCurriculum {
  catalog: Catalog;
  lessons: Lesson[];
}

let curriculum: SiteCurriculum | null = null;

export function lessonsRoot(): string {
  return path.join(process.cwd(), 'lessons');
}

/** Every lesson and the catalog; throws with every located error when lessons/ is broken. */
export function siteCurriculum(root = lessonsRoot()): SiteCurriculum {
  if (curriculum && root === lessonsRoot()) return curriculum;
  const loaded = loadCurriculum(root);
  if (loaded.errors.length) {
    throw new Error(`lessons/ has errors (npm run lessons:check shows them all):\n${loaded.errors.map(formatLessonError).join('\n')}`);
  }
  const result = { catalog: buildCatalog(loaded.chapters, loaded.lessons), lessons: loaded.lessons };
  if (root === lessonsRoot()) curriculum = result;
  return result;
}

export interface DatasetSizeRow {
  size: BlogSize;
  authors: number;
  categories: number;
  tags: number;
  posts: number;
  comments: number;
}

export interface BlogOverview {
  schema: DatasetSchema;
  sizes: DatasetSizeRow[];
}

/**
 * sql.js for the build (next build runs in the project root). Not lib/node/sqljs.ts: the bundler
 * would try to bundle the wasm its `require.resolve` names; here sql.js stays an external package.
 */
function buildSqlJs(): Promise<SqlJsStatic> {
  const dist = path.join(process.cwd(), 'node_modules', 'sql.js', 'dist');
  return initSqlJs({ ...SQLJS_CONFIG, locateFile: (file: string) => path.join(dist, file) });
}

/** The blog models as Django would describe them, and the rows each dataset size generates. */
export async function blogOverview(): Promise<BlogOverview> {
  const SQL = await buildSqlJs();
  const world = openBlog(SQL);
  try {
    createBlogSchema(world);
    const schema = describeSchema(Object.values(world.models) as ModelClass[], world.runtime.connections.get('default').db);
    const sizes = (Object.keys(BLOG_SIZES) as BlogSize[]).map((size) => {
      const s = BLOG_SIZES[size];
      return { size, authors: s.authors, categories: s.categories, tags: s.tags, posts: s.posts, comments: s.comments };
    });
    return { schema, sizes };
  } finally {
    for (const c of world.runtime.connections.all()) c.db.close();
  }
}
