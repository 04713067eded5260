package run

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/internal/corpora"
	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/read"
)

var update = flag.Bool("update", false, "rewrite the computed fields of the golden events that still match by (release, kind, tool_id), keeping their checked notes")

// goldenCorpora are the public corpora with a golden file of hand-checked
// events, testdata/golden/NAME.events.json.
var goldenCorpora = []string{"awesome-production-ml", "cncf-landscape"}

// minGolden is the fewest entries a golden file may hold.
const minGolden = 20

// goldenEvent is one hand-checked event: the fields of analyze.Event a golden
// file pins, and a note citing the release files (file:line) that show the
// event is real. Checked is never compared.
type goldenEvent struct {
	Release      string `json:"release"`
	Previous     string `json:"previous_release"`
	Kind         string `json:"kind"`
	ToolID       string `json:"tool_id"`
	Name         string `json:"name"`
	FromCategory string `json:"from_category"`
	ToCategory   string `json:"to_category"`
	FromName     string `json:"from_name"`
	FromRepo     string `json:"from_repo"`
	ToRepo       string `json:"to_repo"`
	FromStatus   string `json:"from_status"`
	ToStatus     string `json:"to_status"`
	Checked      string `json:"checked"`
}

func fromEvent(e analyze.Event, checked string) goldenEvent {
	return goldenEvent{
		Release: e.Release, Previous: e.Previous, Kind: e.Kind, ToolID: e.ToolID, Name: e.Name,
		FromCategory: e.FromCategory, ToCategory: e.ToCategory, FromName: e.FromName,
		FromRepo: e.FromRepo, ToRepo: e.ToRepo, FromStatus: e.FromStatus, ToStatus: e.ToStatus,
		Checked: checked,
	}
}

// eventKey identifies an event: a tool has at most one event of a kind in a
// release.
type eventKey struct{ release, kind, tool string }

func (g goldenEvent) key() eventKey { return eventKey{g.Release, g.Kind, g.ToolID} }

// sameFields reports whether two events agree on every compared field (all
// but Checked).
func sameFields(a, b goldenEvent) bool {
	a.Checked, b.Checked = "", ""
	return a == b
}

// compact is an event without its note, as one line of JSON.
func compact(g goldenEvent) string {
	g.Checked = ""
	b, _ := json.Marshal(g)
	return string(b)
}

// TestGoldenEvents checks that the events computed for each public corpus
// include every hand-checked event of its golden file, with every field
// equal (checkGolden).
func TestGoldenEvents(t *testing.T) {
	for _, name := range goldenCorpora {
		t.Run(name, func(t *testing.T) {
			dir := corpora.Dir(t, name)
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			res, err := Load(mem, dir, read.Options{}, nil)
			if err != nil {
				t.Fatalf("load %s: %v", dir, err)
			}
			defer res.Release()
			checkGolden(t, filepath.Join("testdata", "golden", name+".events.json"), minGolden, res.Events)
		})
	}
}

// minGoldenHistory is the fewest entries the golden file of an every-day
// history may hold.
const minGoldenHistory = 60

// TestGoldenHistoryEvents checks the events of the every-day history of
// awesome-production-ml (374 releases, imported from
// ../shared/histories/awesome-production-ml.git in the test, as
// TestEveryDayHistory does) against its golden file,
// testdata/golden/awesome-production-ml.history.events.json: added,
// removed, moved, renamed, re-added and repository moves, each checked by
// hand against the release files, its note citing file:line in both
// releases.
func TestGoldenHistoryEvents(t *testing.T) {
	if testing.Short() {
		t.Skip("imports and analyses 374 releases")
	}
	const name = "awesome-production-ml"
	dir := filepath.Join(t.TempDir(), name)
	importHistory(t, name, "README.md", dir, "")
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	res, err := Load(mem, dir, read.Options{}, nil)
	if err != nil {
		t.Fatalf("load %s: %v", dir, err)
	}
	defer res.Release()
	checkGolden(t, filepath.Join("testdata", "golden", name+".history.events.json"), minGoldenHistory, res.Events)
}

// checkGolden checks that events include every hand-checked event of the
// golden file at path, with every field equal. With -update it rewrites the
// computed fields of the golden entries that still match by (release, kind,
// tool_id), keeping their notes; it never adds an entry, and entries that no
// longer match stay errors.
func checkGolden(t *testing.T, path string, min int, events []analyze.Event) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var golden []goldenEvent
	if err := json.Unmarshal(raw, &golden); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(golden) < min {
		t.Errorf("%s: %d entries, want at least %d", path, len(golden), min)
	}
	computed := map[eventKey]goldenEvent{}
	for _, e := range events {
		g := fromEvent(e, "")
		if prev, dup := computed[g.key()]; dup {
			t.Errorf("two computed events share %v:\n %s\n %s", g.key(), compact(prev), compact(g))
		}
		computed[g.key()] = g
	}

	seen := map[eventKey]bool{}
	changed := false
	for i, want := range golden {
		k := want.key()
		if seen[k] {
			t.Errorf("%s: %s %s %s listed twice", path, want.Release, want.Kind, want.ToolID)
		}
		seen[k] = true
		if want.Checked == "" {
			t.Errorf("%s: %s %s %s has no note of its check", path, want.Release, want.Kind, want.ToolID)
		}
		got, ok := computed[k]
		switch {
		case !ok:
			t.Errorf("%s: missing %s %s %s (%s); checked: %s", path, want.Release, want.Kind, want.ToolID, want.Name, want.Checked)
		case sameFields(got, want):
		case *update:
			got.Checked = want.Checked
			golden[i] = got
			changed = true
			t.Logf("%s: updated %s %s %s:\n was %s\n now %s", path, want.Release, want.Kind, want.ToolID, compact(want), compact(got))
		default:
			t.Errorf("%s: %s %s %s differs:\n got  %s\n want %s", path, want.Release, want.Kind, want.ToolID, compact(got), compact(want))
		}
	}
	if changed {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(golden); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
