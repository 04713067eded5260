package taxonomy

import (
	"strings"
	"testing"
)

// FuzzParseOverrides: any taxonomy.yaml is parsed or refused with an error
// naming the file, never a panic, and the same way twice.
func FuzzParseOverrides(f *testing.F) {
	f.Add([]byte("links:\n  - release: 2024-06-30\n    relation: renamed\n    from: Old\n    to: [New]\ncanonical:\n  New: Newest\n"))
	f.Add([]byte("links:\n  - release: \"\\e]0;x\\a\"\n    relation: split\n    from: \"=cmd|' /C calc'!A0\"\n    to: [a, b]\n"))
	f.Add([]byte("links: &a [*a]\n"))
	f.Add([]byte("canonical: {a: [1]}\n\x00"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := ParseOverrides("cat/taxonomy.yaml", data)
		o2, err2 := ParseOverrides("cat/taxonomy.yaml", data)
		if (err == nil) != (err2 == nil) || (o == nil) != (o2 == nil) {
			t.Fatalf("two parses differ: %v, %v", err, err2)
		}
		if err != nil && !strings.Contains(err.Error(), "cat/taxonomy.yaml") {
			t.Errorf("error without the file: %v", err)
		}
		if err == nil && o == nil {
			t.Error("no overrides and no error")
		}
	})
}
