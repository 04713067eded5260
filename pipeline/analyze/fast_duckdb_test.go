package analyze_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/synth"
)

// duckdbScript returns node and the path of test/duckdb/bench.mjs, or why
// they cannot run (@duckdb/node-api is installed by scripts/setup-duckdb.sh).
func duckdbScript() (node, script string, err error) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "test", "duckdb"))
	if err != nil {
		return "", "", err
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@duckdb", "node-api")); err != nil {
		return "", "", errors.New("@duckdb/node-api is not installed in test/duckdb")
	}
	node, err = exec.LookPath("node")
	if err != nil {
		return "", "", errors.New("node is not on PATH")
	}
	return node, filepath.Join(dir, "bench.mjs"), nil
}

// needDuckDB skips the test when DuckDB cannot run, unless LANDSCAPE_DUCKDB=1
// (then it fails).
func needDuckDB(t testing.TB) (node, script string) {
	t.Helper()
	node, script, err := duckdbScript()
	if err != nil {
		if os.Getenv("LANDSCAPE_DUCKDB") == "1" {
			t.Fatalf("LANDSCAPE_DUCKDB=1 but %v: run bash scripts/setup-duckdb.sh", err)
		}
		t.Skipf("%v: run bash scripts/setup-duckdb.sh (or set LANDSCAPE_DUCKDB=1 to make this a failure)", err)
	}
	return node, script
}

// duckResult is what bench.mjs prints.
type duckResult struct {
	DuckDB  string         `json:"duckdb"`
	Threads int            `json:"threads"`
	Seconds []float64      `json:"seconds"`
	Rows    map[string]int `json:"rows"`
	VmHWMkB int64          `json:"vmhwm_kb"`
	Tables  *struct {
		Releases []struct {
			Release, Date                                               string
			Listings, Tools, Categories, Added, ReAdded, Removed, Moved int
			Net                                                         int
		} `json:"releases"`
		Categories []struct {
			Release, Date, Category                string
			Tools, Listings                        int
			Share                                  float64
			Added, Removed, MovedIn, MovedOut, Net int
		} `json:"categories"`
		Spans []struct {
			ToolID, Category, FirstSeen, LastSeen string
			Releases, Gaps, Duration, Days        int
			Censored                              bool
		} `json:"spans"`
		Curves []struct {
			Group                          string
			Time, AtRisk, Events, Censored int
			Survival                       float64
		} `json:"curves"`
	} `json:"tables"`
}

// UnmarshalJSON maps bench.mjs's snake_case names onto the fields.
func (d *duckResult) UnmarshalJSON(data []byte) error {
	type plain duckResult
	fixed := strings.NewReplacer(`"re_added"`, `"ReAdded"`, `"moved_in"`, `"MovedIn"`, `"moved_out"`, `"MovedOut"`,
		`"tool_id"`, `"ToolID"`, `"first_seen"`, `"FirstSeen"`, `"last_seen"`, `"LastSeen"`, `"at_risk"`, `"AtRisk"`).Replace(string(data))
	return json.Unmarshal([]byte(fixed), (*plain)(d))
}

// runDuckDB runs bench.mjs on files and parses what it prints.
func runDuckDB(node, script string, withTables bool, reps int, files ...string) (*duckResult, error) {
	args := []string{script, "--reps", fmt.Sprint(reps)}
	if withTables {
		args = append(args, "--json")
	}
	cmd := exec.Command(node, append(args, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("bench.mjs: %v: %s", err, stderr.String())
	}
	var r duckResult
	if err := json.Unmarshal(out, &r); err != nil {
		return nil, fmt.Errorf("bench.mjs printed %.200q: %v", out, err)
	}
	return &r, nil
}

// sameAsDuckDB compares the fast path's tables with DuckDB's, row by row.
func sameAsDuckDB(t testing.TB, f *analyze.Fast, d *duckResult) {
	t.Helper()
	const day = "2006-01-02"
	tb := d.Tables
	if len(tb.Releases) != len(f.Releases) {
		t.Fatalf("releases: DuckDB %d rows, fast path %d", len(tb.Releases), len(f.Releases))
	}
	for i, r := range f.Releases {
		g := tb.Releases[i]
		if g.Release != r.Release || g.Date != r.Date.Format(day) || g.Listings != r.Listings || g.Tools != r.Tools ||
			g.Categories != r.Categories || g.Added != r.Added || g.ReAdded != r.ReAdded || g.Removed != r.Removed ||
			g.Moved != r.Moved || g.Net != r.Net {
			t.Fatalf("releases row %d:\nDuckDB %+v\nfast   %+v", i, g, r)
		}
	}
	if len(tb.Categories) != len(f.Categories) {
		t.Fatalf("categories: DuckDB %d rows, fast path %d", len(tb.Categories), len(f.Categories))
	}
	for i, c := range f.Categories {
		g := tb.Categories[i]
		if g.Release != c.Release || g.Date != c.Date.Format(day) || g.Category != c.Category || g.Tools != c.Tools ||
			g.Listings != c.Listings || g.Share != c.Share || g.Added != c.Added || g.Removed != c.Removed ||
			g.MovedIn != c.MovedIn || g.MovedOut != c.MovedOut || g.Net != c.Net {
			t.Fatalf("categories row %d:\nDuckDB %+v\nfast   %+v", i, g, c)
		}
	}
	if len(tb.Spans) != len(f.Survival.Spans) {
		t.Fatalf("spans: DuckDB %d rows, fast path %d", len(tb.Spans), len(f.Survival.Spans))
	}
	for i, s := range f.Survival.Spans {
		g := tb.Spans[i]
		if g.ToolID != s.ToolID || g.Category != s.Category || g.FirstSeen != s.FirstSeen.Format(day) ||
			g.LastSeen != s.LastSeen.Format(day) || g.Releases != s.Releases || g.Gaps != s.Gaps ||
			g.Duration != s.Duration || g.Days != s.Days || g.Censored != s.Censored {
			t.Fatalf("spans row %d:\nDuckDB %+v\nfast   %+v", i, g, s)
		}
	}
	if len(tb.Curves) != len(f.Survival.Curves) {
		t.Fatalf("curves: DuckDB %d rows, fast path %d", len(tb.Curves), len(f.Survival.Curves))
	}
	for i, k := range f.Survival.Curves {
		g := tb.Curves[i]
		// DuckDB's product() window may multiply in another order: the
		// estimate agrees to rounding.
		if g.Group != k.Group || g.Time != k.Time || g.AtRisk != k.AtRisk || g.Events != k.Events || g.Censored != k.Censored ||
			math.Abs(g.Survival-k.Survival) > 1e-12*math.Max(1, math.Abs(k.Survival)) {
			t.Fatalf("curves row %d:\nDuckDB %+v\nfast   %+v", i, g, k)
		}
	}
}

// TestFastEqualsDuckDB compares, row by row, the fast path's tables with
// those DuckDB computes with SQL (test/duckdb/bench.mjs) on the same Parquet
// file: a small file with much churn, and the 1 M-row case.
func TestFastEqualsDuckDB(t *testing.T) {
	node, script := needDuckDB(t)
	cases := []struct {
		name string
		o    synth.Options
	}{{"churny", churny}, {"1M", synth.ForRows(1_000_000, 1)}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "1M" && testing.Short() {
				t.Skip("1 M rows: not with -short")
			}
			var path string
			if c.name == "churny" {
				path = filepath.Join(t.TempDir(), "h.parquet")
				if _, err := synth.WriteParquetFile(path, "synth", c.o); err != nil {
					t.Fatal(err)
				}
			} else {
				path = p2File(t, c.o)
			}
			d, err := runDuckDB(node, script, true, 1, path)
			if err != nil {
				t.Fatal(err)
			}
			f := fastPath(t, path)
			sameAsDuckDB(t, f, d)
			t.Logf("%d rows: %d release rows, %d category rows, %d spans, %d curve points equal DuckDB's",
				f.Rows, len(f.Releases), len(f.Categories), len(f.Survival.Spans), len(f.Survival.Curves))
		})
	}
}
