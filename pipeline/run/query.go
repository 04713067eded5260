package run

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/export"
	"github.com/landscapehq/landscape/pipeline/read"
)

// Event is one change between releases (analyze.Event).
type Event = analyze.Event

// ToolHistory is a tool's listings and events (analyze.ToolHistory).
type ToolHistory = analyze.ToolHistory

// Stay is an unbroken run of the same listing (analyze.Stay).
type Stay = analyze.Stay

// Printable makes catalog text safe for a terminal (export.Printable).
var Printable = export.Printable

// DiffResult is what Diff finds: the two releases' figures and the events
// between them.
type DiffResult struct {
	Old      string                `json:"old"`
	New      string                `json:"new"`
	Releases []analyze.ReleaseStat `json:"releases"`
	Events   []Event               `json:"events"`
	// Recorded are the dated facts the new file records of its period
	// (its changes: list), joined with the events that show them.
	Recorded []analyze.Deal `json:"recorded_changes"`
}

// Diff compares two release files, read as releases 0 and 1 of one catalog
// whatever their dates say.
func Diff(oldPath, newPath string, ro read.Options) (*DiffResult, error) {
	oldSnap, err := read.File(oldPath, ro)
	if err != nil {
		return nil, err
	}
	newSnap, err := read.File(newPath, ro)
	if err != nil {
		return nil, err
	}
	if !oldSnap.Release.Date.Before(newSnap.Release.Date) {
		oldSnap.Release.Date = newSnap.Release.Date.AddDate(0, 0, -1)
	}
	if oldSnap.Release.ID == newSnap.Release.ID {
		oldSnap.Release.ID += " (old)"
	}
	res, err := FromSnapshots(memory.DefaultAllocator, "diff", []*catalog.Snapshot{oldSnap, newSnap}, Overrides{})
	if err != nil {
		return nil, err
	}
	defer res.Release()
	events := res.Events
	if events == nil {
		events = []Event{}
	}
	recorded := []analyze.Deal{}
	for _, d := range res.Deals {
		if d.Source != analyze.SourceListings {
			recorded = append(recorded, d)
		}
	}
	return &DiffResult{Old: oldPath, New: newPath, Releases: res.Growth.Releases, Events: events, Recorded: recorded}, nil
}

// Explanation is what Explain finds of a query in a catalog.
type Explanation struct {
	Tools []ToolHistory `json:"tools"`
	// Stays are each tool's stays, in the order of Tools (not in JSON: the
	// appearances are).
	Stays [][]Stay `json:"-"`
	// Suggestions, when no tool matches, are the nearest tools' names
	// (with their repository), best first.
	Suggestions []string `json:"suggestions,omitempty"`
	// Recorded are the dated facts the release files record of the
	// matched tools (changes:), with their dates.
	Recorded []analyze.Deal `json:"recorded_changes,omitempty"`
}

// Explain loads a catalog (dir; "" for the bundled one) and finds the tools matching query (by name, tool
// id, repository or homepage); when none does, it suggests the nearest
// names, aliases and repositories, compared case- and
// punctuation-insensitively ("wandb", "weights and biases").
func Explain(dir, query string, ro read.Options, progress ProgressFunc) (*Explanation, error) {
	dir, cleanup, err := catalogOrBundled(dir)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	res, err := Load(memory.DefaultAllocator, dir, ro, progress)
	if err != nil {
		return nil, err
	}
	defer res.Release()
	ex := &Explanation{Tools: analyze.Explain(res, query)}
	if len(ex.Tools) == 0 {
		ex.Tools = []ToolHistory{}
		ex.Suggestions = suggest(res, query)
		return ex, nil
	}
	pos := make(map[string]int, len(res.Releases))
	for i, r := range res.Releases {
		pos[r.ID] = i
	}
	ids := map[string]bool{}
	for _, h := range ex.Tools {
		ex.Stays = append(ex.Stays, analyze.Stays(h.Appearances, pos))
		ids[h.ToolID] = true
	}
	for _, d := range res.Deals {
		if ids[d.ToolID] && d.Source != analyze.SourceListings {
			ex.Recorded = append(ex.Recorded, d)
		}
	}
	return ex, nil
}

// EventDetail is the text after an event's kind in explain's output: the
// FROM → TO of every change of a tool (analyze.Event.FromTo).
func EventDetail(e Event) string {
	from, to := e.FromTo()
	switch e.Kind {
	case analyze.EventRenamed, analyze.EventRepoMoved, analyze.EventMoved:
		return fmt.Sprintf(": %s → %s", from, to)
	case analyze.EventStatus, analyze.EventRelicensed:
		if from == "" {
			from = "(none)"
		}
		return fmt.Sprintf(": %q → %q", from, to)
	case analyze.EventRemoved:
		return ": from " + e.FromCategory
	default:
		return ": into " + e.ToCategory
	}
}

// looseKey folds a name for "did you mean": lower case, "&" read as "and",
// letters and digits only.
func looseKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.ReplaceAll(s, "&", " and ")) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// urlWords are the words of a URL that may name its tool: a code host's
// owner and repository, else the host's first label and the path's last
// segment.
func urlWords(raw string) []string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	segs := strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' })
	var out []string
	if len(segs) >= 2 && (host == "github.com" || host == "gitlab.com" || host == "bitbucket.org" || host == "codeberg.org") {
		return append(out, segs[0], strings.TrimSuffix(segs[1], ".git"))
	}
	if i := strings.IndexByte(host, '.'); i > 0 {
		out = append(out, host[:i])
	}
	if len(segs) > 0 {
		out = append(out, segs[len(segs)-1])
	}
	return out
}

// maxSuggestions is how many names "did you mean" offers.
const maxSuggestions = 5

// suggest gives the tools nearest to query: those whose name or any word
// of their URLs folds to the query's key, then those containing it or
// within a small edit distance of it.
func suggest(res *analyze.Result, query string) []string {
	q := looseKey(query)
	if q == "" {
		return nil
	}
	h := res.History
	nameCodes, nameVals := h.Codes(catalog.ColName)
	repoCodes, repoVals := h.Codes(catalog.ColRepoURL)
	homeCodes, homeVals := h.Codes(catalog.ColHomepageURL)
	type cand struct {
		label string
		score int // lower is nearer
	}
	best := map[string]int{}
	consider := func(label, word string) {
		k := looseKey(word)
		if k == "" {
			return
		}
		score := -1
		switch {
		case k == q:
			score = 0
		case len(q) >= 3 && (strings.HasPrefix(k, q) || strings.HasPrefix(q, k) && len(k) >= 3):
			score = 1
		case len(q) >= 4 && strings.Contains(k, q):
			score = 2
		default:
			if d := read.EditDistance(k, q); d <= max(1, len(q)/4) {
				score = 2 + d
			}
		}
		if score < 0 {
			return
		}
		if s, ok := best[label]; !ok || score < s {
			best[label] = score
		}
	}
	seen := map[[3]int32]bool{}
	for i := range nameCodes {
		k := [3]int32{nameCodes[i], repoCodes[i], homeCodes[i]}
		if seen[k] {
			continue
		}
		seen[k] = true
		name, repo, home := catalog.Value(nameVals, k[0]), catalog.Value(repoVals, k[1]), catalog.Value(homeVals, k[2])
		label := name
		if repo != "" {
			label += " (" + repo + ")"
		} else if home != "" {
			label += " (" + home + ")"
		}
		consider(label, name)
		for _, u := range []string{repo, home} {
			for _, w := range urlWords(u) {
				consider(label, w)
			}
		}
	}
	cands := make([]cand, 0, len(best))
	for l, s := range best {
		cands = append(cands, cand{l, s})
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score < cands[j].score
		}
		return cands[i].label < cands[j].label
	})
	var out []string
	for _, c := range cands {
		if len(out) == maxSuggestions {
			break
		}
		if !slices.Contains(out, c.label) {
			out = append(out, c.label)
		}
	}
	return out
}

// DealDetail words a recorded change for diff and explain: the buyer, or
// FROM → TO, and the date at the precision recorded.
func DealDetail(d analyze.Deal) string {
	switch {
	case d.By != "":
		return "by " + d.By + ", " + d.When()
	case d.From != "" || d.To != "":
		from, to := d.From, d.To
		if from == "" {
			from = "(none)"
		}
		if to == "" {
			to = "(none)"
		}
		return fmt.Sprintf("%s → %s, %s", from, to, d.When())
	}
	return d.When()
}
