#!/usr/bin/env node
// A zero-dependency static server for the built site (and, later, the offline
// bundle). Binds to 127.0.0.1 only.
//
//   node scripts/serve.mjs [DIR] [--port N] [--base /sub/path/] [--header "Name: value"]... [--no-headers-file]
//
// --base serves DIR under a sub-path (the site must have been built with the
// same VIRTLAB_BASE). --port 0 picks a free port; the URL is printed either way.
// Every file is sent with Access-Control-Allow-Origin: *, so other sites can
// embed widgets with the one script tag. DIR/_headers (Netlify / Cloudflare
// Pages format; the build writes the content security policy there) is
// applied as those hosts apply it, unless --no-headers-file; it is never
// served itself. --header adds or overrides a header on every response.
// Text, scripts and wasm are gzipped for clients that accept it, as any
// production host does (uncompressed, an article's HTML alone is ~240 KB,
// which a phone on a slow link waits for).
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
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

function fileAt(path) {
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

/**
 * Parses a _headers file: a URL path pattern (`*` matches anything) on its own
 * line, then indented `Name: value` lines. Throws naming the line on bad input.
 */
export function parseHeadersFile(text) {
  const rules = [];
  let rule = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trimEnd();
    if (!line.trim() || line.trim().startsWith('#')) return;
    if (!/^\s/.test(line)) {
      const pattern = line.trim();
      const re = new RegExp(
        `^${pattern
          .split('*')
          .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      );
      rule = { pattern, re, headers: [] };
      rules.push(rule);
      return;
    }
    const colon = line.indexOf(':');
    if (!rule || colon <= 0)
      throw new Error(`_headers line ${i + 1}: expected "  Name: value" under a path, got "${line.trim()}"`);
    rule.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  });
  return rules;
}

/** The headers of every rule matching `pathname`; like Netlify and Cloudflare, values of one name are joined with ", ". */
export function headersFor(rules, pathname) {
  const out = {};
  for (const r of rules) {
    if (!r.re.test(pathname)) continue;
    for (const [name, value] of r.headers) {
      const key = Object.keys(out).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
      out[key] = out[key] ? `${out[key]}, ${value}` : value;
    }
  }
  return out;
}

/** Starts the server; resolves to { server, url } once it listens. */
export function serve({ dir = 'dist', port = 4321, base = '/', headers = {}, headersFile = true } = {}) {
  const root = resolve(dir);
  // The usual slip is serving (or measuring) before building: say so, not ENOENT.
  if (!existsSync(root) || !statSync(root).isDirectory())
    throw new Error(`${dir} is not a folder; build the site first (npm run build)`);
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const rulesFile = join(root, '_headers');
  const rules = headersFile && existsSync(rulesFile) ? parseHeadersFile(readFileSync(rulesFile, 'utf8')) : [];
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
      const page = fileAt(join(root, '404.html'));
      // The rules for the path asked for, or else those of the 404 page itself.
      const own = headersFor(rules, pathname);
      const fromFile = Object.keys(own).length ? own : headersFor(rules, `${prefix}404.html`);
      res.writeHead(404, { 'Content-Type': MIME['.html'], ...fromFile, ...headers });
      if (page && req.method !== 'HEAD') createReadStream(page).pipe(res);
      else res.end('Not found');
    };
    if (!pathname.startsWith(prefix) && `${pathname}/` !== prefix) return send404();
    const rel = pathname.slice(prefix.length);
    const target = normalize(join(root, rel));
    if (target !== root && !target.startsWith(root + sep)) return send404();
    if (target === rulesFile) return send404();
    const file = fileAt(target);
    if (!file) return send404();
    if (!pathname.endsWith('/') && file.endsWith(`${sep}index.html`) && !target.endsWith('index.html')) {
      res.writeHead(301, { Location: `${pathname}/${url.search}` }).end();
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
      ...headersFor(rules, pathname),
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
    else if (a === '--no-headers-file') opts.headersFile = false;
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
  if (opts.port === undefined && process.env.PORT !== undefined && process.env.PORT !== '') {
    const fromEnv = Number(process.env.PORT);
    if (!(Number.isInteger(fromEnv) && fromEnv >= 0 && fromEnv < 65536)) {
      console.error(`serve: PORT must be a whole number from 0 to 65535; got ${JSON.stringify(process.env.PORT)}`);
      process.exit(2);
    }
    opts.port = fromEnv;
  }
  opts.port ??= 4321;
  Promise.resolve()
    .then(() => serve(opts))
    .then(
      ({ url }) => console.log(`VirtLab is being served at ${url} (Ctrl+C to stop)`),
      (err) => {
        if (err.code === 'EADDRINUSE') {
          const other = opts.port === 65535 ? opts.port - 1 : opts.port + 1;
          console.error(
            `serve: port ${opts.port} on 127.0.0.1 is already in use (another \`npm start\` or server?).\n` +
              `Stop that server, or choose another port: PORT=${other} npm run serve (PORT=0 picks a free one).`,
          );
        } else if (err.code === 'EACCES') {
          console.error(
            `serve: not allowed to listen on port ${opts.port}; choose a port above 1023: PORT=4321 npm run serve`,
          );
        } else console.error(`serve: ${err.message}`);
        process.exit(1);
      },
    );
}
