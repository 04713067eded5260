package html

import (
	"bytes"
	"crypto/sha512"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strings"
)

// EChartsVersion is the vendored ECharts release.
const EChartsVersion = "5.4.3"

// CDNURL is the versioned URL used for Options.Assets "cdn".
const CDNURL = "https://cdn.jsdelivr.net/npm/echarts@" + EChartsVersion + "/dist/echarts.min.js"

var (
	//go:embed assets/echarts.min.js
	echartsJS []byte
	//go:embed assets/LICENSE-echarts.txt
	echartsLicense []byte
	//go:embed runtime.js
	runtimeJS string
)

// CDNIntegrity is the sub-resource-integrity hash (sha384) of the vendored
// echarts.min.js, which is byte-identical to the file at CDNURL.
var CDNIntegrity = func() string {
	h := sha512.Sum384(echartsJS)
	return "sha384-" + base64.StdEncoding.EncodeToString(h[:])
}()

// EChartsJS returns the vendored echarts.min.js.
func EChartsJS() []byte { return append([]byte(nil), echartsJS...) }

// LicenseAssetsPath is the name of ECharts' licence, which goes beside
// echarts.min.js wherever it is copied.
const LicenseAssetsPath = "LICENSE-echarts.txt"

// Asset is a file pages rendered with Options.Assets "local" need beside
// them.
type Asset struct {
	Name string
	Data []byte
}

// AssetFiles gives the files of Options.Assets "local": echarts.min.js and
// its licence (Apache-2.0 asks that the licence go with the copy).
func AssetFiles() []Asset {
	return []Asset{{DefaultAssetsPath, EChartsJS()}, {LicenseAssetsPath, append([]byte(nil), echartsLicense...)}}
}

// page is what the page template is given. Only Library and Script are
// inserted into <script> verbatim: the vendored library and the script
// built by chartScript from the fixed runtime and checked option JSON.
type page struct {
	Title      string
	ID         string
	Kind       string
	Width      string
	Height     string
	Background string
	Snippet    bool
	Assets     string
	Src        string // for local and cdn
	Integrity  string // for cdn
	Library    template.JS
	Script     template.JS
	Back       string
	Fallback   string
	Alt        string
	Empty      bool
}

var pageTemplate = template.Must(template.New("page").Parse(`{{define "page" -}}
{{if .Snippet}}{{template "chart" .}}{{else -}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>html,body{margin:0;padding:0;background:{{.Background}}}</style>
</head>
<body>
{{if .Back}}<nav style="font:15px/1.4 system-ui,sans-serif;padding:6px 12px"><a href="{{.Back}}">&larr; Overview</a></nav>
{{end}}{{template "chart" .}}</body>
</html>
{{end}}{{end}}
{{- define "chart" -}}
{{if eq .Assets "inline"}}<script>if (typeof echarts === "undefined") {
{{.Library}}
}</script>
{{else if eq .Assets "cdn"}}<script src="{{.Src}}" integrity="{{.Integrity}}" crossorigin="anonymous"></script>
{{else if eq .Assets "local"}}<script src="{{.Src}}"></script>
{{end -}}
<div id="{{.ID}}" class="landscape-chart" data-landscape-chart="{{.Kind}}"{{if .Empty}} data-landscape-empty="true"{{end}} role="figure" aria-label="{{.Alt}}" style="width:{{.Width}};height:{{.Height}};max-width:100%">{{if .Fallback}}<noscript><img src="{{.Fallback}}" alt="{{.Alt}}" style="max-width:100%;height:auto"></noscript>{{end}}</div>
<script>{{.Script}}</script>
{{end}}`))

// render writes one chart of the given kind with its option JSON.
func render(w io.Writer, kind, title string, option []byte, o Options) error {
	o, err := o.normalize(kind)
	if err != nil {
		return err
	}
	alt := o.Alt
	if alt == "" {
		alt = title
	}
	script, err := chartScript([]string{o.ID, kind, o.Theme, o.Fallback, alt}, option)
	if err != nil {
		return err
	}
	p := page{
		Title:      title,
		ID:         o.ID,
		Kind:       kind,
		Width:      o.Width,
		Height:     o.Height,
		Background: "#ffffff",
		Snippet:    o.Snippet,
		Assets:     o.Assets,
		Script:     template.JS(script),
		Back:       o.Back,
		Fallback:   o.Fallback,
		Alt:        o.Alt,
		Empty:      o.empty,
	}
	if p.Alt == "" {
		p.Alt = title
	}
	if o.Theme == ThemeDark {
		p.Background = "#100c2a" // ECharts' dark theme background
	}
	switch o.Assets {
	case AssetsInline:
		p.Library = template.JS(echartsJS)
	case AssetsLocal:
		p.Src = o.AssetsPath
	case AssetsCDN:
		p.Src = CDNURL
		p.Integrity = CDNIntegrity
	}
	var buf bytes.Buffer
	if err := pageTemplate.ExecuteTemplate(&buf, "page", p); err != nil {
		return fmt.Errorf("html: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// chartScript is the chart's init script: the fixed runtime, then one call
// with the element id, kind, theme, fallback image and its alt text (all
// validated, JSON-quoted) and the checked option JSON.
func chartScript(a []string, option []byte) (string, error) {
	args, err := safeJSON(a)
	if err != nil {
		return "", err
	}
	var s strings.Builder
	s.WriteString("(function () {\n\"use strict\";\n")
	s.WriteString(runtimeJS)
	s.WriteString("landscapeChart(")
	s.Write(args)
	s.WriteString(",\n")
	s.Write(option)
	s.WriteString(");\n})();\n")
	return s.String(), nil
}

// scriptSafe reports whether s can be put inside a <script> element as is.
func scriptSafe(s []byte) bool {
	l := bytes.ToLower(s)
	return !bytes.Contains(l, []byte("</script")) && !bytes.Contains(l, []byte("<!--")) && !bytes.Contains(l, []byte("<script"))
}

func init() {
	// The vendored library and the runtime go into <script> verbatim.
	if !scriptSafe(echartsJS) || !scriptSafe([]byte(runtimeJS)) {
		panic("charts/html: an embedded script cannot be inlined safely")
	}
}
