package html

import (
	"fmt"
	"hash/fnv"
	"regexp"
	"strings"
)

// Asset modes for Options.Assets.
const (
	AssetsInline = "inline" // the ECharts library is written into the page (default)
	AssetsLocal  = "local"  // the page references Options.AssetsPath (see WriteAssets)
	AssetsCDN    = "cdn"    // the page references the versioned jsDelivr URL with SRI
	AssetsNone   = "none"   // no library element: the page that holds the snippet loads ECharts once
)

// Themes for Options.Theme.
const (
	ThemeLight = "light" // default
	ThemeDark  = "dark"  // ECharts' built-in dark theme
)

// Defaults.
const (
	DefaultAssetsPath = "echarts.min.js"
	DefaultWidth      = "100%"
	DefaultHeight     = "600px"
)

// Options controls how a chart is written. The zero value is a full,
// self-contained page with the library inline, light theme, 100% × 600px.
type Options struct {
	// empty marks a chart drawn without data (a message in its place):
	// the page says so (data-landscape-empty) for readers and checkers.
	empty bool
	// Assets is "inline" (default), "local" or "cdn".
	Assets string
	// AssetsPath is, for "local", the relative URL of echarts.min.js;
	// default "echarts.min.js".
	AssetsPath string
	// Snippet writes only the chart (library <script> per Assets, one
	// <div> and one <script>) for pasting into a post: no <html>/<head>.
	// With several charts on one page prefer Assets "local" or "cdn", so the
	// library is downloaded once; inline snippets define it only if the page
	// has no window.echarts yet.
	Snippet bool
	// ID is the chart element's id ([A-Za-z][A-Za-z0-9_-]*, at most 64
	// characters); default "landscape-" + the chart kind. Never random.
	ID string
	// Title overrides the model's title (chart title and page <title>).
	Title string
	// Width and Height are CSS lengths (e.g. "100%", "600px", "80vh");
	// defaults "100%" and "600px".
	Width, Height string
	// Theme is "light" (default) or "dark".
	Theme string
	// Back is, for a full page, the relative URL of the page it belongs to
	// (e.g. "index.html"): a "← Overview" link above the chart. Default none.
	Back string
	// Fallback is the relative URL of the chart's PNG: shown where scripts
	// are off (<noscript>) or the library cannot load. Default none.
	Fallback string
	// ColorByGrowth colours a treemap by growth since the previous release
	// (a colour bar explains the scale) instead of by category.
	ColorByGrowth bool
	// Alt is the text alternative of the chart: its aria-label and the PNG's
	// alt text; default the title.
	Alt string
}

var (
	idPattern  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,63}$`)
	cssPattern = regexp.MustCompile(`^(0|[0-9]{1,5}(\.[0-9]{1,3})?(px|%|vh|vw|vmin|vmax|em|rem))$`)
)

// normalize fills in defaults and validates the options for a chart kind.
func (o Options) normalize(kind string) (Options, error) {
	if o.Assets == "" {
		o.Assets = AssetsInline
	}
	switch o.Assets {
	case AssetsInline, AssetsLocal, AssetsCDN, AssetsNone:
	default:
		return o, fmt.Errorf("html: unknown assets mode %q (want inline, local, cdn or none)", o.Assets)
	}
	if o.AssetsPath == "" {
		o.AssetsPath = DefaultAssetsPath
	}
	if strings.ContainsAny(o.AssetsPath, " \t\r\n\"'<>`\\") {
		return o, fmt.Errorf("html: invalid assets path %q", o.AssetsPath)
	}
	for _, u := range []string{o.Back, o.Fallback} {
		if strings.ContainsAny(u, " \t\r\n\"'<>`\\") || strings.Contains(u, ":") {
			return o, fmt.Errorf("html: invalid relative URL %q", u)
		}
	}
	if o.ID == "" {
		o.ID = "landscape-" + kind
	}
	if !idPattern.MatchString(o.ID) {
		return o, fmt.Errorf("html: invalid chart id %q (want [A-Za-z][A-Za-z0-9_-]*, at most 64 characters)", o.ID)
	}
	if o.Width == "" {
		o.Width = DefaultWidth
	}
	if o.Height == "" {
		o.Height = DefaultHeight
	}
	for _, v := range []string{o.Width, o.Height} {
		if !cssPattern.MatchString(v) {
			return o, fmt.Errorf("html: invalid CSS size %q (want e.g. 100%%, 600px, 80vh)", v)
		}
	}
	if o.Theme == "" {
		o.Theme = ThemeLight
	}
	switch o.Theme {
	case ThemeLight, ThemeDark:
	default:
		return o, fmt.Errorf("html: unknown theme %q (want light or dark)", o.Theme)
	}
	return o, nil
}

// title is o.Title if set, else the model's title, else fallback.
func (o Options) title(model, fallback string) string {
	if strings.TrimSpace(o.Title) != "" {
		return o.Title
	}
	if strings.TrimSpace(model) != "" {
		return model
	}
	return fallback
}

// ChartID makes a chart element id from parts (catalog, release, kind, …):
// lower-case letters, digits and dashes, starting with "landscape-", at most
// 64 characters (a longer one ends in a hash of the whole). The same parts
// give the same id; different catalogs, releases and kinds, different ids.
func ChartID(parts ...string) string {
	words := []string{"landscape"}
	for _, p := range parts {
		var b strings.Builder
		for _, r := range strings.ToLower(p) {
			if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
				b.WriteRune(r)
			} else if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
		words = append(words, strings.TrimSuffix(b.String(), "-"))
	}
	id := strings.Join(words, "-")
	if len(id) <= 64 {
		return id
	}
	h := fnv.New32a()
	h.Write([]byte(strings.Join(parts, "\x00")))
	return fmt.Sprintf("%s-%08x", strings.TrimRight(id[:55], "-"), h.Sum32())
}
