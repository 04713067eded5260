package read

import (
	"path/filepath"
	"regexp"
	"testing"
)

// TestCNCFProcessedStars: a processed_landscape.yml (landscapeapp's, with the
// data it fetched) gives each item its GitHub stars; the fetched data is not
// kept, nor reported as unknown keys.
func TestCNCFProcessedStars(t *testing.T) {
	snap, err := File(filepath.Join("testdata", "cncf", "processed-2020-03-31.yml"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if snap.Release.Format != "cncf" || snap.Release.ID != "2020-03-31" {
		t.Errorf("release %+v", snap.Release)
	}
	want := map[string]int64{"Alpha": 45123, "Gamma": 0}
	if len(snap.Listings) != 4 {
		t.Fatalf("%d listings", len(snap.Listings))
	}
	for _, l := range snap.Listings {
		w, ok := want[l.Name]
		switch {
		case ok && (l.Stars == nil || *l.Stars != w):
			t.Errorf("%s: stars %v, want %d", l.Name, l.Stars, w)
		case !ok && l.Stars != nil:
			t.Errorf("%s: stars %d, want none", l.Name, *l.Stars)
		}
		for k := range l.Extra {
			if regexp.MustCompile(`_data$`).MatchString(k) {
				t.Errorf("%s: fetched data kept in Extra[%s]", l.Name, k)
			}
		}
	}
	if alpha := snap.Listings[0]; alpha.Extra["logo"] != "alpha.svg" || alpha.RepoURL != "https://github.com/example/alpha" {
		t.Errorf("Alpha %+v", alpha)
	}
	if len(snap.Warnings) != 1 || !regexp.MustCompile(`github_data.stars is "N/A"`).MatchString(snap.Warnings[0].Msg) || snap.Warnings[0].Line != 75 {
		t.Errorf("warnings %v", snap.Warnings)
	}
}
