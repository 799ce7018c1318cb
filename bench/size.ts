/**
 * Section 4: what the browser downloads. First-load JS per route, read from
 * the `<script src>` tags of the exported HTML (Next 16 no longer prints it),
 * the Monaco chunks, the sql.js wasm, and each dataset snapshot. gzip sizes use
 * node:zlib at its default level (6), as a server compressing on the fly would.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bytes, check, mark, type Check, type SectionResult, type Table } from './table';
import { ROUTE_JS_GZIP_TARGET_KB } from './targets';

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}

export interface RouteSize {
  route: string;
  html: string;
  scripts: FileSize[];
  raw: number;
  gzip: number;
  /** Lesson and sandbox routes have the 300 kB gzip target. */
  target_kb: number | null;
  /** Script srcs the HTML names that are not in out/. */
  missing: string[];
}

export interface SizeData {
  out_dir: string;
  routes: RouteSize[] | { skipped: string };
  monaco: FileSize[] | { skipped: string };
  wasm: FileSize | null;
  snapshots: (FileSize & { size: string })[];
}

export function gzipSize(data: Uint8Array | string): number {
  return gzipSync(data).length;
}

function fileSize(outDir: string, path: string): FileSize {
  const data = readFileSync(path);
  return { file: relative(outDir, path), raw: data.length, gzip: gzipSize(data) };
}

/** The `src` of every `<script>` tag in an HTML page, in order, without duplicates. */
export function scriptSrcs(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*?\bsrc\s*=\s*(?:"([^"]+)"|'([^']+)'|([^\s>]+))[^>]*>/gi)) {
    const src = m[1] ?? m[2] ?? m[3];
    if (!out.includes(src)) out.push(src);
  }
  return out;
}

function routeSize(outDir: string, route: string, htmlFile: string, targetKb: number | null): RouteSize {
  const html = readFileSync(join(outDir, htmlFile), 'utf8');
  const scripts: FileSize[] = [];
  const missing: string[] = [];
  for (const src of scriptSrcs(html)) {
    if (/^[a-z]+:\/\//i.test(src)) {
      missing.push(src);
      continue;
    }
    const path = join(outDir, decodeURIComponent(src.split(/[?#]/)[0]).replace(/^\/+/, ''));
    if (existsSync(path)) scripts.push(fileSize(outDir, path));
    else missing.push(src);
  }
  return {
    route,
    html: htmlFile,
    scripts,
    raw: scripts.reduce((a, s) => a + s.raw, 0),
    gzip: scripts.reduce((a, s) => a + s.gzip, 0),
    target_kb: targetKb,
    missing,
  };
}

function listFiles(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p, ext));
    else if (e.name.endsWith(ext)) out.push(p);
  }
  return out.sort();
}

/** The first lesson page of the export, if any (out/lessons/<slug>.html or <slug>/index.html). */
function lessonPage(outDir: string): string | null {
  const dir = join(outDir, 'lessons');
  if (!existsSync(dir)) return null;
  const pages = listFiles(dir, '.html').map((p) => relative(outDir, p));
  return pages[0] ?? null;
}

/** JS chunks that hold Monaco: the editor (many `editor.action.*` command ids) or its workers. */
export function monacoChunks(outDir: string): FileSize[] {
  const out: FileSize[] = [];
  for (const path of listFiles(join(outDir, '_next'), '.js')) {
    const text = readFileSync(path, 'utf8');
    const actions = text.split('editor.action.').length - 1;
    if (actions >= 20 || text.includes('Missing requestHandler or method')) out.push(fileSize(outDir, path));
  }
  return out;
}

export function benchSize(options: { outDir: string; snapshots: Record<string, Uint8Array> }): SectionResult<SizeData> {
  const { outDir } = options;
  const built = existsSync(join(outDir, 'index.html'));
  const notBuilt = `${outDir} not built (npm run build)`;
  const routes: SizeData['routes'] = built
    ? (() => {
        const list = [routeSize(outDir, '/', 'index.html', null)];
        if (existsSync(join(outDir, 'sandbox.html'))) list.push(routeSize(outDir, '/sandbox', 'sandbox.html', ROUTE_JS_GZIP_TARGET_KB));
        const lesson = lessonPage(outDir);
        if (lesson) list.push(routeSize(outDir, `/${lesson.replace(/(\/index)?\.html$/, '')}`, lesson, ROUTE_JS_GZIP_TARGET_KB));
        return list;
      })()
    : { skipped: notBuilt };
  const monaco: SizeData['monaco'] = built ? monacoChunks(outDir) : { skipped: notBuilt };

  const wasmPath = [join(outDir, 'sql-wasm.wasm'), join(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm'))].find((p) => existsSync(p) && statSync(p).isFile());
  const wasm = wasmPath ? fileSize(process.cwd(), wasmPath) : null;
  const snapshots = Object.entries(options.snapshots).map(([size, data]) => ({ size, file: `${size} snapshot`, raw: data.length, gzip: gzipSize(data) }));

  const data: SizeData = { out_dir: outDir, routes, monaco, wasm, snapshots };
  const checks: Check[] = [];
  const tables: Table[] = [];
  const kb = (n: number) => n / 1000;

  if (Array.isArray(routes)) {
    for (const r of routes) if (r.target_kb !== null) checks.push(check(`first-load JS ${r.route} (gzip)`, kb(r.gzip), r.target_kb, 'kB'));
    const lessonMissing = !routes.some((r) => r.route.startsWith('/lessons'));
    tables.push({
      title: 'first-load JS per route (the <script src> tags of the exported HTML)',
      columns: [{ header: 'route' }, { header: 'scripts', align: 'right' }, { header: 'raw', align: 'right' }, { header: 'gzip', align: 'right' }, { header: 'target', align: 'right' }, { header: '' }],
      rows: routes.map((r) => [
        r.route,
        String(r.scripts.length),
        bytes(r.raw),
        bytes(r.gzip),
        r.target_kb === null ? '' : `≤ ${r.target_kb} kB`,
        r.target_kb === null ? '' : mark(kb(r.gzip) <= r.target_kb),
      ]),
      notes: [
        ...(lessonMissing ? ['no lesson page in out/lessons/ (skipped)'] : []),
        ...routes.filter((r) => r.missing.length).map((r) => `${r.route}: ${r.missing.length} script(s) not in out/: ${r.missing.join(', ')}`),
      ],
    });
  } else {
    tables.push({ title: 'first-load JS per route', columns: [{ header: 'skipped' }], rows: [[routes.skipped]] });
  }

  const assetRows: string[][] = [];
  if (Array.isArray(monaco)) {
    if (!monaco.length) assetRows.push(['Monaco', 'no Monaco chunk in out/_next', '', '']);
    for (const m of monaco) assetRows.push(['Monaco chunk', m.file, bytes(m.raw), bytes(m.gzip)]);
  } else assetRows.push(['Monaco', `skipped: ${monaco.skipped}`, '', '']);
  if (wasm) assetRows.push(['sql.js wasm', wasm.file, bytes(wasm.raw), bytes(wasm.gzip)]);
  for (const s of snapshots) assetRows.push(['dataset snapshot', s.size, bytes(s.raw), bytes(s.gzip)]);
  tables.push({
    title: 'lazily loaded assets and data',
    columns: [{ header: 'what' }, { header: 'file', align: 'left' }, { header: 'raw', align: 'right' }, { header: 'gzip', align: 'right' }],
    rows: assetRows,
    notes: ['gzip = node:zlib default level; kB = 1,000 bytes', 'snapshots are built in the worker, not downloaded; their size is what each per-run reset copies'],
  });
  return { id: 'size', title: 'Size', skipped: built ? undefined : notBuilt, tables, checks, data };
}
