// The catalogue's own file format for Decap CMS (made part of /admin/ by ovop_site/admin.py).
//
// An entry file is YAML front matter between '---' lines, then the Markdown body. The
// fields are flat: a value, a list written [a, b] or as '- a' lines. This format reads
// exactly that and writes it back the way the contract's examples do, so saving an entry
// changes only the lines of the fields that were edited. The 'id' box of the editor names
// the files (the collection's slug) and is never written into a file.
(function () {
  "use strict";
  var FIELD_KINDS = /*FIELD_KINDS*/{};

  function splitFlow(text) {            // "a, 'b, c', d" → ["a", "'b, c'", "d"]
    var out = [], cur = "", quote = null;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (quote) {
        cur += c;
        if (c === quote && !(quote === '"' && text[i - 1] === "\\")) quote = null;
      } else if (c === '"' || c === "'") { quote = c; cur += c; }
      else if (c === ",") { out.push(cur); cur = ""; }
      else cur += c;
    }
    if (cur.trim() !== "") out.push(cur);
    return out.map(function (s) { return s.trim(); });
  }

  function stripComment(text) {
    if (/^["']/.test(text.trim())) return text;
    var m = text.match(/(^|\s)#/);
    return m ? text.slice(0, m.index) : text;
  }

  function scalar(text, kind) {
    text = text.trim();
    if (text === "" || text === "~" || text === "null") return undefined;
    var value;
    if (text[0] === '"') { try { value = JSON.parse(text); } catch (e) { value = text.slice(1, -1); } }
    else if (text[0] === "'") value = text.slice(1, -1).replace(/''/g, "'");
    else value = text;
    if (kind === "number") {
      var n = Number(String(value).replace(/ /g, ""));
      return isNaN(n) ? value : n;
    }
    if (kind === "bool") {
      var low = String(value).toLowerCase();
      if (["true", "yes", "on"].indexOf(low) >= 0) return true;
      if (["false", "no", "off"].indexOf(low) >= 0) return false;
    }
    return value;
  }

  function parseFront(text) {
    var data = {}, lines = text.split("\n"), key = null, i = 0;
    while (i < lines.length) {
      var line = lines[i].replace(/\r$/, "");
      var m = line.match(/^([A-Za-z_][\w-]*)\s*:(.*)$/);
      i++;
      if (!m) continue;
      key = m[1];
      var rest = stripComment(m[2]).trim(), kind = FIELD_KINDS[key] || "text";
      if (rest === "" ) {                                    // a '- item' list, or nothing
        var items = [];
        while (i < lines.length && /^\s+-\s|^\s+-$|^-\s/.test(lines[i])) {
          items.push(scalar(stripComment(lines[i].replace(/^\s*-\s?/, "")), kind === "list" ? "text" : kind));
          i++;
        }
        if (items.length) data[key] = items.filter(function (x) { return x !== undefined; });
      } else if (rest === "|" || rest === ">" || /^[|>][-+]?$/.test(rest)) {   // a block of text
        var block = [];
        while (i < lines.length && (/^\s/.test(lines[i]) || lines[i] === "")) { block.push(lines[i].trim()); i++; }
        data[key] = block.join(rest[0] === "|" ? "\n" : " ").trim();
      } else if (rest[0] === "[" && rest[rest.length - 1] === "]") {
        data[key] = splitFlow(rest.slice(1, -1)).map(function (s) { return scalar(s, "text"); });
      } else {
        var v = scalar(rest, kind);
        if (v !== undefined) data[key] = kind === "list" ? [v] : v;
      }
    }
    return data;
  }

  var PLAIN = /^[^\s\-?:,\[\]{}#&*!|>'"%@`][^#]*$/;
  function showScalar(value) {
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    var s = String(value);
    if (PLAIN.test(s) && s === s.trim() && s.indexOf(": ") < 0 && !/:$/.test(s) &&
        !/^(true|false|yes|no|on|off|null|~|[-+]?[\d.]+([eE][-+]?\d+)?)$/i.test(s)) return s;
    return JSON.stringify(s);
  }

  function empty(v) {
    return v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
  }

  // The order of the fields in the files read, found again by the entry's text or name, so
  // that saving keeps it; a new field goes after them, in the form's order.
  var ORDERS = {};
  function remember(data) {
    var keys = Object.keys(data).filter(function (k) { return k !== "body"; });
    if (data.body) ORDERS["body:" + data.body] = keys;
    var name = data.title !== undefined ? data.title : data.name;
    if (name !== undefined) ORDERS["name:" + name] = keys;
  }
  function knownOrder(data) {
    var name = data.title !== undefined ? data.title : data.name;
    return (data.body && ORDERS["body:" + data.body]) || ORDERS["name:" + name] || [];
  }

  function toFile(data, sortedKeys) {
    var keys = Object.keys(data).filter(function (k) { return k !== "body" && k !== "id" && !empty(data[k]); });
    var known = knownOrder(data);
    var order = known.concat((sortedKeys || []).filter(function (k) { return known.indexOf(k) < 0; }));
    keys.sort(function (a, b) {
      var ia = order.indexOf(a), ib = order.indexOf(b);
      return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib);
    });
    var lines = keys.map(function (k) {
      var v = data[k];
      if (FIELD_KINDS[k] === "list" && !Array.isArray(v)) v = [v];   // one image chosen: still a list
      if (Array.isArray(v)) return k + ": [" + v.filter(function (x) { return !empty(x); }).map(showScalar).join(", ") + "]";
      return k + ": " + showScalar(v);
    });
    var body = data.body || "";
    if (body && body[body.length - 1] !== "\n") body += "\n";
    return "---\n" + lines.join("\n") + (lines.length ? "\n" : "") + "---\n" + body;
  }

  function fromFile(content) {
    content = content.replace(/^\ufeff/, "").replace(/\r\n/g, "\n");
    var m = content.match(/^---[ \t]*\n([\s\S]*?)\n?---[ \t]*(\n|$)/);
    if (!m) return { body: content };
    var data = parseFront(m[1]);
    data.body = content.slice(m[0].length);
    remember(data);
    return data;
  }

  // The README's slug rule (slugs.py): Kazakh letters after the 2021 Latin alphabet, in ASCII.
  var LETTERS = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "io", "ж": "j",
    "з": "z", "и": "i", "й": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o",
    "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "h",
    "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
    "ю": "iu", "я": "ia"
  };
  function slugify(text) {
    return String(text || "").toLowerCase().split("").map(function (c) {
      return LETTERS.hasOwnProperty(c) ? LETTERS[c] : c;
    }).join("").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  window.OVOP_CMS = { fromFile: fromFile, toFile: toFile, slugify: slugify };
  if (!window.CMS) return;
  CMS.registerCustomFormat("ovop-frontmatter", "md", { fromFile: fromFile, toFile: toFile });
  CMS.registerEventListener({
    name: "preSave",
    handler: function (args) {
      var entry = args.entry, data = entry.get("data");
      if (!entry.get("newRecord") || data.get("id")) return data;
      var label = data.get("title") !== undefined ? data.get("title") : data.get("name");
      return data.set("id", slugify(label));
    }
  });
  CMS.init();
})();
