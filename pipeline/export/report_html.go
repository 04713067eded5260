package export

import (
	"bytes"
	"html/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// ReportHTML renders report.md as a page (report.html): CommonMark with
// GFM tables, by goldmark, which leaves raw HTML out (the report escapes
// catalog text for Markdown; nothing in it is markup from a catalog).
func ReportHTML(markdown []byte, title string) ([]byte, error) {
	var body bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.Table)).Convert(markdown, &body); err != nil {
		return nil, err
	}
	var page bytes.Buffer
	err := reportPage.Execute(&page, struct {
		Title string
		Body  template.HTML
	}{title, template.HTML(body.String())}) // goldmark's output: escaped text, no raw HTML
	return page.Bytes(), err
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
<body>
<nav><a href="index.html">&larr; Overview</a></nav>
{{.Body}}
</body>
</html>
`))
