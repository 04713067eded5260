package identity

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzNormalize checks the URL and name keys on any text: no panic, the
// same key each time, valid UTF-8 out, nothing from blank text, and
// normalization is idempotent: a key normalizes to itself.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"https://github.com/mlflow/mlflow", "http://www.GitHub.com/MLflow/MLflow/", "https://github.com/pytorch/botorch.git",
		"https://github.com/kubeflow/kubeflow/tree/master/components", "github.com/a/b", "https://gitlab.com/group/project/-/tree/main",
		"https://example.org/repo/", "::not a url", "https://www.mlflow.org/", "https://mlflow.org/index.html",
		"https://Example.org/Docs/?utm=1#top", "https://github.com/org/repo/blob/main/README.md", "Ray Serve", "Weights & Biases",
		"Café.js", "https://user:pass@EXAMPLE.org:8080/a//b/../c", "https://[::1]:80/x", "https://example.org/a%2Fb%3Fc",
		"https://xn--caf-dma.example/", "HTTPS://GITHUB.COM/A/B.GIT/", "https://github.com/a", "ＡＢＣ", "İstanbul", "ǅ", "",
		"https://example.org/\"><script>window.__pwned=1</script>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, k := range []struct {
			name string
			fn   func(string) string
		}{{"RepoKey", RepoKey}, {"HomeKey", HomeKey}, {"NameKey", NameKey}} {
			a := k.fn(s)
			if a != k.fn(s) {
				t.Fatalf("%s(%q) is not deterministic", k.name, s)
			}
			if utf8.ValidString(s) && !utf8.ValidString(a) {
				t.Fatalf("%s(%q) = %q: invalid UTF-8", k.name, s, a)
			}
			if strings.TrimSpace(s) == "" && a != "" {
				t.Fatalf("%s(%q) = %q, want empty", k.name, s, a)
			}
			if b := k.fn(a); b != a {
				t.Fatalf("%s is not idempotent: %s(%q) = %q, %s(%q) = %q", k.name, k.name, s, a, k.name, a, b)
			}
		}
		if n := NameKey(s); strings.ToLower(n) != n && utf8.ValidString(s) {
			t.Fatalf("NameKey(%q) = %q is not lower case", s, n)
		}
	})
}
