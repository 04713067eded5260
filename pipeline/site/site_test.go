package site_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/read"
	"github.com/landscapehq/landscape/pipeline/run"
	"github.com/landscapehq/landscape/pipeline/site"
)

func load(t *testing.T, dir string) *analyze.Result {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
	res, err := run.Load(mem, dir, read.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		res.Release()
		mem.AssertSize(t, 0)
	})
	return res
}

// TestToolsOf checks the explorer's data of the bundled catalog against
// what the catalog says and against explain (analyze.Explain + Stays): every
// tool's history row by row.
func TestToolsOf(t *testing.T) {
	res := load(t, "../../snapshots/mlops")
	d := site.ToolsOf(res)
	if d.Release != "2026-06-30" || d.Previous != "2025-12-31" || len(d.Releases) != 15 || len(d.Files) != 15 {
		t.Fatalf("releases: %s after %s, %d, files %v", d.Release, d.Previous, len(d.Releases), d.Files)
	}
	if len(d.Tools) != len(res.Tools) {
		t.Errorf("%d tools, the history has %d", len(d.Tools), len(res.Tools))
	}
	listed := 0
	byName := map[string]site.Tool{}
	for _, tl := range d.Tools {
		byName[tl.Name] = tl
		if tl.Listed {
			listed++
		}
	}
	if want := res.Growth.Releases[res.Latest()].Tools; listed != want {
		t.Errorf("%d tools listed now, the release has %d", listed, want)
	}
	// 2026-06-30.yaml: Pachyderm, acquired by HPE in 2023, listed since the
	// first release.
	p, ok := byName["Pachyderm"]
	if !ok {
		t.Fatal("no Pachyderm")
	}
	// Its launch date is the one its newest listing gives (the master
	// list's research may refine it).
	launched := ""
	ids, dates := catalog.Strings(res.History.Record.Column(catalog.ColToolID)), catalog.Strings(res.History.Record.Column(catalog.ColLaunched))
	for i, id := range ids {
		if id == p.ID {
			launched = dates[i]
		}
	}
	if launched == "" || p.Launched != launched {
		t.Errorf("Pachyderm launched %q, its newest listing says %q", p.Launched, launched)
	}
	if p.Status != "acquired by HPE in 2023" || p.First != 0 || p.Last != 14 || !p.Listed ||
		p.OpenSource == nil || !*p.OpenSource || p.Org != "pachyderm" || p.Repo != "https://github.com/pachyderm/pachyderm" ||
		p.Description != "Data versioning with data-driven pipelines on Kubernetes." || len(p.Subs) != 1 || p.Subs[0] != "Data management & versioning" {
		t.Errorf("Pachyderm: %+v", p)
	}
	var status []site.Event
	for _, e := range p.Events {
		if e.Kind == analyze.EventStatus {
			status = append(status, e)
		}
	}
	if len(status) != 1 || d.Releases[status[0].Release] != "2023-06-30" || !strings.Contains(status[0].Detail, "acquired by HPE in 2023") {
		t.Errorf("Pachyderm's status events: %+v", status)
	}
	// A tool's history is explain's, stay by stay (every ninth tool, and
	// those with more than one stay or an event: explain reads the whole
	// history per query).
	pos := map[string]int{}
	for i, r := range res.Releases {
		pos[r.ID] = i
	}
	checked := 0
	for i, tl := range d.Tools {
		if i%9 != 0 && len(tl.Stays) < 3 && tl.Name != "Pachyderm" {
			continue
		}
		checked++
		hs := analyze.Explain(res, tl.ID)
		var h *analyze.ToolHistory
		for i := range hs {
			if hs[i].ToolID == tl.ID {
				h = &hs[i]
			}
		}
		if h == nil {
			t.Fatalf("%s: explain finds nothing", tl.ID)
		}
		stays := analyze.Stays(h.Appearances, pos)
		if len(stays) != len(tl.Stays) {
			t.Fatalf("%s: %d stays, explain has %d", tl.ID, len(tl.Stays), len(stays))
		}
		for i, s := range stays {
			got := tl.Stays[i]
			name := got.Name
			if name == "" {
				name = tl.Name
			}
			if got.First != pos[s.First.Release] || got.Last != pos[s.Last.Release] || got.Releases != s.Releases ||
				name != s.First.Name || got.Category != s.First.Category || got.JoinedBy != s.First.JoinedBy ||
				got.Line != s.First.Line || got.LastLine != s.Last.Line || d.Files[got.First] != s.First.File {
				t.Errorf("%s stay %d: %+v, explain %+v", tl.ID, i, got, s)
			}
		}
		if len(tl.Events) != len(h.Events) {
			t.Errorf("%s: %d events, explain has %d", tl.ID, len(tl.Events), len(h.Events))
		}
	}
	if checked < 50 {
		t.Errorf("only %d tools checked against explain", checked)
	}
}

// TestToolsScripts: catalog text in tools.js and its parts can close no
// script element and open no markup; the parts hold every tool once, in
// order, each within its size (or a single tool).
func TestToolsScripts(t *testing.T) {
	hostile := site.Tool{
		ID: "<!--", Name: "<img src=x onerror=window.__pwned=1>", Description: "a\u2028b & c",
		Stays: []site.Stay{{Name: "</script>"}}, Events: []site.Event{{Detail: "<svg onload=1>"}},
	}
	d := &site.Data{Catalog: "x</script><script>window.__pwned=1</script>"}
	for i := range 40 {
		tl := hostile
		tl.ID = fmt.Sprintf("%s%02d", hostile.ID, i)
		d.Tools = append(d.Tools, tl)
	}
	for _, partBytes := range []int{1 << 20, 1000, 1} {
		files := map[string][]byte{}
		var order []string
		if err := site.ToolsScripts(d, partBytes, func(name string, data []byte) {
			files[name] = data
			order = append(order, name)
		}); err != nil {
			t.Fatal(err)
		}
		js := files[site.ToolsJS]
		body := js[bytes.IndexByte(js, '{'):bytes.LastIndexByte(js, ';')]
		var head struct {
			Catalog string   `json:"catalog"`
			Total   int      `json:"total"`
			Parts   []string `json:"parts"`
			Tools   []struct {
				ID    string  `json:"id"`
				Name  string  `json:"name"`
				Stays [][]any `json:"stays"`
			} `json:"tools"`
		}
		if err := json.Unmarshal(body, &head); err != nil {
			t.Fatal(err)
		}
		if head.Catalog != d.Catalog || head.Total != len(d.Tools) || head.Tools[0].Name != hostile.Name || head.Tools[0].Stays[0][3] != "</script>" {
			t.Errorf("tools.js does not give the text back: %+v", head)
		}
		if len(order) != len(head.Parts)+1 || order[len(order)-1] != site.ToolsJS || len(files) != len(order) {
			t.Errorf("part %d: files %v, parts %v", partBytes, order, head.Parts)
		}
		ids := []string{}
		for _, tl := range head.Tools {
			ids = append(ids, tl.ID)
		}
		for n, name := range head.Parts {
			if name != fmt.Sprintf("tools/%d.js", n+2) {
				t.Errorf("part %d is %s", n+2, name)
			}
			js := files[name]
			pre := fmt.Sprintf("window.LANDSCAPE_TOOLS_PART(%d, ", n+2)
			at := bytes.Index(js, []byte(pre))
			if at < 0 || !bytes.HasSuffix(js, []byte(");\n")) {
				t.Fatalf("%s: %s", name, js)
			}
			var part []struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal(js[at+len(pre):len(js)-3], &part); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, tl := range part {
				ids = append(ids, tl.ID)
			}
			if len(part) > 1 && len(js) > partBytes+200 {
				t.Errorf("%s: %d bytes, over the part size %d", name, len(js), partBytes)
			}
		}
		for name, data := range files {
			body := data[bytes.IndexByte(data, '\n')+1:]
			if bytes.ContainsAny(body, "<>&") || bytes.Contains(body, []byte("\u2028")) {
				t.Errorf("%s holds markup characters unescaped: %s", name, body)
			}
		}
		if len(ids) != len(d.Tools) {
			t.Fatalf("part size %d: %d tools, want %d", partBytes, len(ids), len(d.Tools))
		}
		for i, id := range ids {
			if id != d.Tools[i].ID {
				t.Errorf("part size %d: tool %d is %s, want %s", partBytes, i, id, d.Tools[i].ID)
			}
		}
		if partBytes == 1 && len(head.Parts) != len(d.Tools)-1 {
			t.Errorf("a byte per part: %d parts", len(head.Parts)+1)
		}
		if partBytes == 1<<20 && len(head.Parts) != 0 {
			t.Errorf("1 MiB per part: %d parts", len(head.Parts)+1)
		}
	}
}

func TestArchiveGroups(t *testing.T) {
	mk := func(ids []string, dates []time.Time) *analyze.Result {
		res := &analyze.Result{}
		for i, id := range ids {
			res.Releases = append(res.Releases, catalog.Release{ID: id, Date: dates[i]})
		}
		return res
	}
	day := func(i int) time.Time { return time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i) }
	t.Run("release by release", func(t *testing.T) {
		ids := []string{"2024-01-31", "r2 </script>", "../x", "2024-01-31"}
		dates := []time.Time{day(0), day(10), day(20), day(30)}
		gs := site.ArchiveGroups(mk(ids, dates))
		if len(gs) != 4 {
			t.Fatalf("%d groups", len(gs))
		}
		seen := map[string]bool{}
		for i, g := range gs {
			if g.First != i || g.Last != i || g.Prev != i-1 || g.Label != ids[i] {
				t.Errorf("group %d: %+v", i, g)
			}
			if !regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*\.html$`).MatchString(g.File) || strings.Contains(g.File, "..") || seen[g.File] {
				t.Errorf("group %d: file %q", i, g.File)
			}
			seen[g.File] = true
		}
	})
	t.Run("a long daily history by quarter", func(t *testing.T) {
		var ids []string
		var dates []time.Time
		for i := 0; i < 1000; i++ {
			ids = append(ids, day(i).Format("2006-01-02"))
			dates = append(dates, day(i))
		}
		gs := site.ArchiveGroups(mk(ids, dates))
		if len(gs) != 11 || gs[0].Label != "2020-Q1" || gs[0].File != "2020-q1.html" || gs[0].Prev != -1 {
			t.Fatalf("%d groups, first %+v", len(gs), gs[0])
		}
		for i := 1; i < len(gs); i++ {
			if gs[i].First != gs[i-1].Last+1 || gs[i].Prev != gs[i-1].Last {
				t.Errorf("group %d does not follow %d: %+v %+v", i, i-1, gs[i-1], gs[i])
			}
		}
		if gs[len(gs)-1].Last != 999 {
			t.Errorf("last group ends at %d", gs[len(gs)-1].Last)
		}
	})
}

func TestRenderMarkdown(t *testing.T) {
	got, err := site.RenderMarkdown([]byte("# mlops — release 1\n\n## Added\n\n| a | b |\n|---|---|\n| <script>window.__pwned=1</script> | [x](javascript:alert(1)) |\n\n<img src=x onerror=alert(1)>\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	for _, want := range []string{"<h2>mlops — release 1</h2>", "<h3>Added</h3>", "<table>"} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q in %s", want, s)
		}
	}
	for _, bad := range []string{"<script", "javascript:", "<img", "<h1"} {
		if strings.Contains(s, bad) {
			t.Errorf("%q in %s", bad, s)
		}
	}
}

// TestWrite: the site of the bundled catalog, written twice, is the same
// bytes, with every page the index links to.
func TestWrite(t *testing.T) {
	res := load(t, "../../snapshots/mlops")
	write := func() map[string][]byte {
		files := map[string][]byte{}
		err := site.Write(func(name string, data []byte) { files[name] = append([]byte(nil), data...) }, res,
			site.Options{Report: []byte("# mlops\n\ntext\n"), Dataset: "dataset/v1", Parquet: []string{"events.parquet"}})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	a, b := write(), write()
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	for _, name := range []string{"index.html", site.Explorer, site.ToolsJS, site.ExplorerJS, site.SiteCSS} {
		if a[name] == nil {
			t.Errorf("no %s", name)
		}
	}
	archive := 0
	for name := range a {
		if path.Dir(name) == site.ArchiveDir {
			archive++
			if !bytes.Contains(a["index.html"], []byte(`href="`+name+`"`)) {
				t.Errorf("index.html does not link %s", name)
			}
		}
	}
	if archive != 15 {
		t.Errorf("%d archive pages, want one per release (15)", archive)
	}
	idx := string(a["index.html"])
	for _, want := range []string{`href="dataset/v1/DATASET.md"`, `id="explorer"`, `data-landscape-chart="sunburst"`, `id="report"`, "<h2>mlops</h2>"} {
		if !strings.Contains(idx, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	if n := strings.Count(idx, "<h1"); n != 1 {
		t.Errorf("index.html has %d h1", n)
	}
}
