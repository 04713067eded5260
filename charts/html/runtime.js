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

  var chart = null;
  // Which ring a sunburst sector is drawn in: the first ring's labels are
  // tangential (rotate: "tangential"), the others radial.
  function rootDepth() {
    try {
      var sm = chart.getModel().getSeriesByIndex(0);
      return sm.getViewRoot().depth;
    } catch (e) {
      return 0;
    }
  }
  function tangentialAt(p) {
    var depth = (p && p.treePathInfo ? p.treePathInfo.length - 1 : 1) - rootDepth();
    return depth <= 1;
  }
  var measure = document.createElement("canvas").getContext("2d");
  // flowShown: whether a sankey node's label has room: in each column,
  // larger nodes first, a label is kept when it is at least a line away
  // from every label kept before it.
  var flowKept = null, flowKey = "";
  function flowShown(p) {
    try {
      var data = chart.getModel().getSeriesByIndex(p.seriesIndex || 0).getData();
      var key = chart.getWidth() + "x" + chart.getHeight() + ":" + data.count();
      if (flowKey !== key) {
        flowKey = key;
        flowKept = {};
        var nodes = [];
        for (var i = 0; i < data.count(); i++) {
          var l = data.getItemLayout(i);
          if (l) {
            nodes.push({ i: i, x: Math.round(l.x), y: l.y + l.dy / 2, dy: l.dy });
          }
        }
        nodes.sort(function (a, b) {
          return b.dy - a.dy || a.i - b.i;
        });
        var kept = [];
        nodes.forEach(function (n) {
          for (var k = 0; k < kept.length; k++) {
            if (kept[k].x === n.x && Math.abs(kept[k].y - n.y) < 14) {
              return;
            }
          }
          kept.push(n);
          flowKept[n.i] = true;
        });
      }
      return !!flowKept[p.dataIndex];
    } catch (e) {
      return true;
    }
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
    // a flat list's category bar: name, tools, description, first tools
    categoryTip: function (p) {
      var d = (p && p.data) || {};
      var h = "<b>" + esc(d.name) + "</b><br>" + plural(d.value, "tool", "tools");
      if (d.description) {
        h += "<br>" + esc(cut(d.description, 300));
      }
      var tools = [].concat(d.tools || []).map(function (t) {
        return esc(cut(t, 40));
      });
      if (tools.length) {
        h += "<br><span style=\"opacity:0.75\">" + tools.join(", ") + (Number(d.more) > 0 ? " and " + fmtNum(d.more) + " more" : "") + "</span>";
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
    // a sunburst ring's label: whole words only, in as many lines as the
    // sector holds; hidden where not even its first word fits ("Vector
    // databases" becomes "Vector...", never "Vector dat...").
    // (An empty label would fall back to the name: a hidden one is " ".)
    wordLabel: function (p) {
      var d = (p && p.data) || {};
      var s = String(d.name === undefined || d.name === null ? "" : d.name).replace(/\s+/g, " ").trim();
      var lay = null;
      try {
        var sm = chart && chart.getModel().getSeriesByIndex(p.seriesIndex || 0);
        lay = sm && sm.getData().getItemLayout(p.dataIndex);
      } catch (e) {
        lay = null;
      }
      var along = 84, lines = 2; // no layout known: about 14 characters, two lines
      if (lay && isFinite(lay.r) && isFinite(lay.r0)) {
        var arc = Math.abs(lay.endAngle - lay.startAngle) * (lay.r + lay.r0) / 2, depth = lay.r - lay.r0;
        var tangential = tangentialAt(p);
        along = (tangential ? arc : depth) - 8;
        lines = Math.min(3, Math.floor(((tangential ? depth : arc) - 2) / 13));
      }
      if (lines < 1 || along < 16) {
        return " ";
      }
      measure.font = "12px sans-serif";
      var fits = function (t) {
        return measure.measureText(t).width <= along;
      };
      var words = s.split(" "), out = [], line = "";
      for (var i = 0; i < words.length; i++) {
        var next = line ? line + " " + words[i] : words[i];
        if (fits(next)) {
          line = next;
          continue;
        }
        if (!line) { // a word longer than the line
          break;
        }
        out.push(line);
        line = "";
        if (out.length === lines) {
          break;
        }
        i--; // the word starts the next line
      }
      var all = i >= words.length;
      if (line && out.length < lines) {
        out.push(line);
      }
      if (!out.length) {
        return " ";
      }
      if (!all) {
        var last = out[out.length - 1].replace(/[,;:&\-\u2013\u2014]+$/, "");
        while (last && !fits(last + "\u2026")) {
          var cutAt = last.lastIndexOf(" ");
          last = cutAt > 0 ? last.slice(0, cutAt) : "";
        }
        if (!last) {
          out.pop();
          if (!out.length) {
            return " ";
          }
          last = out.pop().replace(/[,;:&\-\u2013\u2014]+$/, "");
        } else {
          out.pop();
        }
        out.push(last + "\u2026");
      }
      return out.join("\n");
    },
    // a sankey node's label: its category (the release is in the title)
    // and its tool count, the name shortened to the label's width in whole
    // words; left out where it would overlap a larger node's label
    flowLabel: function (p) {
      var d = (p && p.data) || {};
      var c = d.category === undefined || d.category === null ? d.name : d.category;
      var count = "  " + fmtNum(p && p.value);
      if (!flowShown(p)) {
        return " ";
      }
      var s0 = asList(option.series)[0] || {};
      var width = (s0.label && typeof s0.label.width === "number" ? s0.label.width : 220) - 4;
      measure.font = "12px sans-serif";
      var name = String(c === undefined || c === null ? "" : c);
      if (measure.measureText(name + count).width <= width) {
        return name + count;
      }
      var words = name.split(/\s+/), out = "";
      for (var i = 0; i < words.length; i++) {
        var next = out ? out + " " + words[i] : words[i];
        if (measure.measureText(next + "\u2026" + count).width > width) {
          break;
        }
        out = next;
      }
      return (out ? out.replace(/[,;:&\-\u2013\u2014]+$/, "") : "") + "\u2026" + count;
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
  }), axisLabel: asList(option.yAxis).map(function (a) {
    return a && a.axisLabel && typeof a.axisLabel.width === "number" ? a.axisLabel.width : null;
  }), seriesLabel: asList(option.series).map(function (s) {
    return s && s.label && typeof s.label.width === "number" ? s.label.width : null;
  }) };
  // The sunburst's legend (one row per category: colour, name, tools) and
  // its place: beside the chart where there is room, else under it.
  var legend = null;
  function leafSum(d, depth) {
    if (!d || depth > 32) {
      return 0;
    }
    if (d.children && d.children.length) {
      var n = 0;
      for (var i = 0; i < d.children.length; i++) {
        n += leafSum(d.children[i], depth + 1);
      }
      return n;
    }
    var v = Number(d.value);
    return isFinite(v) && v > 0 ? v : 0;
  }
  function legendItems() {
    var s0 = asList(option.series)[0] || {};
    var colors = asList(option.color);
    return asList(s0.data).map(function (d, i) {
      var c = d && d.itemStyle && d.itemStyle.color;
      return { name: String(d && d.name !== undefined && d.name !== null ? d.name : ""), value: leafSum(d, 0),
        color: safeColor(c || colors[i % Math.max(1, colors.length)]), index: i };
    });
  }
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
    var W = el.clientWidth || 600, H = el.clientHeight || 600;
    // A flat list's bars on a narrow chart: each category's name above its
    // bar, across the whole width, instead of a cut name beside it.
    if (kind === "categories" && !base.narrowDone && narrow) {
      base.narrowDone = true;
      asList(option.yAxis).forEach(function (a) {
        a.axisLabel = a.axisLabel || {};
        a.axisLabel.show = false;
        base.axisLabel = [];
      });
      asList(option.series).forEach(function (s) {
        s.label = { show: true, position: [0, -14], formatter: "{b}  {c}", width: W - 40, overflow: "truncate" };
        s.barMaxWidth = 8;
      });
      if (typeof base.grid[0] === "number") {
        base.grid[0] += 16; // the first name above its bar
      }
    }
    // Category names beside bars take at most a third of a narrow chart.
    asList(option.yAxis).forEach(function (a, k) {
      if (base.axisLabel[k] !== null && base.axisLabel[k] !== undefined) {
        a.axisLabel.width = Math.min(base.axisLabel[k], Math.max(60, Math.round(W * 0.3)));
      }
    });
    asList(option.series).forEach(function (s, k) {
      // a sankey's labels: each side at most half the chart's width
      if (s.type === "sankey" && base.seriesLabel[k] !== null) {
        s.label.width = Math.min(base.seriesLabel[k], Math.max(60, Math.round((W - 80) / 2 - 16)));
      }
    });
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
      if (s.type === "sunburst" && b.center) {
        var cy = Math.round((parseFloat(b.center[1]) / 100) * H + extra / 2);
        legend = null;
        var items = legendItems();
        var r = (parseFloat(asList(s.radius)[1]) / 100 || 0.84) * Math.min(W, H) / 2;
        var top = 62 + extra, row = 18;
        if (items.length > 1 && W / 2 - r >= 190) {
          // beside: a column on the left
          legend = { items: items, x: 12, y: top + 8, cols: 1, colWidth: Math.min(260, W / 2 - r - 28), row: row,
            rows: Math.max(1, Math.floor((H - top - 40) / row)) };
        } else if (items.length > 1) {
          // under: the chart moves up to the title, the legend fills what is left
          cy = Math.round(Math.min(cy, top + r + 8));
          var y0 = cy + r + 14, cols = Math.max(1, Math.floor((W - 24) / 125));
          var rows = Math.min(Math.floor((H - y0 - 26) / 16), Math.ceil(items.length / cols));
          if (rows >= 1) {
            legend = { items: items, x: 12, y: y0, cols: cols, colWidth: (W - 24) / cols, row: 16, rows: rows };
          }
        }
        if (cy !== Math.round((parseFloat(b.center[1]) / 100) * H) || extra) {
          s.center = [b.center[0], cy + "px"];
        } else {
          s.center = b.center;
        }
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

  chart = echarts.init(el, theme === "dark" ? "dark" : null, { renderer: "canvas" });
  fit();
  chart.setOption(option);
  // The sunburst's centre: how many tools the current root holds (the
  // whole catalog, or the category zoomed into); its legend; and, zoomed
  // in, the path back up. Drawn on the chart's canvas beside the option
  // (an option update would reset the zoom); text on a canvas is never
  // parsed as HTML.
  var drawLegend = function () {};
  if (kind === "sunburst" && echarts.graphic && echarts.graphic.Text && echarts.graphic.Group) {
    var ink = theme === "dark" ? "#eeeeee" : "#333333";
    var total = new echarts.graphic.Text({ silent: true, z: 100, style: { text: "", align: "center", verticalAlign: "middle",
      font: "bold 12px sans-serif", lineHeight: 14, fill: ink } });
    var legendGroup = new echarts.graphic.Group({ z: 100 });
    var crumbs = new echarts.graphic.Group({ z: 100 });
    chart.getZr().add(total);
    chart.getZr().add(legendGroup);
    chart.getZr().add(crumbs);
    var series = function () {
      var s = chart.getModel().getSeriesByIndex(0);
      return s && s.getViewRoot ? s : null;
    };
    var goTo = function (node) {
      chart.dispatchAction({ type: "sunburstRootToNode", seriesIndex: 0, targetNode: node });
    };
    drawLegend = function () {
      legendGroup.removeAll();
      el.setAttribute("data-landscape-legend", legend ? String(legend.items.length) : "0");
      if (!legend) {
        return;
      }
      var max = legend.cols * legend.rows, items = legend.items, shown = items.length > max ? max - 1 : items.length;
      var add = function (k, color, text, onclick) {
        var col = Math.floor(k / legend.rows), r = k % legend.rows;
        var x = legend.x + col * legend.colWidth, y = legend.y + r * legend.row;
        if (color) {
          legendGroup.add(new echarts.graphic.Rect({ shape: { x: x, y: y + 2, width: 10, height: 10, r: 2 }, style: { fill: color },
            silent: !onclick, cursor: "pointer", onclick: onclick }));
        }
        legendGroup.add(new echarts.graphic.Text({ x: x + 15, y: y, silent: !onclick, cursor: "pointer", onclick: onclick,
          style: { text: text, font: "12px sans-serif", fill: ink, width: legend.colWidth - 22, overflow: "truncate", ellipsis: "\u2026" } }));
      };
      for (var k = 0; k < shown; k++) {
        (function (it) {
          add(k, it.color, it.name + "  " + fmtNum(it.value), function () {
            var s = series();
            var node = s && s.getData().tree.root.children[it.index];
            if (node) {
              goTo(node);
            }
          });
        })(items[k]);
      }
      if (shown < items.length) {
        add(shown, null, "+ " + plural(items.length - shown, "more category", "more categories"), null);
      }
    };
    var update = function () {
      var s = series();
      if (!s) {
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
      drawCrumbs(s);
    };
    // on every frame too: "finished" never comes while an animation goes on
    chart.on("finished", update);
    chart.on("rendered", update);
    // Breadcrumbs: the way back up from the sector zoomed into; redrawn
    // when the view root changes.
    var drawCrumbs = function (s) {
      var root = s.getViewRoot();
      var path = [];
      for (var n = root; n; n = n.parentNode) {
        path.unshift(n);
      }
      var key = path.map(function (n) { return n.dataIndex; }).join("/") + "@" + chart.getWidth() + "x" + chart.getHeight();
      if (crumbs.__key === key) {
        return;
      }
      crumbs.__key = key;
      crumbs.removeAll();
      el.setAttribute("data-landscape-path", String(path.length - 1));
      if (path.length < 2) {
        return;
      }
      var cx = 12, cy2 = legend && legend.cols > 1 ? legend.y - 18 : chart.getHeight() - 22, maxW = chart.getWidth() - 24;
      measure.font = "12px sans-serif";
      path.forEach(function (node, i) {
        var last = i === path.length - 1;
        var name = i === 0 ? (asList(option.series)[0] || {}).name : node.name;
        var label = (i === 0 ? "\u2190 " : "") + String(name === undefined || name === null || name === "" ? "all" : name);
        var w = Math.min(measure.measureText(label).width, 180);
        if (cx + w > maxW) {
          return;
        }
        crumbs.add(new echarts.graphic.Text({ x: cx, y: cy2, silent: last, cursor: "pointer", onclick: last ? null : function () {
          goTo(node);
        }, style: { text: label, font: (last ? "bold " : "") + "12px sans-serif", fill: last ? ink : "#5470c6",
          width: 180, overflow: "truncate", ellipsis: "\u2026" } }));
        cx += w + 4;
        if (!last) {
          crumbs.add(new echarts.graphic.Text({ x: cx, y: cy2, silent: true, style: { text: "\u203a", font: "12px sans-serif", fill: ink } }));
          cx += 12;
        }
      });
    };
  }
  drawLegend();

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
      chart.resize();
      drawLegend();
      return;
    }
    chart.resize();
  });
  el.setAttribute("data-landscape-ready", kind);
}
