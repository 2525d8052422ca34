#!/usr/bin/env node
// A zero-dependency static server for the built site (and, later, the offline
// bundle). Binds to 127.0.0.1 only.
//
//   node scripts/serve.mjs [DIR] [--port N] [--base /sub/path/] [--header "Name: value"]...
//
// --base serves DIR under a sub-path (the site must have been built with the
// same VIRTLAB_BASE). --port 0 picks a free port; the URL is printed either way.
// Every file is sent with Access-Control-Allow-Origin: *, so other sites can
// embed widgets with the one script tag. Text, scripts and wasm are gzipped
// for clients that accept it, as any production host does (uncompressed, an
// article's HTML alone is ~240 KB, which a phone on a slow link waits for).
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { createGzip } from 'node:zlib';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  // Pagefind's index files
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

/** Types worth gzipping (Pagefind's index files and images are compressed already). */
const COMPRESSIBLE = /^(text\/|application\/(json|wasm|xml|manifest\+json)|image\/svg\+xml)/;

function fileAt(root, path) {
  try {
    const st = statSync(path);
    if (st.isFile()) return path;
    if (st.isDirectory()) {
      const index = join(path, 'index.html');
      if (statSync(index).isFile()) return index;
    }
  } catch {
    // missing: fall through
  }
  return null;
}

/** Starts the server; resolves to { server, url } once it listens. */
export function serve({ dir = 'dist', port = 4321, base = '/', headers = {} } = {}) {
  const root = resolve(dir);
  const prefix = base.endsWith('/') ? base : base + '/';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('Bad request');
      return;
    }
    const send404 = () => {
      const page = fileAt(root, join(root, '404.html'));
      res.writeHead(404, { 'Content-Type': MIME['.html'], ...headers });
      if (page && req.method !== 'HEAD') createReadStream(page).pipe(res);
      else res.end('Not found');
    };
    if (!pathname.startsWith(prefix) && pathname + '/' !== prefix) return send404();
    const rel = pathname.slice(prefix.length);
    const target = normalize(join(root, rel));
    if (target !== root && !target.startsWith(root + sep)) return send404();
    const file = fileAt(root, target);
    if (!file) return send404();
    if (!pathname.endsWith('/') && file.endsWith(`${sep}index.html`) && !target.endsWith('index.html')) {
      res.writeHead(301, { Location: pathname + '/' + url.search }).end();
      return;
    }
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    const gzip = COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, {
      'Content-Type': type,
      'Cache-Control': 'no-cache',
      // The site is public and sends no cookies; pages on other origins need
      // this to load /embed/virtlab.js and its wasm (the one-script-tag embed).
      'Access-Control-Allow-Origin': '*',
      ...(COMPRESSIBLE.test(type) ? { Vary: 'Accept-Encoding' } : {}),
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      ...headers,
    });
    if (req.method === 'HEAD') res.end();
    else if (gzip) createReadStream(file).pipe(createGzip()).pipe(res);
    else createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      ok({ server, url: `http://127.0.0.1:${actual}${prefix}` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opts = { headers: {} };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--port') opts.port = Number(args[++i]);
    else if (a === '--base') opts.base = args[++i];
    else if (a === '--header') {
      const [name, ...value] = String(args[++i]).split(':');
      opts.headers[name.trim()] = value.join(':').trim();
    } else if (a.startsWith('--')) {
      console.error(`serve: unknown option ${a}`);
      process.exit(2);
    } else opts.dir = a;
  }
  if (opts.port !== undefined && !(Number.isInteger(opts.port) && opts.port >= 0 && opts.port < 65536)) {
    console.error('serve: --port must be a whole number from 0 to 65535');
    process.exit(2);
  }
  opts.port ??= Number(process.env.PORT ?? 4321);
  serve(opts).then(
    ({ url }) => console.log(`VirtLab is being served at ${url} (Ctrl+C to stop)`),
    (err) => {
      console.error(`serve: ${err.message}`);
      process.exit(1);
    },
  );
}
