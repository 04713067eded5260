package snapgen

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/landscapehq/landscape/internal/corpora"
	"github.com/landscapehq/landscape/pipeline/identity"
	"github.com/landscapehq/landscape/pipeline/read"
)

// corpusEntry is one tool of the awesome-production-machine-learning list
// over its quarterly releases.
type corpusEntry struct {
	Name, Repo, Home string
	Releases         int    // quarterly releases that list it
	LastSection      string // its section in the last release that lists it
}

// notLikeMLOps are the sections of the list that the notability rule of
// snapshots/mlops/README.md leaves out: domain libraries ("Industry strength
// computer vision", NLP, RL, recommender systems, …), not MLOps tools.
var notLikeMLOps = regexp.MustCompile(`(?i)industr(y|ial)[ -]strength`)

// admitted applies the notability rule to a corpus entry: listed for at
// least a year (four quarterly releases), outside the domain-library
// sections, and a tool (not a reading list).
func (e corpusEntry) admitted() bool {
	return e.Releases >= 4 && !notLikeMLOps.MatchString(e.LastSection) &&
		!regexp.MustCompile(`(?i)reading list|\bawesome\b`).MatchString(e.Name)
}

// corpusEntries reads the quarterly releases of the list and groups the
// listings into entries by repository, else by homepage.
func corpusEntries(t *testing.T, dir string) []corpusEntry {
	snaps, err := read.Catalog(dir, read.Options{})
	if err != nil {
		t.Fatal(err)
	}
	idx := map[string]int{}
	var out []corpusEntry
	for _, s := range snaps {
		seen := map[int]bool{}
		for _, l := range s.Listings {
			key := identity.RepoKey(l.RepoURL)
			if key == "" {
				key = identity.RepoKey(l.HomepageURL)
			}
			if key == "" {
				key = "home:" + identity.HomeKey(l.HomepageURL)
			}
			i, ok := idx[key]
			if !ok {
				i = len(out)
				idx[key] = i
				out = append(out, corpusEntry{})
			}
			e := &out[i]
			e.Name, e.Repo, e.Home, e.LastSection = l.Name, l.RepoURL, l.HomepageURL, l.Category
			if !seen[i] {
				e.Releases++
				seen[i] = true
			}
		}
	}
	return out
}

// TestCoverageOfAwesomeProductionML matches the master list against the
// entries of the awesome-production-ml corpus that the notability rule
// admits, by repository, homepage and name (current and earlier names), and
// lists the entries it misses.
func TestCoverageOfAwesomeProductionML(t *testing.T) {
	dir := corpora.Dir(t, "awesome-production-ml")
	m := loadCommittedMaster(t)
	repos, homes, names := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, tl := range allTools(m) {
		if k := identity.RepoKey(tl.RepoURL); k != "" {
			repos[k] = true
		}
		if k := identity.HomeKey(tl.HomepageURL); k != "" {
			homes[k] = true
		}
		for _, n := range append([]string{tl.Name}, fromValues(tl.Renamed)...) {
			names[identity.NameKey(n)] = true
		}
	}
	var admitted, matched int
	var missing []string
	for _, e := range corpusEntries(t, dir) {
		if !e.admitted() {
			continue
		}
		admitted++
		rk := identity.RepoKey(e.Repo)
		if rk == "" {
			rk = identity.RepoKey(e.Home)
		}
		switch {
		case rk != "" && repos[rk], e.Home != "" && homes[identity.HomeKey(e.Home)], names[identity.NameKey(e.Name)]:
			matched++
		default:
			missing = append(missing, fmt.Sprintf("%s (%s; %s)", e.Name, strings.TrimSpace(e.Repo+" "+e.Home), e.LastSection))
		}
	}
	slices.Sort(missing)
	share := float64(matched) / float64(admitted)
	t.Logf("awesome-production-ml: %d entries admitted by the notability rule, %d in tools.yaml (%.1f %%); not in it:\n  %s",
		admitted, matched, 100*share, strings.Join(missing, "\n  "))
	if admitted < 500 {
		t.Errorf("only %d admitted entries: the corpus reader or the rule changed", admitted)
	}
	if share < 0.80 {
		t.Errorf("coverage %.1f %% of %d admitted entries; want at least 80 %%", 100*share, admitted)
	}
	if n := len(allTools(m)); n < 700 {
		t.Errorf("%d tools; want at least 700", n)
	}
}
