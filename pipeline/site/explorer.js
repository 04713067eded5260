// landscape tool explorer (pipeline/site). Fixed code: the catalog arrives
// as data (tools.js: window.LANDSCAPE_TOOLS, with the first part of the
// tools; the other parts, tools/2.js …, are loaded one after another once
// the first is drawn, each handing its tools to window.LANDSCAPE_TOOLS_PART)
// and is only ever put into the page as text (textContent); links are made
// for http(s) URLs only. State lives in the URL's hash (#q=…&cat=…&tool=ID),
// so every filter and every card has a URL to share. Works from file:// with
// no network.
(function () {
  "use strict";
  var D = window.LANDSCAPE_TOOLS;
  var root = document.getElementById("explorer");
  if (!root) {
    return;
  }
  if (!D || !D.tools) {
    root.textContent = "The tool list (tools.js) could not be loaded.";
    return;
  }
  var PAGE = 60; // rows drawn at a time: "Show more" draws the next ones
  var tools = D.tools;
  var total = D.total || tools.length; // tools in all parts
  var pending = (D.parts || []).slice(); // parts still to load
  var failed = ""; // a part that could not be loaded
  var latest = D.releases.length - 1;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    return e;
  }
  function safeURL(u) {
    u = String(u || "").trim();
    return /^https?:\/\/[^\s"'<>`\\]+$/i.test(u) ? u : "";
  }
  function link(u, text) {
    var s = safeURL(u);
    if (!s) {
      return el("span", null, text || u);
    }
    var a = el("a", null, text || s);
    a.href = s;
    a.rel = "noopener noreferrer nofollow";
    a.target = "_blank";
    return a;
  }
  function rel(i) {
    var id = D.releases[i], d = D.dates[i];
    return d && d !== id ? id + " (" + d + ")" : id;
  }
  function year(i) {
    var d = D.dates[i] || D.releases[i] || "";
    var m = /^(\d{4})/.exec(d);
    return m ? m[1] : "";
  }
  function statusClass(s) {
    s = String(s || "").toLowerCase();
    var m = /^(active|acquired|discontinued|archived|deprecated|graduated|incubating|sandbox|ended)/.exec(s);
    return m ? m[1] : s ? "other" : "unknown";
  }
  function fold(s) {
    s = String(s || "").toLowerCase();
    return s.normalize ? s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "") : s;
  }

  // Search text and facets, once per tool, as the parts arrive.
  var hay = [];
  var facet = { lic: {}, st: {}, year: {} };
  function index(from) {
    for (var i = from; i < tools.length; i++) {
      var t = tools[i];
      hay[i] = fold([t.name, t.description, t.org, t.repo, t.homepage, t.id].join("\u0001"));
      t._st = statusClass(t.status);
      t._year = year(t.first);
      facet.lic[t.license || ""] = 1;
      facet.st[t._st] = 1;
      facet.year[t._year] = 1;
    }
  }
  index(0);

  // State <-> hash.
  var FIELDS = ["q", "cat", "sub", "lic", "os", "st", "year", "ch", "listed", "sort"];
  var state = {};
  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    var s = {};
    FIELDS.concat(["tool"]).forEach(function (f) {
      s[f] = p.get(f) || "";
    });
    return s;
  }
  function writeHash() {
    var p = new URLSearchParams();
    FIELDS.concat(["tool"]).forEach(function (f) {
      if (state[f]) {
        p.set(f, state[f]);
      }
    });
    var h = p.toString();
    if ("#" + h !== location.hash && !(h === "" && location.hash === "")) {
      history.replaceState(null, "", h ? "#" + h : location.pathname + location.search);
    }
  }

  // Controls.
  var form = el("form", "lx-controls");
  form.setAttribute("role", "search");
  form.addEventListener("submit", function (e) {
    e.preventDefault();
  });
  function control(label, input) {
    var l = el("label", "lx-control");
    l.appendChild(el("span", null, label));
    l.appendChild(input);
    fbox.appendChild(l);
    return input;
  }
  function setOptions(s, options) {
    s.textContent = "";
    options.forEach(function (o) {
      var opt = el("option", null, o[1]);
      opt.value = o[0];
      s.appendChild(opt);
    });
  }
  function select(name, label, options) {
    var s = el("select");
    s.name = name;
    setOptions(s, options);
    s.addEventListener("change", function () {
      state[name] = s.value;
      if (name === "cat") {
        state.sub = "";
      }
      state.tool = "";
      update(true);
    });
    return control(label, s);
  }
  var q = el("input");
  q.type = "search";
  q.name = "q";
  q.placeholder = "Search name, description, organisation, repository";
  q.autocomplete = "off";
  q.setAttribute("aria-label", "Search tools");
  var qLabel = el("label", "lx-control lx-search");
  qLabel.appendChild(el("span", null, "Search"));
  qLabel.appendChild(q);
  form.appendChild(qLabel);
  var timer = 0;
  q.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      state.q = q.value;
      state.tool = "";
      update(true);
    }, 60);
  });
  function sorted(obj) {
    return Object.keys(obj).sort(function (a, b) {
      return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
    });
  }
  var catOpts = [["", "All categories"]].concat(D.categories.map(function (c, i) {
    return [String(i), c];
  }));
  // The filters fold away on a phone (the search stays in view).
  var filters = el("details", "lx-filters");
  filters.appendChild(el("summary", null, "Filters"));
  filters.open = !(window.matchMedia && window.matchMedia("(max-width: 600px)").matches);
  var fbox = el("div", "lx-filter-box");
  filters.appendChild(fbox);
  form.appendChild(filters);
  var sCat = select("cat", "Category", catOpts);
  var sSub = select("sub", "Subcategory", [["", "All subcategories"]]);
  function licOptions() {
    return [["", "Any licence"]].concat(sorted(facet.lic).map(function (l) {
      return l ? [l, l] : ["-", "(none given)"];
    }));
  }
  function stOptions() {
    return [["", "Any status"]].concat(sorted(facet.st).map(function (s) {
      return [s, s];
    }));
  }
  function yearOptions() {
    return [["", "Any year"]].concat(sorted(facet.year).filter(Boolean).map(function (y) {
      return [y, y];
    }));
  }
  var sLic = select("lic", "Licence", licOptions());
  var sOS = select("os", "Open source", [["", "Any"], ["yes", "Open source"], ["no", "Not open source"], ["unknown", "Not said"]]);
  var sSt = select("st", "Status", stOptions());
  var sYear = select("year", "First seen", yearOptions());
  var sCh = select("ch", "In " + D.release, [["", "Changed or not"], ["any", "Changed"], ["added", "Added"], ["re_added", "Re-added"],
    ["removed", "Removed"], ["moved", "Moved"], ["renamed", "Renamed"], ["repo_moved", "New repository"], ["status", "New status"]]);
  var sListed = select("listed", "Listed", [["", "Listed now"], ["gone", "No longer listed"], ["all", "Ever listed"]]);
  var sSort = select("sort", "Order", [["", "Name"], ["newest", "Newest first"], ["oldest", "Oldest first"]]);
  var reset = el("button", "lx-reset", "Clear");
  reset.type = "button";
  reset.addEventListener("click", function () {
    state = {};
    update(true);
  });
  fbox.appendChild(reset);

  var count = el("p", "lx-count");
  count.setAttribute("aria-live", "polite");
  var card = el("article", "lx-card");
  card.id = "lx-card";
  card.hidden = true;
  card.tabIndex = -1;
  var list = el("ol", "lx-list");
  var moreBtn = el("button", "lx-more", "Show more");
  moreBtn.type = "button";
  root.textContent = "";
  root.appendChild(form);
  root.appendChild(count);
  root.appendChild(card);
  root.appendChild(list);
  root.appendChild(moreBtn);

  function subOptions() {
    var subs = {};
    var c = state.cat === "" ? -1 : Number(state.cat);
    tools.forEach(function (t) {
      if (c < 0 || t.cats.indexOf(c) >= 0) {
        (t.subs || []).forEach(function (s) {
          subs[s] = 1;
        });
      }
    });
    setOptions(sSub, [["", "All subcategories"]].concat(sorted(subs).map(function (s) {
      return [s, s];
    })));
    sSub.disabled = Object.keys(subs).length === 0;
  }

  function matches(i, words) {
    var t = tools[i];
    for (var w = 0; w < words.length; w++) {
      if (hay[i].indexOf(words[w]) < 0) {
        return false;
      }
    }
    if (state.listed === "" && !t.listed) {
      return false;
    }
    if (state.listed === "gone" && t.listed) {
      return false;
    }
    if (state.cat !== "" && t.cats.indexOf(Number(state.cat)) < 0) {
      return false;
    }
    if (state.sub && (t.subs || []).indexOf(state.sub) < 0) {
      return false;
    }
    if (state.lic && (t.license || "-") !== state.lic) {
      return false;
    }
    if (state.os) {
      var os = t.open_source === true ? "yes" : t.open_source === false ? "no" : "unknown";
      if (os !== state.os) {
        return false;
      }
    }
    if (state.st && t._st !== state.st) {
      return false;
    }
    if (state.year && t._year !== state.year) {
      return false;
    }
    if (state.ch) {
      var ch = t.changes || [];
      if (state.ch === "any" ? !ch.length : ch.indexOf(state.ch) < 0) {
        return false;
      }
    }
    return true;
  }

  var hits = [];
  var shown = 0;
  function filter() {
    var words = fold(state.q).split(/\s+/).filter(Boolean);
    hits = [];
    for (var i = 0; i < tools.length; i++) {
      if (matches(i, words)) {
        hits.push(i);
      }
    }
    if (state.sort === "newest" || state.sort === "oldest") {
      var sign = state.sort === "newest" ? -1 : 1;
      hits.sort(function (a, b) {
        return sign * (tools[a].first - tools[b].first) || a - b;
      });
    }
  }

  function catNames(t) {
    return t.cats.map(function (c) {
      return D.categories[c];
    }).join("; ");
  }

  function row(i) {
    var t = tools[i];
    var li = el("li", "lx-row");
    var b = el("a", "lx-name", t.name || t.id);
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    p.set("tool", t.id);
    b.href = "#" + p.toString();
    b.setAttribute("data-tool", t.id);
    li.appendChild(b);
    var meta = el("span", "lx-meta", catNames(t) + (t.subs && t.subs.length ? " › " + t.subs.join("; ") : ""));
    li.appendChild(meta);
    if (t.description) {
      li.appendChild(el("span", "lx-desc", t.description));
    }
    var facts = el("span", "lx-facts", "first seen " + rel(t.first) + (t.listed ? "" : " · last seen " + rel(t.last)) +
      (t.changes && t.changes.length ? " · " + t.changes.join(", ").replace(/_/g, " ") + " in " + D.release : ""));
    li.appendChild(facts);
    return li;
  }

  // drawList draws the next page of rows; with reset, the list again from
  // its first row, at least rows of them.
  function drawList(reset, rows) {
    var want = shown + PAGE;
    if (reset) {
      list.textContent = "";
      shown = 0;
      want = Math.max(PAGE, rows || 0);
    }
    var frag = document.createDocumentFragment();
    var end = Math.min(hits.length, want);
    for (var k = shown; k < end; k++) {
      frag.appendChild(row(hits[k]));
    }
    list.appendChild(frag);
    shown = end;
    moreBtn.hidden = shown >= hits.length;
    moreBtn.textContent = "Show more (" + (hits.length - shown) + " left)";
    var what = state.listed === "all" ? "ever listed" : state.listed === "gone" ? "no longer listed" : "listed in " + D.release;
    count.textContent = hits.length + (hits.length === 1 ? " tool" : " tools") + " (" + what + ")" +
      (hits.length > shown ? ", showing " + shown : "") +
      (failed ? "; part of the list (" + failed + ") could not be loaded" :
        tools.length < total ? "; loading the list: " + tools.length + " of " + total + " tools" : "");
  }

  function dl(pairs) {
    var d = el("dl", "lx-facts-list");
    pairs.forEach(function (p) {
      if (p[1] === "" || p[1] === undefined || p[1] === null) {
        return;
      }
      d.appendChild(el("dt", null, p[0]));
      var dd = el("dd");
      if (p[1] && p[1].nodeType) {
        dd.appendChild(p[1]);
      } else {
        dd.textContent = String(p[1]);
      }
      d.appendChild(dd);
    });
    return d;
  }

  function drawCard() {
    card.textContent = "";
    var t = null;
    for (var i = 0; i < tools.length && state.tool; i++) {
      if (tools[i].id === state.tool) {
        t = tools[i];
        break;
      }
    }
    if (!t) {
      card.hidden = true;
      return;
    }
    card.hidden = false;
    var close = el("a", "lx-close", "× Close");
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    p.delete("tool");
    close.href = "#" + p.toString();
    close.setAttribute("aria-label", "Close the card");
    card.appendChild(close);
    var h = el("h3", "lx-title", t.name || t.id);
    h.id = "lx-card-title";
    card.setAttribute("aria-labelledby", h.id);
    card.appendChild(h);
    if (t.description) {
      card.appendChild(el("p", "lx-desc", t.description));
    }
    var links = el("p", "lx-links");
    if (safeURL(t.homepage)) {
      links.appendChild(link(t.homepage, "Homepage"));
    }
    if (safeURL(t.repo)) {
      if (links.childNodes.length) {
        links.appendChild(document.createTextNode(" · "));
      }
      links.appendChild(link(t.repo, "Repository"));
    }
    if (links.childNodes.length) {
      card.appendChild(links);
    }
    var status = t.status || "";
    (t.events || []).forEach(function (e) {
      // [release, kind, detail]
      if (e[1] === "status") {
        status += (status ? "; " : "") + "changed in " + D.releases[e[0]] + ": " + e[2];
      }
    });
    card.appendChild(dl([
      ["Category", catNames(t) + (t.subs && t.subs.length ? " › " + t.subs.join("; ") : "")],
      ["Organisation", t.org || ""],
      ["Launched", t.launched || ""],
      ["Licence", t.license || ""],
      ["Open source", t.open_source === true ? "yes" : t.open_source === false ? "no" : ""],
      ["Status", status],
      ["First seen", rel(t.first)],
      ["Last seen", t.listed ? rel(t.last) + " (listed now)" : rel(t.last)],
      ["In " + D.release, (t.changes || []).join(", ").replace(/_/g, " ")],
      ["Tool id", t.id],
    ]));
    card.appendChild(el("h4", null, "History, release by release"));
    var wrap = el("div", "lx-scroll");
    var tbl = el("table", "lx-history");
    var head = el("tr");
    ["Releases", "Name", "Category", "Repository", "Joined by", "Source"].forEach(function (c) {
      head.appendChild(el("th", null, c));
    });
    var thead = el("thead");
    thead.appendChild(head);
    tbl.appendChild(thead);
    var body = el("tbody");
    (t.stays || []).forEach(function (s) {
      // [first, last, releases, name, category, subcategory, repository, joined by, line, last line]
      var tr = el("tr");
      var span = s[2] > 1 ? D.releases[s[0]] + " … " + D.releases[s[1]] + " (" + s[2] + " releases)" : D.releases[s[0]];
      var cat = s[4] + (s[5] ? " › " + s[5] : "");
      var src = D.files[s[0]] + ":" + s[8] + (s[2] > 1 ? " … " + D.files[s[1]] + ":" + s[9] : "");
      [span, s[3] || t.name, cat, s[6] || t.repo || t.homepage || "", s[7], src].forEach(function (c) {
        tr.appendChild(el("td", null, c));
      });
      body.appendChild(tr);
    });
    tbl.appendChild(body);
    wrap.appendChild(tbl);
    card.appendChild(wrap);
    if (t.events && t.events.length) {
      card.appendChild(el("h4", null, "Events"));
      var ul = el("ul", "lx-events");
      t.events.forEach(function (e) {
        ul.appendChild(el("li", null, D.releases[e[0]] + " " + String(e[1]).replace(/_/g, " ") + (e[2] ? ": " + e[2] : "")));
      });
      card.appendChild(ul);
    }
    var share = el("p", "lx-share");
    var a = el("a", null, "Link to this card");
    var sp = new URLSearchParams();
    sp.set("tool", t.id);
    a.href = "#" + sp.toString();
    share.appendChild(a);
    card.appendChild(share);
  }

  function syncControls() {
    if (document.activeElement !== q) {
      q.value = state.q || "";
    }
    sCat.value = state.cat || "";
    subOptions();
    sSub.value = state.sub || "";
    sLic.value = state.lic || "";
    sOS.value = state.os || "";
    sSt.value = state.st || "";
    sYear.value = state.year || "";
    sCh.value = state.ch || "";
    sListed.value = state.listed || "";
    sSort.value = state.sort || "";
  }

  var lastKey = null;
  function update(push) {
    FIELDS.concat(["tool"]).forEach(function (f) {
      state[f] = state[f] || "";
    });
    if (push) {
      writeHash();
    }
    syncControls();
    var key = FIELDS.map(function (f) {
      return state[f];
    }).join("\u0001");
    if (key !== lastKey) {
      filter();
      drawList(true);
      lastKey = key;
    }
    var had = !card.hidden && card.getAttribute("data-tool");
    drawCard();
    card.setAttribute("data-tool", state.tool);
    if (state.tool && had !== state.tool && !card.hidden) {
      card.scrollIntoView({ block: "start" });
      card.focus({ preventScroll: true });
    }
  }

  moreBtn.addEventListener("click", function () {
    drawList(false);
  });

  // The other parts of the list, one after another: each part's tools are
  // indexed, the filters' choices completed, and the list drawn again with
  // as many rows as were shown (the card too, when it names a tool of the
  // part). The tools keep their order, so rows already drawn stay in place.
  window.LANDSCAPE_TOOLS_PART = function (n, part) {
    var from = tools.length;
    for (var i = 0; i < part.length; i++) {
      tools.push(part[i]);
    }
    index(from);
  };
  function loaded() {
    var keep = [[sLic, licOptions()], [sSt, stOptions()], [sYear, yearOptions()]];
    keep.forEach(function (k) {
      setOptions(k[0], k[1]);
    });
    syncControls();
    filter();
    drawList(true, shown);
    if (state.tool && card.hidden) {
      update(false);
    }
  }
  function loadNext() {
    if (!pending.length) {
      root.setAttribute("data-explorer-loaded", String(tools.length));
      return;
    }
    var src = pending.shift();
    var s = document.createElement("script");
    s.src = src;
    s.onload = function () {
      loaded();
      setTimeout(loadNext, 0);
    };
    s.onerror = function () {
      failed = src;
      pending = [];
      drawList(true, shown);
      root.setAttribute("data-explorer-loaded", String(tools.length));
    };
    document.body.appendChild(s);
  }
  window.addEventListener("hashchange", function () {
    state = readHash();
    update(false);
  });
  state = readHash();
  if (["cat", "sub", "lic", "os", "st", "year", "ch", "listed", "sort"].some(function (f) {
    return state[f];
  })) {
    filters.open = true;
  }
  update(false);
  root.setAttribute("data-explorer-ready", String(tools.length));
  if (window.performance && performance.mark) {
    performance.mark("landscape-explorer-ready"); // first render, for benchmarks
  }
  // The other parts load after the page's load event (a script added
  // before it would hold the event back until the last part is in).
  if (document.readyState === "complete") {
    setTimeout(loadNext, 0);
  } else {
    window.addEventListener("load", function () {
      setTimeout(loadNext, 0);
    });
  }
})();
