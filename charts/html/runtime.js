// landscape chart runtime (charts/html). Fixed code: chart data only ever
// arrives as the JSON option and is HTML-escaped by esc() before it is put
// into tooltip markup; links are emitted for http(s) URLs only.
function landscapeChart(args, option) {
  var id = args[0], kind = args[1], theme = args[2];
  var el = document.getElementById(id);
  if (!el) {
    return;
  }
  if (typeof echarts === "undefined") {
    el.textContent = "The chart library (ECharts) could not be loaded.";
    return;
  }

  var ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;", "`": "&#96;" };
  function esc(s) {
    return String(s === undefined || s === null ? "" : s).replace(/[&<>"'`]/g, function (c) {
      return ESC[c];
    });
  }
  function safeURL(u) {
    u = String(u === undefined || u === null ? "" : u).trim();
    return /^https?:\/\/[^\s"'<>`\\]+$/i.test(u) ? u : "";
  }
  function safeColor(c) {
    return typeof c === "string" && /^#[0-9a-fA-F]{6}$/.test(c) ? c : "#999999";
  }
  function cut(s, n) {
    s = String(s === undefined || s === null ? "" : s);
    return s.length > n ? s.slice(0, n - 1) + "\u2026" : s;
  }
  function fmtNum(v) {
    var n = Number(v);
    if (!isFinite(n)) {
      n = 0;
    }
    return n.toLocaleString("en-US", { maximumFractionDigits: 2 });
  }
  function fmtPct(v, signed) {
    var n = Math.round(Number(v) * 100);
    if (!isFinite(n)) {
      n = 0;
    }
    return (signed && n > 0 ? "+" : "") + n + "%";
  }
  function marker(c) {
    return "<span style=\"display:inline-block;margin-right:5px;border-radius:5px;width:10px;height:10px;background-color:" +
      safeColor(c) + "\"></span>";
  }
  function wrap(h) {
    return "<div style=\"max-width:360px;white-space:normal;word-wrap:break-word\">" + h + "</div>";
  }
  function plural(n, one, many) {
    return fmtNum(n) + " " + (Number(n) === 1 ? one : many);
  }

  var FNS = {
    // sunburst and treemap: name, path, size, growth, description, link
    treeTip: function (p) {
      var d = (p && p.data) || {};
      var h = "";
      var path = [];
      var info = (p && p.treePathInfo) || [];
      for (var i = 1; i < info.length - 1; i++) {
        path.push(esc(info[i].name));
      }
      if (path.length) {
        h += "<span style=\"opacity:0.7\">" + path.join(" \u203a ") + "</span><br>";
      }
      h += "<b>" + esc(d.name) + "</b>";
      if (d.children && d.children.length) {
        h += "<br>" + plural(p.value, "tool", "tools");
      }
      if (typeof d.growth === "number") {
        h += "<br>growth: " + fmtPct(d.growth, true);
      }
      if (d.description) {
        h += "<br>" + esc(cut(d.description, 300));
      }
      var u = safeURL(d.url);
      if (u) {
        h += "<br><a href=\"" + esc(u) + "\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">" + esc(cut(u, 70)) + "</a>";
      }
      return wrap(h);
    },
    // line and bar charts over a category axis
    axisTip: function (ps) {
      ps = [].concat(ps || []);
      if (!ps.length) {
        return "";
      }
      var h = "<b>" + esc(ps[0].axisValueLabel) + "</b>";
      for (var i = 0; i < ps.length; i++) {
        h += "<br>" + marker(ps[i].color) + esc(ps[i].seriesName) + ": <b>" + fmtNum(ps[i].value) + "</b>";
      }
      return wrap(h);
    },
    // churn: added and removed (stored negative) per category
    churnTip: function (ps) {
      ps = [].concat(ps || []);
      if (!ps.length) {
        return "";
      }
      var h = "<b>" + esc(ps[0].axisValueLabel) + "</b>";
      for (var i = 0; i < ps.length; i++) {
        h += "<br>" + marker(ps[i].color) + esc(ps[i].seriesName) + ": <b>" + fmtNum(Math.abs(Number(ps[i].value))) + "</b>";
      }
      return wrap(h);
    },
    // sankey: a link or a node
    flowTip: function (p) {
      var d = (p && p.data) || {};
      if (p && p.dataType === "edge") {
        return wrap(esc(d.fromName) + " \u2192 " + esc(d.toName) + ": <b>" + plural(d.value, "tool", "tools") + "</b>");
      }
      return wrap("<b>" + esc(d.name) + "</b><br>" + plural(p && p.value, "tool", "tools"));
    },
    // survival: [time, probability] points on a value axis
    survivalTip: function (ps) {
      ps = [].concat(ps || []);
      if (!ps.length) {
        return "";
      }
      var h = "<b>after " + plural(ps[0].axisValue, "release", "releases") + "</b>";
      for (var i = 0; i < ps.length; i++) {
        var v = ps[i].value;
        h += "<br>" + marker(ps[i].color) + esc(ps[i].seriesName) + ": <b>" + fmtPct(v && v.length > 1 ? v[1] : v, false) + "</b>";
      }
      return wrap(h);
    },
    // Item tooltips are enterable (to click the link), so keep them off the
    // pointer: beside it, flipped left/up where the chart ends.
    tipPosition: function (pt, params, dom, rect, size) {
      var w = size.contentSize[0], h = size.contentSize[1];
      var vw = size.viewSize[0], vh = size.viewSize[1], gap = 16;
      var x = pt[0] + gap, y = pt[1] + gap;
      if (x + w > vw && pt[0] - gap - w >= 0) {
        x = pt[0] - gap - w;
      }
      if (y + h > vh) {
        y = Math.max(0, pt[1] - gap - h);
      }
      return [x, y];
    },
    // a label drawn on the canvas (never parsed as HTML)
    nameLabel: function (p) {
      var d = (p && p.data) || {};
      return String(d.name === undefined || d.name === null ? "" : d.name);
    },
    absNum: function (v) {
      return fmtNum(Math.abs(Number(v)));
    },
    absLabel: function (p) {
      var v = Math.abs(Number(p && p.value));
      return v ? fmtNum(v) : "";
    },
    pctAxis: function (v) {
      return fmtPct(v, false);
    },
    growthAxis: function (v) {
      return fmtPct(v, true);
    }
  };

  // Put the whitelisted functions where the option asks for them.
  var refs = option.__lcFns || [];
  delete option.__lcFns;
  for (var r = 0; r < refs.length; r++) {
    var path = refs[r].path, fn = refs[r].fn;
    if (!Object.prototype.hasOwnProperty.call(FNS, fn) || !path || !path.length) {
      continue;
    }
    var o = option;
    for (var k = 0; k < path.length - 1; k++) {
      var key = path[k];
      if (key === "__proto__" || key === "constructor" || key === "prototype") {
        o = null;
        break;
      }
      if (o[key] === undefined || o[key] === null || typeof o[key] !== "object") {
        o[key] = {};
      }
      o = o[key];
    }
    var last = path[path.length - 1];
    if (o && last !== "__proto__" && last !== "constructor" && last !== "prototype") {
      o[last] = FNS[fn];
    }
  }

  var chart = echarts.init(el, theme === "dark" ? "dark" : null, { renderer: "canvas" });
  chart.setOption(option);
  window.addEventListener("resize", function () {
    chart.resize();
  });
  el.setAttribute("data-landscape-ready", kind);
}
