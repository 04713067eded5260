package site

import (
	"crypto/sha256"
	"html/template"
)

// templates are the site's pages. Only Graph, Sunburst, Treemap (markup
// written by charts/html, which escapes its data) and Report (goldmark, raw
// HTML omitted) are inserted as HTML; everything else is escaped.
var templates = template.Must(template.New("site").Funcs(template.FuncMap{
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	},
}).Parse(templateText))

// templateDigest digests the templates, for the keys of archive pages
// (archiveKey): a page drawn by other templates is drawn again.
var templateDigest = sha256.Sum256([]byte(templateText))

// templateText is the text of the templates.
const templateText = `
{{- define "head" -}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<link rel="stylesheet" href="{{.Root}}site.css">
</head>
<body>
<header class="top">
<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="{{.Root}}index.html">{{.Catalog}}</a></li>{{range .Crumbs}}<li>{{if .Href}}<a href="{{.Href}}">{{.Name}}</a>{{else}}<span aria-current="page">{{.Name}}</span>{{end}}</li>{{end}}</ol></nav>
<nav class="links" aria-label="Site"><a href="{{.Root}}index.html">Overview</a> <a href="{{.Root}}explorer.html">Tools</a> <a href="{{.Root}}index.html#archive">Archive</a> <a href="{{.Root}}index.html#report">Report</a> <a href="{{.Root}}index.html#dataset">Dataset</a></nav>
</header>
{{end -}}

{{- define "foot" -}}
<footer><p>Made with <a href="https://github.com/landscapehq/landscape">landscape</a> from the catalog's own release files. <a href="{{.Root}}index.html">Back to the {{.Catalog}} overview</a>.</p></footer>
</body>
</html>
{{end -}}

{{- define "explorer-box" -}}
<div id="explorer" class="explorer" data-catalog="{{.Catalog}}"><p class="lx-loading">Loading the list of tools…</p><noscript><p>The tool explorer needs JavaScript. Every tool is also in the dataset (tools.csv) and in report.md.</p></noscript></div>
{{- end -}}

{{- define "explorer" -}}
{{template "head" .}}<main>
<h1>{{.Catalog}}: every tool</h1>
<p class="lead">{{.Data.Total}} tools ever listed in {{len .Data.Releases}} {{plural (len .Data.Releases) "release" "releases"}}; the newest is {{.Data.Release}}. Search as you type, filter, and open a tool's card for its history release by release. The address bar keeps your search: copy it to share it.</p>
{{template "explorer-box" .}}
</main>
<script src="tools.js"></script>
<script src="explorer.js"></script>
{{template "foot" .}}
{{- end -}}

{{- define "headline" -}}
<p class="headline"><strong>{{.Tools}} tools</strong> in {{.Listings}} listings and {{.Cats}} categories in release {{.Release}}{{if .Date}} ({{.Date}}){{end}}{{if .HasPrevious}}; against {{.Previous}}: <strong>+{{.Added}} added</strong>, {{.Removed}} removed, {{.Moved}} moved between categories (net {{.Net}}){{end}}.</p>
{{- end -}}

{{- define "index" -}}
{{template "head" .}}<script src="echarts.min.js"></script>
<main>
<h1>{{.Catalog}}</h1>
{{template "headline" .Headline}}
<ul class="jump">
<li><a href="#graph">The landscape</a></li>
<li><a href="#tools">Find a tool</a></li>
<li><a href="#archive">Archive</a></li>
<li><a href="#charts">Charts</a></li>
<li><a href="#dataset">Dataset</a></li>
<li><a href="#report">Report</a></li>
</ul>
<section id="graph" aria-labelledby="graph-h">
<h2 id="graph-h">The landscape in {{.Headline.Release}}</h2>
{{if .Flat}}<p>Every category by its number of tools (this catalog has no subcategories); hover a bar for what it covers and its first tools, and find every tool in the <a href="#tools">explorer</a>. Also as a <a href="sunburst.html">full page</a> and a <a href="treemap.html">treemap</a>.</p>
{{else}}<p>Every tool by category and subcategory. Click a category to see its tools, the centre to go back up; hover for descriptions and links. Also as a <a href="sunburst.html">full-page sunburst</a> and a <a href="treemap.html">treemap</a>.</p>
{{end}}
{{.Graph}}
</section>
<section id="tools" aria-labelledby="tools-h">
<h2 id="tools-h">Find a tool</h2>
<p>{{.Tools}} tools ever listed. Also on <a href="explorer.html">a page of its own</a>.</p>
{{template "explorer-box" .}}
</section>
<section id="archive" aria-labelledby="archive-h">
<h2 id="archive-h">Archive</h2>
<p>The analysis of every earlier release: what changed against the one before, with its sunburst and treemap.</p>
{{range .Archive}}<h3>{{.Year}}</h3>
<ul class="archive">{{range .Groups}}<li><a href="archive/{{.File}}">{{.Label}}</a>{{if gt .Releases 1}} <span class="muted">({{.Releases}} releases)</span>{{end}}</li>{{end}}</ul>
{{end}}</section>
<section id="charts" aria-labelledby="charts-h">
<h2 id="charts-h">Charts</h2>
{{range .Charts}}<div class="chart" id="chart-{{.Kind}}">
<h3>{{.Title}}</h3>
<p><a href="{{.Kind}}.html">Interactive chart</a> · <a href="{{.Kind}}.png">PNG</a> · <a href="{{.Kind}}.snippet.html">embed snippet</a></p>
<a href="{{.Kind}}.html"><img src="{{.Kind}}.png" alt="{{.Alt}}" loading="lazy"></a>
<p class="muted">To embed it in a post, paste <a href="{{.Kind}}.snippet.html">{{.Kind}}.snippet.html</a> into the page and put {{.Kind}}.png beside it: the snippet loads ECharts 5.4.3 from a pinned CDN address with an integrity hash, and shows the PNG where scripts or the network are off.</p>
</div>
{{end}}</section>
<section id="dataset" aria-labelledby="dataset-h">
<h2 id="dataset-h">Dataset</h2>
<ul>
{{if .DataCard}}<li><a href="{{.DataCard}}">DATASET.md</a>: the data card of the researcher dataset (<a href="{{.Dataset}}/">{{.Dataset}}</a>: Parquet, CSV and JSON, with a manifest)</li>{{end}}
<li><a href="report.html">report.html</a> (the report below, as a page of its own) · <a href="report.md">report.md</a> (as Markdown) · <a href="summary.json">summary.json</a>{{if .Warnings}} · {{.Warnings}} {{plural .Warnings "warning" "warnings"}} while reading{{end}}</li>
<li>Analysis tables (Parquet): {{range $i, $p := .Parquet}}{{if $i}}, {{end}}<a href="{{$p}}">{{$p}}</a>{{end}}</li>
</ul>
</section>
<section id="report" class="report">
{{.Report}}
</section>
</main>
<script src="tools.js"></script>
<script src="explorer.js"></script>
{{template "foot" .}}
{{- end -}}

{{- define "tools" -}}
{{if .}}<ul class="tools">{{range .}}<li><a href="{{.Href}}">{{.Name}}</a> <span class="muted">{{.Detail}}</span></li>{{end}}</ul>{{end}}
{{- end -}}

{{- define "archive" -}}
{{template "head" .}}<script src="../echarts.min.js"></script>
<main>
<h1>{{.Catalog}}, {{.Group.Label}}</h1>
<nav class="pager" aria-label="Archive">{{if .Prev}}<a rel="prev" href="{{.Prev.File}}">← {{.Prev.Label}}</a>{{end}} <a href="../index.html#archive">All releases</a> {{if .Next}}<a rel="next" href="{{.Next.File}}">{{.Next.Label}} →</a>{{end}}</nav>
{{if gt .Group.Releases 1}}<p>{{.Group.Releases}} releases, {{.FirstRel}} to {{.Latest}}; the page shows {{.Latest}}, and the changes over all of them.</p>{{end}}
{{template "headline" .Headline}}
<h2>Categories</h2>
<div class="scroll"><table>
<thead><tr><th scope="col">category</th><th scope="col">tools</th><th scope="col">before</th><th scope="col">net</th><th scope="col">added</th><th scope="col">removed</th><th scope="col">moved in</th><th scope="col">moved out</th></tr></thead>
<tbody>{{range .Cats}}<tr><td>{{.Name}}</td><td>{{.Tools}}</td><td>{{.Before}}</td><td>{{.Net}}</td><td>{{.Added}}</td><td>{{.Removed}}</td><td>{{.MovedIn}}</td><td>{{.MoveO}}</td></tr>{{end}}</tbody>
</table></div>
<h2>Added ({{len .Added}}{{if .MoreAdded}} of {{len .Added}}+{{.MoreAdded}}{{end}})</h2>
{{template "tools" .Added}}{{if .MoreAdded}}<p class="muted">and {{.MoreAdded}} more: see the dataset's events table.</p>{{end}}
<h2>Removed ({{len .Removed}}{{if .MoreRemoved}} of {{len .Removed}}+{{.MoreRemoved}}{{end}})</h2>
{{template "tools" .Removed}}{{if .MoreRemoved}}<p class="muted">and {{.MoreRemoved}} more: see the dataset's events table.</p>{{end}}
<h2>Moved between categories ({{len .Moved}}{{if .MoreMoved}}+{{.MoreMoved}}{{end}})</h2>
{{template "tools" .Moved}}
<h2>Renamed ({{len .Renamed}}{{if .MoreRenamed}}+{{.MoreRenamed}}{{end}})</h2>
{{template "tools" .Renamed}}
<h2>Sunburst of {{.Latest}}</h2>
{{.Sunburst}}
<h2>Treemap of {{.Latest}}</h2>
{{.Treemap}}
<nav class="pager" aria-label="Archive, again">{{if .Prev}}<a rel="prev" href="{{.Prev.File}}">← {{.Prev.Label}}</a>{{end}} <a href="../index.html#archive">All releases</a> {{if .Next}}<a rel="next" href="{{.Next.File}}">{{.Next.Label}} →</a>{{end}}</nav>
</main>
{{template "foot" .}}
{{- end -}}
`
