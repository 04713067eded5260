package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestChart(t *testing.T) {
	cat := filepath.Join("..", "..", DefaultCatalog)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		check    func(t *testing.T, out []byte)
	}{
		{"png blog", []string{"chart", "growth", cat, "--output-format", "png"}, 0, pngSize(1200, 675)},
		{"png social, scale 2", []string{"chart", "churn", cat, "--output-format", "png", "--preset", "social", "--scale", "2"}, 0, pngSize(2400, 1260)},
		{"png square, dark, older release", []string{"chart", "sunburst", cat, "--output-format", "png", "--preset", "square", "--theme", "dark", "--release", "2021-06-30"}, 0, pngSize(1080, 1080)},
		{"svg", []string{"chart", "treemap", cat, "--output-format", "svg"}, 0, func(t *testing.T, out []byte) {
			if !bytes.Contains(out, []byte("<svg")) {
				t.Errorf("not SVG: %.80s", out)
			}
		}},
		{"html page", []string{"chart", "flows", cat}, 0, func(t *testing.T, out []byte) {
			if !bytes.HasPrefix(out, []byte("<!DOCTYPE html>")) || !bytes.Contains(out, []byte(`id="landscape-mlops-2026-06-30-flows"`)) {
				t.Errorf("page: %.120s", out)
			}
		}},
		{"html snippet", []string{"chart", "survival", cat, "--snippet", "--assets", "cdn"}, 0, func(t *testing.T, out []byte) {
			if bytes.Contains(out, []byte("<html")) || !bytes.Contains(out, []byte("integrity=")) {
				t.Errorf("snippet: %.200s", out)
			}
		}},
		{"html snippet: CDN, unique id and PNG fallback by default", []string{"chart", "sunburst", cat, "--snippet", "--release", "2021-06-30"}, 0, func(t *testing.T, out []byte) {
			for _, want := range []string{"integrity=", `id="landscape-mlops-2021-06-30-sunburst"`, `<noscript><img src="sunburst.png"`} {
				if !bytes.Contains(out, []byte(want)) {
					t.Errorf("snippet lacks %s: %.300s", want, out)
				}
			}
		}},
		{"html snippet --id --fallback", []string{"chart", "growth", cat, "--snippet", "--id", "fig-2", "--fallback", "img/growth.png"}, 0, func(t *testing.T, out []byte) {
			if !bytes.Contains(out, []byte(`id="fig-2"`)) || !bytes.Contains(out, []byte(`src="img/growth.png"`)) {
				t.Errorf("snippet: %.300s", out)
			}
		}},
		{"bad id", []string{"chart", "growth", cat, "--snippet", "--id", "2 bad"}, 1, nil},
		{"unknown kind", []string{"chart", "pie", cat}, 2, nil},
		{"bad format", []string{"chart", "growth", cat, "--output-format", "gif"}, 2, nil},
		{"bad preset", []string{"chart", "growth", cat, "--output-format", "png", "--preset", "poster"}, 2, nil},
		{"unknown release", []string{"chart", "growth", cat, "--release", "1999-12-31"}, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tt.args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d: %s", code, tt.wantCode, stderr)
			}
			if tt.check != nil {
				tt.check(t, []byte(stdout))
				// The same chart again: the same bytes.
				_, again, _ := runCLI(tt.args...)
				if again != stdout {
					t.Errorf("output differs between runs")
				}
			}
		})
	}
}

func TestChartToFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "g.png")
	if code, _, stderr := runCLI("chart", "growth", filepath.Join("..", "..", DefaultCatalog), "--output-format", "png", "-o", out); code != 0 {
		t.Fatal(stderr)
	}
	st, err := os.Stat(out)
	if err != nil || st.Mode().Perm() != 0o644 {
		t.Fatalf("%v %v", st, err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".g.png.tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func pngSize(w, h int) func(*testing.T, []byte) {
	return func(t *testing.T, out []byte) {
		t.Helper()
		img, err := png.Decode(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("not a PNG: %v (%q)", err, strings.TrimSpace(string(out[:min(len(out), 80)])))
		}
		if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
			t.Errorf("size %dx%d, want %dx%d", b.Dx(), b.Dy(), w, h)
		}
	}
}
