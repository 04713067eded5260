// Package canonical writes release files in the canonical snapshot format
// (docs/snapshot-format.md), the format pipeline/read's canonical reader
// reads. It takes a catalog.Snapshot (a release and its listings, grouped by
// category and subcategory in the order given) and gives YAML encoded by the
// YAML library (go.yaml.in/yaml/v3): the library chooses how each scalar is
// quoted, so any text reads back as the same string. Only the release id and
// each tool's launched date are always double-quoted, so that "2026-06-30"
// or "2019" stays a string for any YAML reader.
package canonical

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// Options of a written file.
type Options struct {
	// Comment is written as the file's first comment lines (without "# ").
	Comment string
}

// Marshal returns s as one canonical release file. Listings are grouped by
// consecutive category, then subcategory; a listing with an empty
// subcategory sits directly under its category's tools:.
func Marshal(s *catalog.Snapshot, o Options) ([]byte, error) {
	var b bytes.Buffer
	if err := Write(&b, s, o); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// MarshalLines is Marshal, and gives the line (1-based) of each listing's
// entry in the file — its "- name:" line, the line the canonical reader
// gives the listing — in the order of s.Listings. The lines are those of
// the YAML library's parse of the bytes written, so that they hold for any
// text (quoted, or spread over several lines).
func MarshalLines(s *catalog.Snapshot, o Options) ([]byte, []int, error) {
	root, tools := node(s)
	var b bytes.Buffer
	if err := encode(&b, root, o); err != nil {
		return nil, nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b.Bytes(), &doc); err != nil {
		return nil, nil, fmt.Errorf("canonical: the file written does not parse: %w", err)
	}
	if len(doc.Content) != 1 {
		return nil, nil, fmt.Errorf("canonical: the file written holds %d documents", len(doc.Content))
	}
	index := make(map[*yaml.Node]int, len(tools))
	for i, t := range tools {
		index[t] = i
	}
	lines := make([]int, len(tools))
	var walk func(w, r *yaml.Node) error
	walk = func(w, r *yaml.Node) error {
		if len(w.Content) != len(r.Content) || w.Kind != r.Kind {
			return fmt.Errorf("canonical: the file written parses to another shape at line %d", r.Line)
		}
		if i, ok := index[w]; ok {
			lines[i] = r.Line
		}
		for k := range w.Content {
			if err := walk(w.Content[k], r.Content[k]); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root, doc.Content[0]); err != nil {
		return nil, nil, err
	}
	return b.Bytes(), lines, nil
}

// Write encodes s to w (see Marshal).
func Write(w io.Writer, s *catalog.Snapshot, o Options) error {
	return encode(w, Node(s), o)
}

func encode(w io.Writer, root *yaml.Node, o Options) error {
	if o.Comment != "" {
		root.Content[0].HeadComment = o.Comment // above "release:", no blank line
	}
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return enc.Close()
}

// Node returns the YAML mapping of one release file.
func Node(s *catalog.Snapshot) *yaml.Node {
	root, _ := node(s)
	return root
}

// node is Node, and each listing's tool mapping, in the order of s.Listings.
func node(s *catalog.Snapshot) (*yaml.Node, []*yaml.Node) {
	r := s.Release
	rel := mapping()
	if r.ID != "" {
		add(rel, "id", quoted(r.ID))
	}
	if !r.Date.IsZero() {
		add(rel, "date", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: r.Date.Format("2006-01-02")})
	}
	addText(rel, "title", r.Title)
	addText(rel, "source", r.Source)
	addText(rel, "commit", r.Commit)

	cats := &yaml.Node{Kind: yaml.SequenceNode}
	tools := make([]*yaml.Node, 0, len(s.Listings))
	var cat, catTools, subs, subTools *yaml.Node
	for i := range s.Listings {
		l := &s.Listings[i]
		if cat == nil || l.Category != s.Listings[i-1].Category {
			cat = mapping()
			add(cat, "name", text(l.Category))
			addText(cat, "description", r.GroupDescription(l.Category, ""))
			cats.Content = append(cats.Content, cat)
			catTools, subs, subTools = nil, nil, nil
		}
		var into *yaml.Node
		if l.Subcategory == "" {
			if catTools == nil {
				catTools = &yaml.Node{Kind: yaml.SequenceNode}
				add(cat, "tools", catTools)
			}
			into = catTools
		} else {
			if subs == nil {
				subs = &yaml.Node{Kind: yaml.SequenceNode}
				add(cat, "subcategories", subs)
			}
			if subTools == nil || l.Subcategory != s.Listings[i-1].Subcategory || s.Listings[i-1].Category != l.Category {
				sub := mapping()
				add(sub, "name", text(l.Subcategory))
				addText(sub, "description", r.GroupDescription(l.Category, l.Subcategory))
				subTools = &yaml.Node{Kind: yaml.SequenceNode}
				add(sub, "tools", subTools)
				subs.Content = append(subs.Content, sub)
			}
			into = subTools
		}
		t := tool(l)
		into.Content = append(into.Content, t)
		tools = append(tools, t)
	}
	root := mapping()
	add(root, "release", rel)
	add(root, "categories", cats)
	if len(r.Changes) > 0 {
		cs := &yaml.Node{Kind: yaml.SequenceNode}
		for _, c := range r.Changes {
			m := mapping()
			add(m, "kind", text(c.Kind))
			add(m, "name", text(c.Name))
			addText(m, "category", c.Category)
			addText(m, "subcategory", c.Subcategory)
			add(m, "date", quoted(c.Date))
			addText(m, "by", c.By)
			addText(m, "from", c.From)
			addText(m, "to", c.To)
			cs.Content = append(cs.Content, m)
		}
		add(root, "changes", cs)
	}
	return root, tools
}

// tool is one tool entry, its keys in the order of docs/snapshot-format.md.
func tool(l *catalog.Listing) *yaml.Node {
	t := mapping()
	add(t, "name", text(l.Name))
	addText(t, "homepage_url", l.HomepageURL)
	addText(t, "repo_url", l.RepoURL)
	addText(t, "description", l.Description)
	if l.Launched != "" {
		add(t, "launched", quoted(l.Launched))
	}
	if l.OpenSource != nil {
		add(t, "open_source", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(*l.OpenSource)})
	}
	addText(t, "license", l.License)
	addText(t, "status", l.Status)
	if l.Stars != nil {
		add(t, "stars", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(*l.Stars, 10)})
	}
	if len(l.Extra) > 0 {
		ex := mapping()
		for _, k := range slices.Sorted(maps.Keys(l.Extra)) {
			add(ex, k, text(l.Extra[k]))
		}
		add(t, "extra", ex)
	}
	return t
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, text(key), v)
}

func addText(m *yaml.Node, key, v string) {
	if v != "" {
		add(m, key, text(v))
	}
}

// text is a string scalar: the library quotes it only where a plain scalar
// would read back as something else.
func text(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func quoted(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
}
