package read

import (
	"strconv"
	"strings"
	"testing"
)

// TestMarkdownPrepare checks mdPrepare line by line: HTML-only lines are
// blanked, comments, <pre> and code are kept, `[Name] (url)` becomes a link,
// and every byte stays at its offset.
func TestMarkdownPrepare(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<a name="python"></a>`, ``},
		{`<a name="python" />`, ``},
		{`  <p align="center"><img src="x.png"></p>`, ``},
		{`</div>`, ``},
		{`<a href="https://x.example">Text</a>`, `<a href="https://x.example">Text</a>`}, // text: kept
		{`<pre>`, `<pre>`},
		{`<!-- <a name="x"></a> -->`, `<!-- <a name="x"></a> -->`},
		{`* [Alpha] (https://github.com/a/alpha) - a tool.`, `* [Alpha](https://github.com/a/alpha)  - a tool.`},
		{`  - [Beta]  (www.beta.example)`, `  - [Beta](www.beta.example)  `},
		{`* [x] (not a link)`, `* [x] (not a link)`},
		{`Some [text] (https://x.example) in a paragraph`, `Some [text] (https://x.example) in a paragraph`},
	}
	for _, tt := range tests {
		got := string(mdPrepare([]byte(tt.in)))
		if strings.TrimRight(got, " ") != strings.TrimRight(tt.want, " ") || len(got) != len(tt.in) {
			t.Errorf("mdPrepare(%q) = %q, want %q (same length)", tt.in, got, tt.want)
		}
	}
	// Inside fenced code and a multi-line comment nothing changes.
	in := "```\n<a name=\"x\"></a>\n* [A] (https://a.example)\n```\n<!--\n<a name=\"y\"></a>\n-->\n"
	if got := string(mdPrepare([]byte(in))); got != in {
		t.Errorf("code and comment changed:\n%q\n%q", in, got)
	}
}

// TestMarkdownHeadingTree checks the category level and the subcategory path
// on small files, and that lines stay those of the file.
func TestMarkdownHeadingTree(t *testing.T) {
	tests := []struct {
		name, md string
		want     []string // "line category / subcategory name"
	}{
		{"one container over the list", "# X\n# Main Content\n## A\n* [T1](https://a.example)\n## B\n* [T2](https://b.example)\n",
			[]string{"4 A /  T1", "6 B /  T2"}},
		{"languages over topics", "# X\n<a name=\"c\"></a>\n## C\n#### General\n* [T1](https://a.example)\n## Go\n### Web\n#### Servers\n* [T2](https://b.example)\n",
			[]string{"5 C / General T1", "9 Go / Web › Servers T2"}},
		{"a lone language is a container", "# X\n## Python\n#### General\n* [T1](https://a.example)\n#### Vision\n* [T2](https://b.example)\n",
			[]string{"4 General /  T1", "6 Vision /  T2"}},
		{"a category with tools of its own and topics", "# X\n## A\n* [T1](https://a.example)\n### Sub\n* [T2](https://b.example)\n## B\n* [T3](https://c.example)\n",
			[]string{"3 A /  T1", "5 A / Sub T2", "7 B /  T3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap, err := readMarkdown("2020-01-01.md", []byte(tt.md), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range snap.Listings {
				got = append(got, strings.Join([]string{strconv.Itoa(l.Line), l.Category, "/", l.Subcategory, l.Name}, " "))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
