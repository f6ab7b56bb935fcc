// The hub's service worker, written into dist/sw.js by `cargo xtask build` with this build's
// cache name and precache list (the two lines above this comment). Lines that start with `//`
// are left out of the built file.
//
// Where it lives decides what it serves: registered as /sw.js it serves the hub at /, as
// /hub/sw.js the hub under /hub/. A host page's own worker can import it
// (`self.EH_HUB = "/hub/"; importScripts("/hub/sw.js");`): it then caches the hub's files and
// event files, and answers the host's pages only when the host sets `self.EH_PAGES = true`.
//
// - the app's files (the precache list, and any hashed file fetched later): cache first;
// - event files (`…/events/*.json`, the index too): stale-while-revalidate; an answer from the
//   cache carries `X-Eh-Stored` (when it was fetched, in ms), so the page knows it may be old;
//   a request with `cache: "reload"` (the page checking that copy) goes to the network and
//   updates the cache, or fails;
// - pages (navigations): the network, and when it fails or takes too long, the copy of that page
//   the reader saw last, else the app's shell;
// - map tiles on the hub's own host: cached once viewed, never before;
// - the sign-up API (`/api/`) and everything else: never touched.
//
// No `skipWaiting`: a new version waits until no page of the old one is open, so nobody's reading
// is interrupted; pages are fetched from the network first, so the next load is the new version.
const HUB = new URL(self.EH_HUB || "./", self.location).href;
const PAGES = !self.EH_HUB || self.EH_PAGES === true;
const SHELL = HUB + "index.html";
const TILES = "event-hub-tiles";
const STORED = "X-Eh-Stored";
// A page answer slower than this comes from the cache (flaky venue Wi-Fi), the network's
// answer still updating the cache when it arrives.
const PATIENCE = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((file) => HUB + file)))
  );
});

self.addEventListener("activate", (event) => {
  // Only this hub's caches of other builds go; the tiles stay (only viewed ones are there).
  // The first visit's page is taken at once, so what it views next is kept; a new version only
  // activates when no page of the old one is open, so this never swaps code under a reader.
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("event-hub-") && key !== CACHE && key !== TILES)
            .map((key) => caches.delete(key))
        )
      )
      .then(() => PAGES && !self.EH_HUB && self.clients.claim())
  );
});

/// `response` with a copy's time, so the page can say "as of".
function stamped(response) {
  const headers = new Headers(response.headers);
  headers.set(STORED, String(Date.now()));
  return response.blob().then(
    (body) => new Response(body, { status: response.status, statusText: response.statusText, headers })
  );
}

/// The network's answer for an event file, kept when it is one.
function fetchAndKeep(request) {
  return fetch(request, { cache: "no-cache" }).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      stamped(copy).then((kept) => caches.open(CACHE).then((cache) => cache.put(request.url, kept)));
    }
    return response;
  });
}

function eventFile(event) {
  const request = event.request;
  if (request.cache === "reload") {
    return fetchAndKeep(request);
  }
  return caches.match(request.url).then((kept) => {
    const fresh = fetchAndKeep(request);
    if (!kept) {
      return fresh;
    }
    event.waitUntil(fresh.catch(() => {}));
    return kept;
  });
}

function appFile(request, cacheName) {
  return caches.match(request).then(
    (kept) =>
      kept ||
      fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(cacheName).then((cache) => cache.put(request, copy));
        }
        return response;
      })
  );
}

function page(event) {
  const request = event.request;
  const network = fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request.url, copy));
    }
    return response;
  });
  event.waitUntil(network.catch(() => {}));
  const fallback = () =>
    caches.match(request.url).then((kept) => kept || caches.match(SHELL)).then((kept) => kept || network);
  let timer;
  const slow = new Promise((resolve) => {
    timer = setTimeout(resolve, PATIENCE);
  }).then(fallback);
  const first = network.then(
    (response) => response,
    () => fallback()
  );
  return Promise.race([first, slow]).finally(() => clearTimeout(timer));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.location.origin + "/")) {
    return;
  }
  const url = new URL(request.url);
  const path = url.pathname;
  if (path.includes("/api/") || url.href.startsWith(HUB + "edit/")) {
    return;
  }
  if (request.mode === "navigate") {
    if (PAGES) {
      event.respondWith(page(event));
    }
    return;
  }
  if (/\/events\/[^/]+\.json$/.test(path)) {
    event.respondWith(eventFile(event));
    return;
  }
  if (/\/tiles\/\d+\/\d+\/\d+\.\w+$/.test(path)) {
    event.respondWith(appFile(request, TILES));
    return;
  }
  if (url.href.startsWith(HUB) && (FILES.includes(url.href.slice(HUB.length)) || /[0-9a-f]{12,}/.test(path))) {
    event.respondWith(appFile(request, CACHE));
  }
});
