package export

import (
	"bytes"
	"html/template"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// ReportHTML renders report.md as a page (report.html): CommonMark with
// GFM tables, by goldmark, which leaves raw HTML out (the report escapes
// catalog text for Markdown; nothing in it is markup from a catalog).
//
// The page is a document, not a chart page: it runs no script, and its
// <body> says so (data-landscape-page="document"). The report's figures —
// images of a chart PNG written next to it (a plain local name such as
// movers.png) — carry data-landscape-figure, so a checker tells them from
// an element a catalog could have injected.
func ReportHTML(markdown []byte, title string) ([]byte, error) {
	var body bytes.Buffer
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(figureMarker{}, 500))),
	)
	if err := md.Convert(markdown, &body); err != nil {
		return nil, err
	}
	var page bytes.Buffer
	err := reportPage.Execute(&page, struct {
		Title string
		Body  template.HTML
	}{title, template.HTML(body.String())}) // goldmark's output: escaped text, no raw HTML
	return page.Bytes(), err
}

// figureName is the destination of a report figure: a chart PNG next to
// report.html.
var figureName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*\.png$`)

// figureMarker marks the report's figures with data-landscape-figure.
type figureMarker struct{}

func (figureMarker) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering && figureName.Match(img.Destination) {
			img.SetAttributeString("data-landscape-figure", []byte(""))
		}
		return ast.WalkContinue, nil
	})
}

var reportPage = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:900px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
img{max-width:100%;height:auto;border:1px solid #eee}
table{border-collapse:collapse;margin:0.5em 0;display:block;overflow-x:auto}
td,th{padding:2px 8px;border-bottom:1px solid #eee}
th{text-align:left}
code{font-size:90%}
</style>
</head>
<body data-landscape-page="document">
<nav><a href="index.html">&larr; Overview</a></nav>
{{.Body}}
</body>
</html>
`))
