package canonical

import (
	"fmt"
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

// TestMarshalLines: the line MarshalLines gives each listing is its
// "- name:" line in the bytes, and the line the canonical reader gives it,
// with text over several lines above it and listings of one category under
// its tools: and its subcategories interleaved.
func TestMarshalLines(t *testing.T) {
	stars := int64(3)
	s := &catalog.Snapshot{Release: catalog.Release{ID: "2026-06-30", Date: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
		Title: "two\nlines", Groups: []catalog.Group{{Category: "A", Description: "first\nsecond\nthird"}}}}
	for i, l := range []catalog.Listing{
		{Category: "A", Subcategory: "S", Name: "a1", Description: "one\ntwo\n"},
		{Category: "A", Subcategory: "S", Name: "a3", Description: "a long line " + strings.Repeat("word ", 40)},
		{Category: "A", Name: "a2", Stars: &stars},
		{Category: "A", Subcategory: "T", Name: "a4", Extra: map[string]string{"note": "x\ny"}},
		{Category: "A", Name: "a5"},
		{Category: "B", Subcategory: "S", Name: "b1: colon", HomepageURL: "https://example.org/#x"},
		{Category: "B", Subcategory: "S", Name: "- b2"},
	} {
		l.Launched = fmt.Sprint(2000 + i)
		if l.HomepageURL == "" {
			l.RepoURL = fmt.Sprintf("https://github.com/o/r%d", i)
		}
		s.Listings = append(s.Listings, l)
	}
	data, lines, err := MarshalLines(s, Options{Comment: "a comment\nover two lines"})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Marshal(s, Options{Comment: "a comment\nover two lines"})
	if err != nil || string(plain) != string(data) {
		t.Fatalf("Marshal and MarshalLines write different bytes (%v)", err)
	}
	got, err := read.Bytes("2026-06-30.yaml", data, read.Options{Strict: true})
	if err != nil {
		t.Fatalf("read back: %v\n%s", err, data)
	}
	readLine := map[string]int{}
	for _, l := range got.Listings {
		readLine[l.Name] = l.Line
	}
	text := strings.Split(string(data), "\n")
	if len(lines) != len(s.Listings) {
		t.Fatalf("%d lines for %d listings", len(lines), len(s.Listings))
	}
	for i, l := range s.Listings {
		if lines[i] != readLine[l.Name] {
			t.Errorf("%s: line %d, the reader says %d\n%s", l.Name, lines[i], readLine[l.Name], data)
		}
		if lines[i] < 1 || lines[i] > len(text) || !strings.HasPrefix(strings.TrimSpace(text[lines[i]-1]), "- name: ") {
			t.Errorf("%s: line %d is not its entry's first line\n%s", l.Name, lines[i], data)
		}
	}
}
