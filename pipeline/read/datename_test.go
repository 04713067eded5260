package read

import "testing"

// TestDateFromName: a date is four digits of year, two of month and
// optionally two of day that no other digit touches; 3170843-12-31.yaml
// (the year of a forged commit) has no date, not 0843-12-31.
func TestDateFromName(t *testing.T) {
	for _, tc := range []struct {
		name, id string
		ok       bool
	}{
		{"2024-03-31.yaml", "2024-03-31", true},
		{"snapshots/cat/2024-03.md", "2024-03", true},
		{"landscape-2024-03-31-v2.yml", "2024-03-31", true},
		{"3170843-12-31.yaml", "", false},
		{"12024-03-31.yaml", "", false},
		{"2024-13-01.yaml", "", false},
		{"README.md", "", false},
	} {
		d, id, ok := DateFromName(tc.name)
		if ok != tc.ok || id != tc.id {
			t.Errorf("DateFromName(%q) = %v, %q, %v; want %q, %v", tc.name, d, id, ok, tc.id, tc.ok)
		}
	}
	if d, _, _ := DateFromName("2024-02.csv"); d.Format("2006-01-02") != "2024-02-29" {
		t.Errorf("a month alone: %v, want its last day", d)
	}
}
