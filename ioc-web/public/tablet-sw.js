/*
 * Service worker of the leader tablet (registered by /tablet only, scope /tablet: the wall and the
 * other pages never see it). It keeps the app shell so that the tablet still opens without
 * network: the page (navigations under /tablet, network first, the cached copy when the link is
 * down) and the hashed JS/CSS chunks (cache first: their names change with their content). The
 * last summaries are kept by the page itself (localStorage), and the API is never answered from here.
 */
const CACHE = 'ioc-tablet-shell-v1';
const SHELL_KEY = '/tablet';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((c) => c.add(SHELL_KEY))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('ioc-tablet-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** The page sends the files it loaded before this worker controlled it. */
self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type !== 'precache' || !Array.isArray(data.urls)) return;
  const port = event.ports && event.ports[0];
  event.waitUntil(
    caches.open(CACHE).then(async (c) => {
      let cached = 0;
      for (const url of data.urls) {
        if (typeof url !== 'string' || !url.startsWith('/')) continue;
        try {
          if (url.startsWith('/assets/') && (await c.match(url))) {
            cached++;
            continue;
          }
          await c.add(url);
          cached++;
        } catch {
          /* one file missing must not stop the rest */
        }
      }
      if (port) port.postMessage({ cached });
    }),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  // The API (and above all /api/v1/auth: tokens, the refresh cookie) is never cached here.
  if (url.pathname.startsWith('/api/')) return;
  if (req.mode === 'navigate' && (url.pathname === '/tablet' || url.pathname === '/tablet/')) {
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            void caches.open(CACHE).then((c) => c.put(SHELL_KEY, copy));
          }
          return res;
        })
        .catch(async () => (await caches.match(SHELL_KEY)) || Response.error()),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/') || url.pathname === '/favicon.svg') {
    event.respondWith(
      caches.match(url.pathname).then(
        (hit) =>
          hit ||
          fetch(req).then((res) => {
            if (res.ok) {
              const copy = res.clone();
              void caches.open(CACHE).then((c) => c.put(url.pathname, copy));
            }
            return res;
          }),
      ),
    );
  }
});
