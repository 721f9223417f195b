/* ovop-site service worker: the catalogue readable offline after one visit.
   Written by the build (ovop_site/offline.py), which puts the build's version and the
   addresses below in place of the CONFIG line. Pages work without it; it only adds.
   - pages (navigations): from the network, a copy kept; offline, the kept copy, or the
     offline page for a page never opened;
   - the stylesheet, script and icons (names change with their content): kept at install;
   - the home and district pages of a language: kept once a page of it is opened;
   - a new build has a new version: the pages kept by the old one are fetched again into
     the new cache, then the old cache is deleted. */
"use strict";
const CONFIG = {};
const V = "ovop-" + CONFIG.version, BASE = self.registration.scope, PAGE = /\/$|\.html$/;
const abs = (p) => new URL(p, BASE).href;
const STATIC = new Set(CONFIG.assets.map(abs));

self.addEventListener("install", (e) => {
  e.waitUntil(caches.open(V).then((c) => c.addAll([CONFIG.offline, ...CONFIG.assets].map(abs)))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));

// true once the address is kept (or answered without a page: gone from the site);
// false when the network failed, so an old copy is not given up for nothing
async function keep(url) {
  const cache = await caches.open(V);
  if (await cache.match(url)) return true;
  try {
    const res = await fetch(url);
    if (res.ok && !res.redirected) await cache.put(url, res);
    return true;
  } catch (err) {
    return false;
  }
}

// pages kept by an older build: fetched again from this one, then the old cache goes
async function renew() {
  for (const name of await caches.keys()) {
    if (!name.startsWith("ovop-") || name === V) continue;
    const old = await caches.open(name);
    let done = true;
    for (const req of await old.keys()) {
      if (PAGE.test(new URL(req.url).pathname)) done = (await keep(req.url)) && done;
    }
    if (done) await caches.delete(name);
  }
}

async function core(url) {
  const lang = url.slice(BASE.length).split("/")[0];
  for (const p of CONFIG.core[lang] || []) await keep(abs(p));
}

async function page(e) {
  const req = e.request, url = req.url.split("#")[0].split("?")[0];
  try {
    const res = await fetch(req);
    if (res.ok && !res.redirected && (res.headers.get("content-type") || "").startsWith("text/html")) {
      const copy = res.clone();
      e.waitUntil(caches.open(V).then((c) => c.put(url, copy)).then(() => core(url)).then(renew));
    }
    return res;
  } catch (err) {
    const cache = await caches.open(V);
    // a copy from this build, else one an older build kept (not renewed yet), else the offline page
    return (await cache.match(url)) || (await caches.match(url)) ||
      (await cache.match(abs(CONFIG.offline))) || Response.error();
  }
}

self.addEventListener("fetch", (e) => {
  const req = e.request;
  if (req.method !== "GET" || !req.url.startsWith(BASE)) return;
  if (req.mode === "navigate") e.respondWith(page(e));
  else if (STATIC.has(req.url)) e.respondWith(caches.match(req).then((hit) => hit || fetch(req)));
});
