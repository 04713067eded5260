package identity

import (
	"strings"
	"testing"
)

// FuzzParseAliases: any aliases.yaml is parsed or refused with an error
// naming the file, never a panic, and the same way twice.
func FuzzParseAliases(f *testing.F) {
	f.Add([]byte("merge:\n  - id: kubeflow\n    keys: [github.com/kubeflow/kubeflow, kubeflow.org]\nsplit: [github.com/org/monorepo]\n"))
	f.Add([]byte("merge:\n  - id: \"\\e[31m\"\n    keys: [\"=cmd|' /C calc'!A0\"]\n"))
	f.Add([]byte("merge: &a [*a]\n"))
	f.Add([]byte("split: {a: 1}\n\x00"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseAliases("cat/aliases.yaml", data)
		b, err2 := ParseAliases("cat/aliases.yaml", data)
		if (err == nil) != (err2 == nil) || (a == nil) != (b == nil) {
			t.Fatalf("two parses differ: %v, %v", err, err2)
		}
		if err != nil && !strings.Contains(err.Error(), "cat/aliases.yaml") {
			t.Errorf("error without the file: %v", err)
		}
		if err == nil && a == nil {
			t.Error("no aliases and no error")
		}
	})
}
