package analyze

import (
	"reflect"
	"testing"
)

// TestStays: consecutive releases with the same listing are one stay; a
// gap, a change of listing or of join starts another; a tool listed twice
// runs two stays side by side.
func TestStays(t *testing.T) {
	pos := map[string]int{"r0": 0, "r1": 1, "r2": 2, "r3": 3}
	a := func(rel, name, cat, join string, line int) Appearance {
		return Appearance{Release: rel, Name: name, Category: cat, Canonical: cat, JoinedBy: join, File: rel + ".yaml", Line: line}
	}
	type span struct {
		first, last string
		n           int
	}
	for _, tc := range []struct {
		name string
		apps []Appearance
		want []span
	}{
		{"one stay", []Appearance{a("r0", "K", "A", "repo", 1), a("r1", "K", "A", "repo", 2), a("r2", "K", "A", "repo", 3)}, []span{{"r0", "r2", 3}}},
		{"new then joined", []Appearance{a("r0", "K", "A", "new", 1), a("r1", "K", "A", "repo", 1), a("r2", "K", "A", "repo", 1)}, []span{{"r0", "r0", 1}, {"r1", "r2", 2}}},
		{"gap", []Appearance{a("r0", "K", "A", "repo", 1), a("r2", "K", "A", "repo", 1)}, []span{{"r0", "r0", 1}, {"r2", "r2", 1}}},
		{"renamed", []Appearance{a("r0", "K", "A", "repo", 1), a("r1", "K2", "A", "repo", 1)}, []span{{"r0", "r0", 1}, {"r1", "r1", 1}}},
		{"listed twice", []Appearance{a("r0", "K", "A", "repo", 1), a("r0", "K", "B", "listed_twice", 9), a("r1", "K", "A", "repo", 1), a("r1", "K", "B", "listed_twice", 9)},
			[]span{{"r0", "r1", 2}, {"r0", "r1", 2}}},
		{"same listing twice in a release", []Appearance{a("r0", "K", "A", "repo", 1), a("r0", "K", "A", "repo", 5), a("r1", "K", "A", "repo", 1)}, []span{{"r0", "r1", 2}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []span
			for _, s := range Stays(tc.apps, pos) {
				got = append(got, span{s.First.Release, s.Last.Release, s.Releases})
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}
