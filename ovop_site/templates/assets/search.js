// The search page's script (the only script of the site): it imports the language's
// Pagefind bundle and shows the results. Each word of a query is first turned into the
// form the index holds (a Kazakh or Russian stem, a Latin-letter stem): the same
// algorithm as ovop_site/searchtext.py, with the tables that page gives in
// #search-config, so the two cannot drift apart (tests/test_search.py compares them).

const LATIN_ONLY = /^[a-z0-9]+$/;
const CYRILLIC = /[\u0400-\u04ff]/;
const WORD = /[\p{L}\p{N}]+/gu;

export function strip(word, t) {
  let stem = word;
  let stripped = false;
  for (const slot of t.slots) {
    for (const ending of slot) {
      const rest = stem.slice(0, stem.length - ending.length);
      if (stem.endsWith(ending) && rest.length >= t.min &&
          (!Object.hasOwn(t.conditional, ending) || t.conditional[ending].includes(rest.slice(-1)))) {
        stem = rest;
        stripped = true;
        break;
      }
    }
  }
  const last = stem.slice(-1);
  if (stripped && Object.hasOwn(t.devoice, last)) stem = stem.slice(0, -1) + t.devoice[last];
  return stem;
}

export function ruStem(word, t) {
  for (const ending of t.endings) {
    if (word.endsWith(ending) && word.length - ending.length >= t.min) return word.slice(0, -ending.length);
  }
  return word;
}

export function queryForm(word, tables) {
  word = word.toLowerCase();
  if (LATIN_ONLY.test(word)) return strip(word, tables.latin);
  if (!CYRILLIC.test(word)) return word;
  const kk = strip(word, tables.kk);
  if ([...word].some((c) => tables.kk_letters.includes(c))) return kk;
  const ru = ruStem(word, tables.ru);
  return ru.length < kk.length ? ru : kk;
}

export function queryText(text, tables) {
  return (text.normalize("NFC").toLowerCase().match(WORD) || []).map((w) => queryForm(w, tables)).join(" ");
}

function say(template, num, locale) {
  return template.replace("{num}", new Intl.NumberFormat(locale).format(num));
}

function resultItem(data, bundleBase) {
  const li = document.createElement("li");
  li.className = "search-hit";
  if (data.meta.image) {
    const img = document.createElement("img");
    img.alt = "";
    img.width = 72;
    img.height = 72;
    img.loading = "lazy";
    img.decoding = "async";
    img.src = new URL(data.meta.image, bundleBase).href;
    li.append(img);
  } else {
    const blank = document.createElement("span");
    blank.className = "no-image";
    blank.setAttribute("aria-hidden", "true");
    li.append(blank);
  }
  const body = document.createElement("div");
  const a = document.createElement("a");
  a.href = data.url;
  a.textContent = data.meta.title || data.url;
  if (data.meta.title_lang) a.lang = data.meta.title_lang;
  body.append(a);
  for (const key of ["price", "district"]) {
    if (!data.meta[key]) continue;
    const span = document.createElement("span");
    span.className = "hit-" + key;
    span.textContent = data.meta[key];
    body.append(span);
  }
  li.append(body);
  return li;
}

async function main() {
  const configEl = document.getElementById("search-config");
  if (!configEl) return;
  const cfg = JSON.parse(configEl.textContent);
  const $ = (id) => document.getElementById(id);
  const form = $("search-form"), input = $("search-q"), status = $("search-status");
  const list = $("search-results"), more = $("search-more");
  const selects = { district: $("search-district"), category: $("search-category"), sort: $("search-sort") };
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const [name, el] of Object.entries(selects)) {
    const v = params.get(name);
    if (v && [...el.options].some((o) => o.value === v)) el.value = v;
  }
  const bundleUrl = new URL(cfg.bundle, document.baseURI);
  const langBase = new URL("../", bundleUrl);  // result addresses are relative to /<lang>/
  let pagefind;
  try {
    pagefind = await import(bundleUrl.href);
    await pagefind.options({ excerptLength: 0 });
    pagefind.init();
  } catch (e) {
    status.textContent = cfg.strings.unavailable;
    return;
  }
  let run = 0;
  let shown = [];
  let pending = [];

  async function showMore() {
    const batch = pending.splice(0, cfg.per_page);
    const mine = run;
    const data = await Promise.all(batch.map((r) => r.data()));
    if (mine !== run) return;
    for (const d of data) list.append(resultItem(d, langBase));
    shown = shown.concat(batch);
    more.hidden = pending.length === 0;
  }

  async function search() {
    const mine = ++run;
    document.documentElement.dataset.search = "busy";
    const q = input.value.trim();
    const filters = {};
    for (const name of ["district", "category"]) if (selects[name].value) filters[name] = selects[name].value;
    const s = selects.sort.value;
    const opts = { filters };
    if (s) opts.sort = { price: s === "price-desc" ? "desc" : "asc" };
    const url = new URL(location.href);
    for (const [k, v] of [["q", q], ["district", filters.district], ["category", filters.category], ["sort", s]]) {
      if (v) url.searchParams.set(k, v); else url.searchParams.delete(k);
    }
    history.replaceState(null, "", url);
    list.replaceChildren();
    more.hidden = true;
    const term = q ? queryText(q, cfg.tables) : "";
    if (!term && !filters.district && !filters.category) {
      status.textContent = q ? cfg.strings.none : cfg.strings.type;
      document.documentElement.dataset.search = "done";
      return;
    }
    status.textContent = cfg.strings.loading;
    const found = await pagefind.search(term || null, opts);
    if (mine !== run || !found) return;
    pending = found.results.slice();
    shown = [];
    status.textContent = pending.length ? say(cfg.strings.found, pending.length, cfg.number_locale) : cfg.strings.none;
    await showMore();
    if (mine === run) document.documentElement.dataset.search = "done";
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); search(); });
  for (const el of Object.values(selects)) el.addEventListener("change", search);
  more.addEventListener("click", showMore);
  if (input.value || params.get("district") || params.get("category")) await search();
  else {
    status.textContent = cfg.strings.type;
    document.documentElement.dataset.search = "done";
  }
}

main();
