package analyze_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/analyze"
)

// tinyTool is one listing of a tiny canonical catalog: "Category/Sub" and
// the tool's fields (extra as key=value pairs).
type tinyTool struct {
	cat, name, home, repo, desc string
	extra                       []string
}

// writeTiny writes one canonical release file per element of rels, dated a
// month apart from 2020-01-31.
func writeTiny(t *testing.T, rels [][]tinyTool) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "tiny")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	dates := []string{"2020-01-31", "2020-02-29", "2020-03-31", "2020-04-30", "2020-05-31", "2020-06-30"}
	for i, tools := range rels {
		var b strings.Builder
		fmt.Fprintf(&b, "release:\n  date: %s\ncategories:\n", dates[i])
		var cats []string
		subs := map[string][]string{}
		byCatSub := map[string][]tinyTool{}
		for _, tl := range tools {
			cat, sub, _ := strings.Cut(tl.cat, "/")
			if !slices.Contains(cats, cat) {
				cats = append(cats, cat)
			}
			if !slices.Contains(subs[cat], sub) {
				subs[cat] = append(subs[cat], sub)
			}
			byCatSub[cat+"/"+sub] = append(byCatSub[cat+"/"+sub], tl)
		}
		for _, cat := range cats {
			fmt.Fprintf(&b, "  - name: %q\n    subcategories:\n", cat)
			for _, sub := range subs[cat] {
				if sub == "" {
					sub = "General"
				}
				fmt.Fprintf(&b, "      - name: %q\n        tools:\n", sub)
				key := cat + "/" + sub
				if sub == "General" {
					key = cat + "/"
				}
				for _, tl := range byCatSub[key] {
					fmt.Fprintf(&b, "          - name: %q\n", tl.name)
					if tl.home != "" {
						fmt.Fprintf(&b, "            homepage_url: %s\n", tl.home)
					}
					if tl.repo != "" {
						fmt.Fprintf(&b, "            repo_url: %s\n", tl.repo)
					}
					if tl.desc != "" {
						fmt.Fprintf(&b, "            description: %q\n", tl.desc)
					}
					if len(tl.extra) > 0 {
						b.WriteString("            extra:\n")
						for _, kv := range tl.extra {
							k, v, _ := strings.Cut(kv, "=")
							fmt.Fprintf(&b, "              %s: %q\n", k, v)
						}
					}
				}
			}
		}
		if err := os.WriteFile(filepath.Join(dir, dates[i]+".yaml"), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestIdentityEvents checks the events of the renames and duplicates that
// identity used to get wrong, end to end, on tiny catalogs: "kind name" per
// event of the newest release (renamed as "renamed old>new").
func TestIdentityEvents(t *testing.T) {
	tests := []struct {
		name string
		rels [][]tinyTool
		want []string
	}{
		{
			name: "member renamed, homepage changed, same logo",
			rels: [][]tinyTool{
				{{cat: "Members", name: "Huawei", home: "https://www.huawei.com/en/", extra: []string{"logo=huawei.svg"}}},
				{{cat: "Members", name: "Huawei Technologies Co., Ltd", home: "https://huawei.com/", extra: []string{"logo=huawei.svg"}}},
			},
			want: []string{"renamed Huawei>Huawei Technologies Co., Ltd"},
		},
		{
			name: "renamed, same logo and crunchbase",
			rels: [][]tinyTool{
				{{cat: "CI/CD", name: "Armory", home: "https://armory.io", extra: []string{"logo=armory.svg", "crunchbase=https://www.crunchbase.com/organization/armory"}}},
				{{cat: "CI/CD", name: "Armory Enterprise", home: "https://armory.io/enterprise/", extra: []string{"logo=armory-enterprise.svg", "crunchbase=https://www.crunchbase.com/organization/armory"}}},
			},
			want: []string{"renamed Armory>Armory Enterprise"},
		},
		{
			name: "same line and description, new name and repository",
			rels: [][]tinyTool{
				{{cat: "BI", name: "Metabase", repo: "https://github.com/metabase/metabase", desc: "Simple BI."},
					{cat: "BI", name: "caravel", repo: "https://github.com/airbnb/caravel", desc: "Caravel is a data exploration platform designed to be visual, intuitive, and interactive."},
					{cat: "BI", name: "Redash", repo: "https://github.com/getredash/redash", desc: "Queries and dashboards."}},
				{{cat: "BI", name: "Metabase", repo: "https://github.com/metabase/metabase", desc: "Simple BI."},
					{cat: "BI", name: "Superset", repo: "https://github.com/airbnb/superset", desc: "Superset is a data exploration platform designed to be visual, intuitive, and interactive."},
					{cat: "BI", name: "Redash", repo: "https://github.com/getredash/redash", desc: "Queries and dashboards."}},
			},
			want: []string{"renamed caravel>Superset", "repo_moved Superset"},
		},
		{
			name: "listed twice with two repositories, then both the same",
			rels: [][]tinyTool{
				{{cat: "Deep learning", name: "MXNet", repo: "https://github.com/dmlc/mxnet"},
					{cat: "Serving", name: "MXNet", repo: "https://github.com/apache/incubator-mxnet"}},
				{{cat: "Deep learning", name: "MXNet", repo: "https://github.com/apache/incubator-mxnet"},
					{cat: "Serving", name: "MXNet", repo: "https://github.com/apache/incubator-mxnet"}},
			},
			want: []string{"repo_moved MXNet"},
		},
		{
			name: "stale name",
			rels: [][]tinyTool{
				{{cat: "R", name: "caret", home: "http://caret.r-forge.r-project.org/"}},
				{{cat: "R", name: "mlr", home: "https://mlr.mlr-org.com"}},
				{{cat: "R", name: "caret", home: "https://topepo.github.io/caret/"}},
				{{cat: "R", name: "caret", home: "https://github.com/topepo/caret"}},
			},
			want: nil,
		},
		{
			name: "a tool replaced by an unlike one stays removed and added",
			rels: [][]tinyTool{
				{{cat: "C", name: "Old", repo: "https://github.com/x/old", desc: "A tracing agent for JVMs."}},
				{{cat: "C", name: "New", repo: "https://github.com/y/new", desc: "Policy engine for clusters."}},
			},
			want: []string{"added New", "removed Old"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			h, tax := analyze.ResolvedHistory(t, mem, writeTiny(t, tt.rels))
			res := analyze.Run(h, tax)
			defer res.Release()
			last := res.Releases[len(res.Releases)-1].ID
			var got []string
			for _, e := range res.Events {
				if e.Release != last {
					continue
				}
				s := e.Kind + " " + e.Name
				if e.Kind == analyze.EventRenamed {
					s = e.Kind + " " + e.FromName + ">" + e.Name
				}
				got = append(got, s)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("events of %s: got %q, want %q", last, got, tt.want)
			}
		})
	}
}
