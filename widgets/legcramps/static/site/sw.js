// The offline cache of the in-browser edition: after one visit, every page and the Python runtime load from
// here, so a reload works with no network and a repeat visit fetches nothing. The build writes VERSION (a
// hash of every file) and PAGES; a new build is a new cache, and the old one is deleted once it takes over.
const VERSION = '__VERSION__';
const PAGES = __PAGES__;

// Each file from the browser's HTTP cache when the page has just fetched it ('force-cache'), so a first
// visit does not download Pyodide twice; from the network otherwise.
async function keep(cache, name) {
  const response = await fetch(new Request(name, { cache: 'force-cache' }));
  if (!response.ok) throw new Error(`${name}: ${response.status}`);
  await cache.put(name, response);
}

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION)
    .then((cache) => Promise.all(PAGES.map((name) => keep(cache, name))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key !== VERSION).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // Pyodide's WebAssembly goes to the browser's HTTP cache while the browser is online: V8 keeps the module
  // it compiled from there (its code cache), and a repeat visit started Python ~0.7 s sooner than when this
  // served it (measured: docs/architecture.md, "The in-browser edition"). Offline, this serves it.
  if (request.url.endsWith('.wasm') && self.navigator.onLine) return;
  event.respondWith(caches.open(VERSION).then(async (cache) => {
    // A share link is the dashboard page with answers in its query: one cached page serves them all.
    const kept = await cache.match(request, { ignoreSearch: true });
    if (kept) return kept;
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') cache.put(request, response.clone());
    return response;
  }));
});
