// Package html renders chart-ready data (charts/model) as interactive
// ECharts pages: one self-contained HTML file per chart, or (Options.Snippet)
// a fragment to paste into a blog post.
//
// # Chart kinds
//
//   - Sunburst: category › subcategory › tool; click a sector to zoom in,
//     click the centre to go back up; the tooltip shows a tool's name,
//     description and link.
//   - Treemap: area = tools, colour = Node.Growth; drill down with a
//     breadcrumb.
//   - GrowthArea / GrowthLines: tools per category over releases.
//   - Churn: added vs removed tools per category, diverging bars.
//   - Flows: a sankey of tools moving between categories.
//   - Survival: Kaplan–Meier step lines.
//
// # How untrusted catalog strings are kept harmless
//
// Every string in a model comes from a catalog and is untrusted. go-echarts'
// own renderer writes the option JSON into a <script> element without HTML
// escaping (and with its "__f__" function markers any string could become
// code), so this package uses go-echarts only to build the option structs and
// renders the page itself:
//
//  1. The option (chart.JSON(), plus an overlay for ECharts options
//     go-echarts lacks) is marshalled with encoding/json, which escapes <, >
//     and & as \u003c, \u003e, \u0026 and always escapes U+2028 and U+2029;
//     all other non-ASCII is escaped as well. The result is re-checked
//     (safeJSON) to hold none of those bytes, so it can neither close the
//     <script> element nor open an HTML comment, and it is valid JavaScript
//     (an object literal whose keys all come from this package, never from
//     data). It is only ever data: no go-echarts FuncStr is used and no
//     string from a model is turned into code.
//  2. JavaScript functions (tooltip and label formatters) live in a fixed,
//     embedded runtime (runtime.js). The option names the functions it needs
//     in a reserved top-level key ("__lcFns", written by this package, never
//     from data), and the runtime assigns them from a fixed whitelist.
//  3. The formatters build tooltip HTML only through esc(), which
//     HTML-escapes & < > " ' and `; links are emitted only for http(s) URLs
//     (checked in Go when the option is built and again in the page), so a
//     javascript: URL never becomes an href. Colours are checked against
//     #rrggbb in Go and in the page.
//  4. The page itself is a small fixed html/template: the page title, the
//     element id, sizes and the assets URL go through html/template's
//     contextual escaping (and ids and CSS sizes are validated); only the
//     checked option JSON, the fixed runtime and the vendored ECharts library
//     are inserted verbatim into <script>.
//
// Labels, titles, legends and breadcrumbs are drawn by ECharts on a canvas,
// where text is never parsed as HTML.
//
// go-echarts v2.6.7's opts.TreeMapChart tags LeafDepth "leafDeapth", so the
// treemap sets leafDepth in its overlay too (tested to reach the page).
//
// # Tests
//
// go test ./charts/html/ runs unit, hostile-data, determinism and golden
// tests (testdata/, rewrite with -update) and TestBrowser, which opens the
// pages in headless Chromium via test/browser/check.mjs; it skips without
// node, Chromium and test/browser/node_modules (scripts/setup-test-deps.sh)
// unless LANDSCAPE_BROWSER=1.
//
// # Assets and determinism
//
// ECharts 5.4.3 is vendored (assets/echarts.min.js, Apache-2.0, see
// assets/LICENSE-echarts.txt) and embedded: Options.Assets "inline" (default)
// puts it in the page, "local" references Options.AssetsPath (see
// WriteAssets), "cdn" references the versioned jsDelivr URL with a
// sub-resource-integrity hash of the vendored file. An inline library only
// defines window.echarts if the page has none yet (several inline snippets
// on one page share the first). Element ids are fixed,
// ordering is taken from the model or sorted, and nothing depends on time or
// randomness: rendering the same model twice gives identical bytes.
package html
