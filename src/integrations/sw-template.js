// VirtLab's service worker (generated at build time from
// src/integrations/sw-template.js; BUILD_ID, SEARCH_FILES and WASM_FILES are
// filled in).
//
// Keeps what a reader has visited (pages, scripts, styles, the wasm) for
// offline re-visits. The first search also stores the rest of the search
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
    caches.keys().then((keys) =>
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
        } catch (err) {
          const cached = (await cache.match(request)) || (await cache.match(request, { ignoreSearch: true }));
          if (cached) return cached;
          const notFound = await cache.match(new URL('404.html', SCOPE).href);
          if (notFound) return notFound;
          throw err;
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
