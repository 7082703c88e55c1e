// The docs site's behaviour, in plain JavaScript with no library and no network:
// the sidebar (built from the search index), the language tabs (the choice kept in
// localStorage across pages), the copy buttons and the search box (ranked: exact,
// then prefix, then substring matches; "/" focuses it, arrows move, Enter opens,
// Esc clears). Every text it shows is set with textContent, never as markup.
(function () {
  "use strict";
  var root = document.documentElement.getAttribute("data-root") || "";
  var index = window.KSYUN_SEARCH_INDEX || []; // [name, href, kind, where, summary, names, more]
  var LANG_KEY = "ksyun-docs-language";
  var here = location.href.split("#")[0];

  function store(key, value) {
    try { if (value === undefined) return window.localStorage.getItem(key); window.localStorage.setItem(key, value); }
    catch (e) { return null; } // storage off (private mode, policy): the choice lasts one page
    return null;
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  // ---- sidebar: services, versions and their actions; the current page marked ----------
  function buildNav() {
    var tree = document.getElementById("nav-tree");
    if (!tree) return;
    var services = [], byService = {};
    index.forEach(function (e) {
      if (e[2] !== "action") return;
      var parts = e[3].split(" "), service = parts[0], version = parts.slice(1).join(" ");
      if (!byService[service]) { byService[service] = { name: service, versions: [], byVersion: {} }; services.push(byService[service]); }
      var s = byService[service];
      if (!s.byVersion[version]) {
        s.byVersion[version] = { name: version, folder: e[1].slice(0, e[1].lastIndexOf("/") + 1), actions: [] };
        s.versions.push(s.byVersion[version]);
      }
      s.byVersion[version].actions.push(e);
    });
    services.forEach(function (s) {
      var sd = el("details"), ss = el("summary", s.name);
      sd.appendChild(ss);
      s.versions.forEach(function (v) {
        var vd = el("details"), vs = el("summary", v.name), list = el("ul");
        vd.appendChild(vs);
        var overview = el("a", "Overview");
        overview.href = root + v.folder + "index.html";
        var items = [overview];
        v.actions.forEach(function (e) { var a = el("a", e[0]); a.href = root + e[1]; items.push(a); });
        items.forEach(function (a) {
          var li = el("li");
          li.appendChild(a);
          list.appendChild(li);
          if (a.href.split("#")[0] === here) {
            a.setAttribute("aria-current", "page");
            vd.open = true;
            sd.open = true;
          }
        });
        if (here.indexOf(new URL(root + v.folder, location.href).href) === 0) { vd.open = true; sd.open = true; }
        vd.appendChild(list);
        sd.appendChild(vd);
      });
      tree.appendChild(sd);
    });
    var all = document.getElementById("nav-all");
    if (all && window.matchMedia && window.matchMedia("(min-width: 60rem)").matches) all.open = true;
  }

  // ---- language tabs ----------------------------------------------------------------
  function selectTab(tabs, chosen, focus) {
    tabs.forEach(function (tab) {
      var on = tab === chosen;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      var panel = document.getElementById(tab.getAttribute("aria-controls"));
      if (panel) panel.hidden = !on;
    });
    if (focus) chosen.focus();
  }

  function setupTabs() {
    var wanted = store(LANG_KEY);
    Array.prototype.forEach.call(document.querySelectorAll("[role=tablist]"), function (list) {
      var tabs = Array.prototype.slice.call(list.querySelectorAll("[role=tab]"));
      if (!tabs.length) return;
      var start = tabs.filter(function (t) { return t.getAttribute("data-lang") === wanted; })[0] || tabs[0];
      selectTab(tabs, start, false);
      tabs.forEach(function (tab, i) {
        tab.addEventListener("click", function () {
          selectTab(tabs, tab, false);
          store(LANG_KEY, tab.getAttribute("data-lang"));
        });
        tab.addEventListener("keydown", function (ev) {
          var next = null;
          if (ev.key === "ArrowRight") next = tabs[(i + 1) % tabs.length];
          else if (ev.key === "ArrowLeft") next = tabs[(i - 1 + tabs.length) % tabs.length];
          else if (ev.key === "Home") next = tabs[0];
          else if (ev.key === "End") next = tabs[tabs.length - 1];
          if (!next) return;
          ev.preventDefault();
          selectTab(tabs, next, true);
          store(LANG_KEY, next.getAttribute("data-lang"));
        });
      });
    });
  }

  // ---- copy buttons -------------------------------------------------------------------
  function setupCopy() {
    var status = document.getElementById("copy-status");
    Array.prototype.forEach.call(document.querySelectorAll("button.copy"), function (button) {
      button.addEventListener("click", function () {
        var code = button.parentNode.querySelector("pre");
        var text = code ? code.textContent : "";
        function done(ok) {
          button.textContent = ok ? "Copied" : "Select and copy";
          if (status) status.textContent = ok ? "Copied to the clipboard." : "Copying failed; select the code and copy it.";
          setTimeout(function () { button.textContent = "Copy"; }, 1500);
        }
        function fallback() {
          var range = document.createRange();
          range.selectNodeContents(code);
          var sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
          var ok = false;
          try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
          done(ok);
        }
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
        } else {
          fallback();
        }
      });
    });
  }

  // ---- search -------------------------------------------------------------------------
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var LIMIT = 50;
  var KIND_ORDER = { action: 0, error: 1, shape: 2 };
  var prepared = null;

  function kindOrder(kind) { return kind in KIND_ORDER ? KIND_ORDER[kind] : 9; }
  function norm(text) { return text.toLowerCase().replace(/[\s_.\-]+/g, ""); }
  function words(text) { return text ? text.split(" ").filter(Boolean) : []; }

  function prepare() {
    if (prepared) return prepared;
    prepared = index.map(function (e) {
      var primary = [e[0]].concat(words(e[5]));
      var more = words(e[6]);
      if (e[4]) more.push(e[4]);
      return {
        entry: e,
        primary: primary.map(function (w) { return [norm(w), w]; }),
        more: more.map(function (w) { return [norm(w), w]; }),
        text: (e[4] + " " + e[3]).toLowerCase()
      };
    });
    return prepared;
  }

  // A word's score against one entry: 6 exact name, 5 exact other term, 4 name prefix,
  // 3 other prefix, 2 name substring, 1 other substring or summary text; 0 no match.
  function scoreWord(p, word) {
    var q = norm(word), best = 0, term = "", primary = 0;
    if (!q) return null;
    function test(terms, exact, prefix, inside, isPrimary) {
      for (var i = 0; i < terms.length; i++) {
        var t = terms[i][0], s = 0;
        if (t === q) s = exact; else if (t.indexOf(q) === 0) s = prefix; else if (t.indexOf(q) > 0) s = inside;
        if (isPrimary && s > primary) primary = s;
        if (s > best) { best = s; term = terms[i][1]; }
      }
    }
    test(p.primary, 6, 4, 2, true);
    test(p.more, 5, 3, 1, false);
    if (!best && p.text.indexOf(word.toLowerCase()) >= 0) best = 1;
    return { score: best, term: term, primary: primary };
  }

  function rank(query) {
    var qs = query.trim().split(/\s+/).filter(Boolean);
    if (!qs.length) return [];
    var found = [];
    prepare().forEach(function (p) {
      var total = 0, primary = 0, term = "";
      for (var i = 0; i < qs.length; i++) {
        var r = scoreWord(p, qs[i]);
        if (!r || !r.score) return;
        total += r.score;
        primary += r.primary;
        if (!term) term = r.term;
      }
      found.push({ p: p, score: total, primary: primary, term: term });
    });
    found.sort(function (a, b) {
      var ea = a.p.entry, eb = b.p.entry;
      return (b.score - a.score) || (b.primary - a.primary) ||
        (kindOrder(ea[2]) - kindOrder(eb[2])) ||
        (ea[0].length - eb[0].length) || (ea[0] < eb[0] ? -1 : ea[0] > eb[0] ? 1 : 0) ||
        (ea[3] < eb[3] ? -1 : ea[3] > eb[3] ? 1 : 0);
    });
    return found;
  }

  function show(query) {
    list.textContent = "";
    status.textContent = "";
    var found = rank(query);
    if (!query.trim()) return;
    found.slice(0, LIMIT).forEach(function (f) {
      var e = f.p.entry, item = el("li"), link = el("a", e[0]);
      item.setAttribute("data-score", String(f.score));
      link.href = root + e[1];
      item.appendChild(link);
      var about = e[2] + " · " + e[3];
      if (f.term && f.term !== e[0] && f.term !== e[4]) about += " · " + f.term;
      if (e[4]) about += " · " + e[4];
      item.appendChild(el("span", " " + about, "about"));
      list.appendChild(item);
    });
    status.textContent = found.length === 0 ? "No match." :
      found.length + (found.length === 1 ? " match" : " matches") +
      (found.length > LIMIT ? ", first " + LIMIT + " shown." : ".") + " Arrow keys move, Enter opens.";
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

  function setupSearch() {
    if (!input) return;
    input.addEventListener("input", function () { show(input.value); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown") {
        var first = links()[0];
        if (first) { ev.preventDefault(); first.focus(); }
      } else if (ev.key === "Enter") {
        var top = links()[0];
        if (top) { ev.preventDefault(); location.href = top.href; }
      } else if (ev.key === "Escape") {
        ev.preventDefault();
        input.value = "";
        show("");
      }
    });
    list.addEventListener("keydown", function (ev) {
      var all = links(), at = all.indexOf(document.activeElement);
      if (at < 0) return;
      if (ev.key === "ArrowDown") { ev.preventDefault(); (all[at + 1] || all[at]).focus(); }
      else if (ev.key === "ArrowUp") { ev.preventDefault(); if (at === 0) input.focus(); else all[at - 1].focus(); }
      else if (ev.key === "Escape") { ev.preventDefault(); input.value = ""; show(""); input.focus(); }
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      var t = ev.target, tag = t && t.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
      ev.preventDefault();
      input.focus();
      input.select();
    });
    if (input.value) show(input.value);
  }

  buildNav();
  setupTabs();
  setupCopy();
  setupSearch();
})();
