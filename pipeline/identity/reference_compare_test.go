package identity

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/internal/corpora"
	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/read"
)

// randomRows is a history of small vocabulary, so that keys collide in
// every way: owner moves, shared homepages, names reused after a gap,
// listings twice, tools without URLs, releases skipped.
func randomRows(rng *rand.Rand) []Row {
	names := []string{"Argo", "argo", "Flux", "Weave Flux", "Kite", "Comet", "COMET", "Feast", "Ray Serve", "ray-serve", "Akuity", "", "Tool 1", "Tool-2"}
	homes := []string{"", "", "https://aws.amazon.com", "https://feast.dev", "https://www.feast.dev/", "https://comet.ml", "https://argoproj.github.io", "https://akuity.io", "https://github.com/a/b", "x"}
	repos := []string{"", "", "", "https://github.com/argoproj/argo", "https://github.com/argoproj/argo-workflows", "https://github.com/weaveworks/flux", "https://github.com/fluxcd/flux",
		"https://github.com/a/b", "https://github.com/c/b", "https://gitlab.com/x/y", "https://github.com/feast-dev/feast.git", "https://example.org/./"}
	var rows []Row
	rel := 0
	for range 1 + rng.IntN(12) {
		for range rng.IntN(10) {
			rows = append(rows, Row{Release: rel, Name: names[rng.IntN(len(names))], Home: homes[rng.IntN(len(homes))], Repo: repos[rng.IntN(len(repos))]})
		}
		rel += 1 + rng.IntN(2)
		if rng.IntN(3) == 0 && len(rows) > 0 { // repeat the last release
			last := rows[len(rows)-1].Release
			var again []Row
			for _, r := range rows {
				if r.Release == last {
					r.Release = rel
					again = append(again, r)
				}
			}
			rows = append(rows, again...)
			rel++
		}
	}
	return rows
}

func randomAliases(t *testing.T, rng *rand.Rand, rows []Row) *Aliases {
	if len(rows) == 0 || rng.IntN(2) == 0 {
		return nil
	}
	pick := func() string {
		r := rows[rng.IntN(len(rows))]
		for _, k := range []string{r.Repo, r.Home, r.Name} {
			if k != "" && rng.IntN(2) == 0 {
				return k
			}
		}
		return r.Name
	}
	var b strings.Builder
	b.WriteString("merge:\n")
	seen := map[string]bool{}
	for e := range rng.IntN(3) {
		var ks []string
		for range 1 + rng.IntN(2) {
			k := pick()
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			ks = append(ks, fmt.Sprintf("%q", k))
		}
		if len(ks) == 0 {
			continue
		}
		fmt.Fprintf(&b, "  - keys: [%s]\n", strings.Join(ks, ", "))
		if e == 1 {
			b.WriteString("    id: merged\n")
		}
	}
	b.WriteString("split:\n")
	for range rng.IntN(3) {
		if k := pick(); k != "" {
			fmt.Fprintf(&b, "  - %q\n", k)
		}
	}
	a, err := ParseAliases("aliases.yaml", []byte(b.String()))
	if err != nil {
		return nil // two entries sharing a normalized key: not a valid file
	}
	return a
}

// TestResolveMatchesReference checks that Resolve gives the ids and joins
// of the string-keyed reference resolver on random histories.
func TestResolveMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 3000 {
		rows := randomRows(rng)
		al := randomAliases(t, rng, rows)
		got := resolveSource(&rowSource{rows: rows}, al, nil).result()
		want := refResolve(rows, al) // the key passes
		for i := range rows {
			if got.IDs[i] != want.IDs[i] || got.Join[i] != want.Join[i] {
				t.Fatalf("history %d, row %d of %v: got (%q, %q), want (%q, %q)", n, i, rows, got.IDs[i], got.Join[i], want.IDs[i], want.Join[i])
			}
		}
	}
}

// TestApplyMatchesReferenceOnCorpora checks Apply (on the history's codes)
// against the reference on the bundled catalog and the public corpora.
func TestApplyMatchesReferenceOnCorpora(t *testing.T) {
	dirs := []string{"../../snapshots/mlops"}
	for _, name := range []string{"cncf-landscape", "awesome-production-ml"} {
		if dir, ok := corpora.Optional(t, name); ok {
			dirs = append(dirs, dir)
		}
	}
	for _, dir := range dirs {
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		snaps, err := read.Catalog(dir, read.Options{})
		if err != nil {
			t.Fatal(err)
		}
		h, err := catalog.NewHistory(mem, "test", snaps)
		if err != nil {
			t.Fatal(err)
		}
		out, err := Apply(mem, h, nil)
		if err != nil {
			t.Fatal(err)
		}
		// What Apply gives is its history's columns.
		got := &Result{IDs: catalog.Strings(out.Record.Column(catalog.ColToolID)), Join: catalog.Strings(out.Record.Column(catalog.ColJoinedBy))}
		rows := Rows(h)
		// The key passes on the codes equal the reference; the whole
		// resolution on the codes equals it on the rows (clues read from the
		// columns as from Row).
		keyed := resolveSource(newColumnSource(h), nil, nil).result()
		want := refResolve(rows, nil)
		for i := range want.IDs {
			if keyed.IDs[i] != want.IDs[i] || keyed.Join[i] != want.Join[i] {
				t.Fatalf("%s row %d: got (%q, %q), want (%q, %q)", dir, i, keyed.IDs[i], keyed.Join[i], want.IDs[i], want.Join[i])
			}
		}
		want = Resolve(rows, nil)
		for i := range want.IDs {
			if got.IDs[i] != want.IDs[i] || got.Join[i] != want.Join[i] {
				t.Fatalf("%s row %d: Apply (%q, %q), Resolve (%q, %q)", dir, i, got.IDs[i], got.Join[i], want.IDs[i], want.Join[i])
			}
		}
		checkKeys(t, dir, out)
		out.Release()
		h.Release()
		mem.AssertSize(t, 0)
	}
}

// checkKeys checks the keys Apply stored beside h's columns (and that the
// history it returned shares them) against the normalizers, row by row.
func checkKeys(t *testing.T, dir string, h *catalog.History) {
	t.Helper()
	for _, c := range []struct {
		col  int
		norm func(string) string
	}{{catalog.ColName, NameKey}, {catalog.ColRepoURL, RepoKey}, {catalog.ColHomepageURL, HomeKey}} {
		k, ok := h.Keys(c.col)
		if !ok {
			t.Fatalf("%s: no keys stored for column %d", dir, c.col)
		}
		raw := catalog.Strings(h.Record.Column(c.col))
		codes, _ := h.Codes(c.col)
		for i, v := range raw {
			if got, want := k.Key(codes[i]), c.norm(v); got != want {
				t.Fatalf("%s column %d row %d (%q): key %q, want %q", dir, c.col, i, v, got, want)
			}
		}
	}
}
