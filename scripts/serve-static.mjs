#!/usr/bin/env node
// Zero-dependency static file server for the exported site (out/).
//   node scripts/serve-static.mjs [--port 3000] [--host 127.0.0.1] [--dir out]
// PORT and HOST environment variables also work; --port 0 picks a free port.
// --dir defaults to the repository's out/, wherever it is run from.
// `/path` is served from out/path, out/path.html or out/path/index.html, as `next build`
// with `output: 'export'` writes them; unknown paths get out/404.html with status 404.
import { createReadStream, promises as fs } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'out');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
};

function mimeType(file) {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

async function isFile(path) {
  try {
    return (await fs.stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Maps a URL pathname to a file under root, or null. Never leaves root. */
async function resolveFile(root, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root, '.' + decoded);
  if (base !== root && !base.startsWith(root + sep)) return null;
  const candidates = decoded.endsWith('/')
    ? [join(base, 'index.html'), base + '.html'] // /sandbox/ works like /sandbox
    : [base, base + '.html', join(base, 'index.html')];
  for (const candidate of candidates) {
    if (await isFile(candidate)) return candidate;
  }
  return null;
}

/**
 * Starts the server. Resolves once it listens, with { server, port, url, close() }.
 * @param {{ dir?: string, port?: number, host?: string, quiet?: boolean }} [options]
 * dir defaults to <repo>/out, port to 3000 (0 = any free port), host to 127.0.0.1.
 */
export async function startStaticServer({ dir = DEFAULT_DIR, port = 3000, host = '127.0.0.1', quiet = false } = {}) {
  const root = resolve(dir);
  if (!(await fs.stat(root).catch(() => null))?.isDirectory()) {
    throw new Error(`${root} does not exist: run \`npm run build\` first`);
  }
  const server = createServer(async (req, res) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    let file = await resolveFile(root, pathname);
    let status = 200;
    if (!file) {
      status = 404;
      file = (await isFile(join(root, '404.html'))) ? join(root, '404.html') : null;
    }
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    const { size } = await fs.stat(file);
    res.writeHead(status, {
      'Content-Type': mimeType(file),
      'Content-Length': size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolveListen(undefined);
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  if (!quiet) console.log(`Serving ${root} at ${url}`);
  return {
    server,
    port: actualPort,
    url,
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections?.();
        server.close(() => resolveClose(undefined));
      }),
  };
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--port' || flag === '-p') options.port = value();
    else if (flag === '--host') options.host = value();
    else if (flag === '--dir') options.dir = value();
    else if (flag === '--help' || flag === '-h') options.help = true;
    else throw new Error(`unknown argument: ${arg}`);
  }
  return options;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(String(err instanceof Error ? err.message : err));
    process.exit(2);
  }
  if (args.help) {
    console.log('usage: node scripts/serve-static.mjs [--port N] [--host H] [--dir out]');
    process.exit(0);
  }
  const port = Number(args.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`invalid port: ${args.port ?? process.env.PORT}`);
    process.exit(2);
  }
  const host = args.host ?? process.env.HOST ?? '127.0.0.1';
  startStaticServer({ dir: args.dir ?? DEFAULT_DIR, port, host }).catch((err) => {
    console.error(String(err instanceof Error ? err.message : err));
    process.exit(1);
  });
}
