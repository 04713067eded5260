// landscape chart runtime (charts/html). Fixed code: chart data only ever
// arrives as the JSON option and is HTML-escaped by esc() before it is put
// into tooltip markup; links are emitted for http(s) URLs only.
function landscapeChart(args, option) {
  var id = args[0], kind = args[1], theme = args[2], fallback = args[3], alt = args[4];
  var el = document.getElementById(id);
  if (!el) {
    return;
  }
  if (typeof echarts === "undefined") {
    // No library (offline, blocked): the chart's PNG where there is one.
    el.textContent = "";
    if (fallback) {
      var img = document.createElement("img");
      img.src = fallback;
      img.alt = alt || "";
      img.style.maxWidth = "100%";
      img.style.height = "auto";
      el.style.height = "auto";
      el.appendChild(img);
    } else {
      el.textContent = "The chart library (ECharts) could not be loaded.";
    }
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
    // a sunburst ring's label: whole words only, at most about 15
    // characters ("Vector databases" becomes "Vector...", never "Vector dat...")
    wordLabel: function (p) {
      var d = (p && p.data) || {};
      var s = String(d.name === undefined || d.name === null ? "" : d.name);
      if (s.length <= 15) {
        return s;
      }
      var words = s.split(/\s+/), out = "";
      for (var i = 0; i < words.length; i++) {
        var next = out ? out + " " + words[i] : words[i];
        if (next.length > 14) {
          break;
        }
        out = next;
      }
      return (out || words[0].slice(0, 14)).replace(/[,;:&\-\u2013\u2014]+$/, "") + "\u2026";
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

  // Titles wrap to the chart's width (never clipped on a phone), and what
  // sits below them moves down by the lines they gained.
  var measure = document.createElement("canvas").getContext("2d");
  function lines(text, font, width) {
    var n = 0;
    var parts = String(text === undefined || text === null ? "" : text).split("\n");
    for (var i = 0; i < parts.length; i++) {
      measure.font = font;
      var words = parts[i].split(/\s+/), line = "";
      n++;
      for (var j = 0; j < words.length; j++) {
        var next = line ? line + " " + words[j] : words[j];
        if (line && measure.measureText(next).width > width) {
          n++;
          line = words[j];
        } else {
          line = next;
        }
      }
    }
    return n;
  }
  function asList(v) {
    return v === undefined || v === null ? [] : [].concat(v);
  }
  function px(v) {
    return typeof v === "string" && /^[0-9]+$/.test(v) ? Number(v) : v;
  }
  var base = { grid: asList(option.grid).map(function (g) {
    return px(g.top);
  }), series: asList(option.series).map(function (s) {
    return { top: px(s.top), center: s.center };
  }), visualMap: asList(option.visualMap).map(function (v) {
    return { top: px(v.top), right: v.right, left: v.left };
  }) };
  function fit() {
    var w = Math.max(120, (el.clientWidth || 600) - 24);
    var extra = 0;
    var titles = asList(option.title);
    for (var i = 0; i < titles.length; i++) {
      var t = titles[i];
      t.textStyle = t.textStyle || {};
      t.subtextStyle = t.subtextStyle || {};
      t.textStyle.width = w;
      t.textStyle.overflow = "break";
      t.textStyle.lineHeight = 24;
      t.subtextStyle.width = w;
      t.subtextStyle.overflow = "break";
      t.subtextStyle.lineHeight = 16;
      extra += (lines(t.text, "bold 18px sans-serif", w) - 1) * 24 + (lines(t.subtext, "12px sans-serif", w) - 1) * 16;
    }
    var narrow = (el.clientWidth || 600) < 640;
    asList(option.grid).forEach(function (g, k) {
      if (typeof base.grid[k] === "number") {
        g.top = base.grid[k] + extra;
      }
    });
    asList(option.series).forEach(function (s, k) {
      var b = base.series[k];
      if (typeof b.top === "number") {
        s.top = b.top + extra + (narrow && s.type === "treemap" ? 34 : 0);
      }
      if (s.type === "sunburst" && b.center && extra) {
        var h = el.clientHeight || 600;
        s.center = [b.center[0], Math.round((parseFloat(b.center[1]) / 100) * h + extra / 2) + "px"];
      }
    });
    // On a narrow chart the treemap's colour bar goes under the title.
    asList(option.visualMap).forEach(function (v, k) {
      var b = base.visualMap[k];
      if (typeof b.top === "number") {
        v.top = narrow ? b.top + extra + 48 : b.top;
      }
      if (narrow && b.right !== undefined) {
        v.right = "center";
      } else if (b.right !== undefined) {
        v.right = b.right;
      }
    });
  }

  var chart = echarts.init(el, theme === "dark" ? "dark" : null, { renderer: "canvas" });
  fit();
  chart.setOption(option);
  // The sunburst's centre: how many tools the current root holds (the
  // whole catalog, or the category zoomed into). Drawn on the chart's
  // canvas beside the option (an option update would reset the zoom).
  if (kind === "sunburst" && echarts.graphic && echarts.graphic.Text) {
    var total = new echarts.graphic.Text({ silent: true, z: 100, style: { text: "", align: "center", verticalAlign: "middle",
      font: "bold 12px sans-serif", lineHeight: 14, fill: theme === "dark" ? "#eeeeee" : "#333333" } });
    chart.getZr().add(total);
    chart.on("finished", function () {
      var s = chart.getModel().getSeriesByIndex(0);
      if (!s || !s.getViewRoot) {
        return;
      }
      var root = s.getViewRoot();
      var c = s.get("center") || ["50%", "50%"];
      var at = function (v, size) {
        v = String(v);
        return /%$/.test(v) ? (parseFloat(v) / 100) * size : parseFloat(v);
      };
      var text = fmtNum(root.getValue()) + "\ntools";
      var x = at(c[0], chart.getWidth()), y = at(c[1], chart.getHeight());
      if (total.style.text !== text || total.x !== x || total.y !== y) {
        total.x = x;
        total.y = y;
        total.setStyle("text", text);
        total.dirty();
      }
    });
  }

  var lastWidth = el.clientWidth;
  window.addEventListener("resize", function () {
    if (el.clientWidth !== lastWidth) {
      // only a new width re-fits the titles (a phone's height changes as
      // its address bar hides)
      lastWidth = el.clientWidth;
      fit();
      var t = {};
      ["title", "grid", "visualMap"].forEach(function (k) {
        if (option[k] !== undefined) {
          t[k] = option[k];
        }
      });
      chart.setOption(t);
    }
    chart.resize();
  });
  el.setAttribute("data-landscape-ready", kind);
}
