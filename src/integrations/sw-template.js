// VirtLab's service worker (generated at build time from
// src/integrations/sw-template.js; BUILD_ID, SEARCH_FILES and WASM_FILES are
// filled in).
//
// Keeps what a reader has visited (pages, scripts, styles, the wasm) for
// offline re-visits; a page never visited, opened offline, gets VirtLab's
// offline page (the pages kept, and how search works offline). The first search also stores the rest of the search
// index, so search keeps working offline; the first wasm part a page loads
// also stores the other parts, so every widget of a cached page works offline. Each build has its own cache; a new
// build's worker waits until no tab uses the old one, then deletes the old
// cache, so a page never mixes files from two builds.
const BUILD_ID = '__BUILD_ID__';
const SEARCH_FILES = __SEARCH_FILES__;
const WASM_FILES = __WASM_FILES__;
const SCOPE = self.registration.scope;
const PREFIX = `virtlab:${SCOPE}:`;
const CACHE = PREFIX + BUILD_ID;

self.addEventListener('install', (event) => {
  // Nothing is fetched ahead of time: a reader who never searches or opens a
  // widget downloads nothing extra.
  event.waitUntil(caches.open(CACHE));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))),
      ),
  );
});

async function fromNetworkThenStore(request, cache) {
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}

async function storeAll(cache, paths) {
  await Promise.all(
    paths.map(async (path) => {
      const url = new URL(path, SCOPE).href;
      if (!(await cache.match(url))) {
        try {
          await fromNetworkThenStore(url, cache);
        } catch {
          // offline or gone: the next search or wasm load tries again
        }
      }
    }),
  );
}

const escapeHtml = (t) =>
  String(t).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** The pages kept in this build's cache, with their titles, in reading order of their paths. */
async function cachedPages(cache) {
  const pages = [];
  for (const req of await cache.keys()) {
    const res = await cache.match(req);
    if (!res || !(res.headers.get('content-type') || '').includes('text/html')) continue;
    const u = new URL(req.url);
    if (u.pathname.endsWith('/404.html') || u.pathname.includes('/embed/')) continue;
    const html = await res.text();
    const title = /<title>([^<]*)<\/title>/i.exec(html);
    pages.push({
      href: u.pathname + u.search,
      title: title ? title[1].replace(/\s*\|\s*VirtLab\s*$/, '') : u.pathname,
    });
  }
  return pages.sort((a, b) => a.href.localeCompare(b.href));
}

async function offlinePage(cache, url) {
  const pages = await cachedPages(cache);
  const searchKept = (await cache.keys()).some((r) => r.url.includes('/pagefind/'));
  const list = pages.length
    ? `<ul>${pages.map((p) => `<li><a href="${escapeHtml(p.href)}">${p.title}</a></li>`).join('')}</ul>`
    : '<p>No page has been kept yet: pages are kept once you have visited them online.</p>';
  const search = searchKept
    ? 'Search works offline too: open any kept page and use its Search button (or Ctrl K / ⌘ K).'
    : 'Search works offline once you have searched once while online.';
  const home = pages.find((p) => new URL(p.href, url).href === SCOPE);
  const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Offline | VirtLab</title>
<style>
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { max-width: 40rem; margin: 2rem auto; padding: 0 1rem; overflow-wrap: break-word; }
a { color: LinkText; }
code { overflow-wrap: anywhere; }
</style>
</head>
<body>
<main>
<h1>You are offline</h1>
<p>VirtLab cannot load <code>${escapeHtml(url.pathname)}</code>: this device is offline and you have not opened that page before, so it is not kept here.</p>
<h2>Pages you can read offline</h2>
${list}
<p>${search}</p>
<p>${home ? `<a href="${escapeHtml(home.href)}">Back to the start</a> · ` : ''}<a href="${escapeHtml(url.pathname + url.search)}">Try again</a> once you are online.</p>
</main>
</body>
</html>`;
  return new Response(body, {
    status: 503,
    statusText: 'Offline',
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'",
    },
  });
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE) || url.pathname.endsWith('/sw.js')) return;

  if (request.mode === 'navigate') {
    // Pages: the network first (fresh content), the cache when offline.
    event.respondWith(
      caches.open(CACHE).then(async (cache) => {
        try {
          return await fromNetworkThenStore(request, cache);
        } catch {
          const cached = (await cache.match(request)) || (await cache.match(request, { ignoreSearch: true }));
          if (cached) return cached;
          // Never visited, and offline: VirtLab's own offline page instead of
          // the browser's error (what is kept here, and where to go).
          return offlinePage(cache, url);
        }
      }),
    );
    return;
  }

  // Everything else belongs to this build (hashed assets, the wasm, the
  // search index): the cache first, the network once.
  // Pagefind adds a cache-busting `?ts=` to its entry file; within one
  // build's cache the file cannot change, so the query is dropped.
  const isSearch = url.pathname.includes('/pagefind/');
  const key = isSearch ? url.origin + url.pathname : request;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      if (isSearch && url.pathname.endsWith('/pagefind-entry.json')) event.waitUntil(storeAll(cache, SEARCH_FILES));
      if (url.pathname.endsWith('.wasm')) event.waitUntil(storeAll(cache, WASM_FILES));
      const cached = await cache.match(key);
      if (cached) return cached;
      const response = await fetch(request);
      if (response.ok && response.type === 'basic') await cache.put(key, response.clone());
      return response;
    }),
  );
});
