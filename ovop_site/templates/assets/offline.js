/* ovop-site: reading offline. Registers the service worker (sw.js, at the site's root, one
   folder above this file) once the page has loaded, and on the offline page lists the pages
   kept on this device. Every page works without this script. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !("serviceWorker" in navigator)) return;
  var root = new URL("../", me.src).href;
  addEventListener("load", function () {
    navigator.serviceWorker.register(root + "sw.js").catch(function () {});
  });
  var list = document.getElementById("offline-pages");
  if (!list || !window.caches) return;
  var skip = root + "offline/";
  caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf("ovop-") === 0; }).map(function (n) {
      return caches.open(n).then(function (c) {
        return c.keys().then(function (reqs) {
          return Promise.all(reqs.map(function (r) {
            return c.match(r).then(function (res) { return [r.url, res]; });
          }));
        });
      });
    }));
  }).then(function (groups) {
    var seen = {}, pages = [];
    groups.forEach(function (g) {
      g.forEach(function (item) {
        var url = item[0], res = item[1];
        if (seen[url] || url === skip || !res || (res.headers.get("content-type") || "").indexOf("text/html")) return;
        seen[url] = true;
        pages.push(res.text().then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var h1 = doc.querySelector("h1");
          return {url: url, title: (h1 && h1.textContent.trim()) || doc.title || url, lang: doc.documentElement.lang};
        }));
      });
    });
    return Promise.all(pages);
  }).then(function (pages) {
    if (!pages.length) return;
    pages.sort(function (a, b) { return a.lang === b.lang ? a.title.localeCompare(b.title) : a.lang < b.lang ? -1 : 1; });
    list.textContent = "";
    pages.forEach(function (p) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = p.url;
      a.textContent = p.title;
      if (p.lang) li.lang = p.lang;
      li.appendChild(a);
      list.appendChild(li);
    });
  }).catch(function () {});
})();
