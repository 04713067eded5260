package export

import (
	"strings"
	"testing"
)

// TestReportHTML: report.html is a document page; only the report's own
// figures (a chart PNG next to it) are marked as figures, and raw HTML in
// the Markdown is left out.
func TestReportHTML(t *testing.T) {
	tests := []struct {
		name, md string
		want     []string
		not      []string
	}{
		{"figure", "![a: chart](movers.png)\n",
			[]string{`<img src="movers.png" alt="a: chart" data-landscape-figure="">`}, nil},
		{"dashed figure", "![x](launch-years.png)\n",
			[]string{`<img src="launch-years.png" alt="x" data-landscape-figure="">`}, nil},
		{"remote image", "![x](https://example.com/a.png)\n",
			[]string{`<img src="https://example.com/a.png" alt="x">`}, []string{"data-landscape-figure"}},
		{"other folder", "![x](../a.png)\n", nil, []string{"data-landscape-figure"}},
		{"not a png", "![x](a.svg)\n", nil, []string{"data-landscape-figure"}},
		{"raw html", "<img src=x onerror=alert(1)>\n\n<script>alert(1)</script>\n",
			nil, []string{"<img", "<script", "onerror"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := ReportHTML([]byte(tt.md), "<script>t</script>")
			if err != nil {
				t.Fatal(err)
			}
			s := string(page)
			want := append([]string{`<body data-landscape-page="document">`, "<title>&lt;script&gt;t&lt;/script&gt;</title>"}, tt.want...)
			for _, w := range want {
				if !strings.Contains(s, w) {
					t.Errorf("no %q in\n%s", w, s)
				}
			}
			for _, n := range append([]string{"<script"}, tt.not...) {
				if strings.Contains(s, n) {
					t.Errorf("%q in\n%s", n, s)
				}
			}
		})
	}
}
