package canonical

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/read"
)

// TestRoundTrip writes awkward text and reads it back with the canonical
// reader in strict mode: every value comes back as written.
func TestRoundTrip(t *testing.T) {
	yes, no := true, false
	stars := int64(1200)
	texts := []string{
		"plain words", "https://example.org/a?b=c#frag", "Voilà", "TensorFlow Extended: components",
		"C#, Python", "2019", "yes", "No", "null", "- dash", "# hash", `quote "inside"`, `back\slash`,
		"trailing:", "a  b", "Stripe's API", "50% off", "&anchor", "*alias", "!tag", "{flow}", "[list]",
		"'single'", "<script>alert(1)</script>", "tab\there", "0x1F", "1e3", "~", "@at", "`tick`",
	}
	s := &catalog.Snapshot{Release: catalog.Release{ID: "2026-06-30", Date: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
		Title: "Title: with colon", Source: "https://example.org/src"}}
	for i, x := range texts {
		cat, sub := "Cat "+x, "Sub"
		if i%5 == 4 {
			sub = "" // directly under the category
		}
		s.Listings = append(s.Listings, catalog.Listing{Category: cat, Subcategory: sub, Name: x,
			HomepageURL: "https://example.org/" + string(rune('a'+i)), Description: x, Launched: "2019-03",
			OpenSource: &yes, License: "Apache-2.0", Status: "acquired by " + strings.TrimSpace(strings.ReplaceAll(x, "\t", " ")) + " in 2024"})
	}
	// Descriptions of categories and subcategories, awkward text too.
	s.Release.Groups = []catalog.Group{
		{Category: "Cat " + texts[0], Description: "What the first category is for: " + texts[10]},
		{Category: "Cat " + texts[0], Subcategory: "Sub", Description: texts[22]},
		{Category: "Last", Subcategory: "S", Description: texts[23]},
	}
	s.Listings = append(s.Listings, catalog.Listing{Category: "Last", Subcategory: "S", Name: "n", RepoURL: "https://github.com/a/b",
		Launched: "2019", OpenSource: &no, Stars: &stars, Extra: map[string]string{"z": "yes", "a": "- x"}})
	data, err := Marshal(s, Options{Comment: "Written by a test."})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "# Written by a test.\nrelease:\n") {
		t.Errorf("header: %q", data[:40])
	}
	got, err := read.Bytes("2026-06-30.yaml", data, read.Options{Strict: true})
	if err != nil {
		t.Fatalf("read back: %v\n%s", err, data)
	}
	if got.Release.ID != s.Release.ID || !got.Release.Date.Equal(s.Release.Date) || got.Release.Title != s.Release.Title || got.Release.Source != s.Release.Source {
		t.Errorf("release read back as %+v", got.Release)
	}
	if !reflect.DeepEqual(got.Release.Groups, s.Release.Groups) {
		t.Errorf("descriptions read back as %+v, wrote %+v", got.Release.Groups, s.Release.Groups)
	}
	if len(got.Listings) != len(s.Listings) {
		t.Fatalf("%d listings read back, wrote %d", len(got.Listings), len(s.Listings))
	}
	for i := range s.Listings {
		w, g := s.Listings[i], got.Listings[i]
		g.Line, g.Key = 0, ""
		if len(g.Extra) == 0 {
			g.Extra = nil
		}
		if !reflect.DeepEqual(w, g) {
			t.Errorf("listing %d:\nwrote %+v\nread  %+v", i, w, g)
		}
	}
	again, _ := Marshal(s, Options{Comment: "Written by a test."})
	if string(again) != string(data) {
		t.Error("not deterministic")
	}
}
