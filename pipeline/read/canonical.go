package read

// This file holds the reader of the canonical snapshot format (see
// docs/snapshot-format.md); yamlutil.go has the YAML and value helpers that
// the cncf and csv readers share with it.

import (
	"bytes"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"go.yaml.in/yaml/v3"
)

func init() {
	Register(Format{Name: "canonical", Detect: detectCanonical, Read: readCanonical})
}

var canonicalHead = regexp.MustCompile(`(?m)^(release|categories):`)

// detectCanonical takes .yaml/.yml files with a top-level release: or
// categories: key.
func detectCanonical(name string, head []byte) bool {
	return hasYAMLExt(name) && canonicalHead.Match(bytes.TrimPrefix(head, utf8BOM))
}

// utf8BOM is the byte-order mark; detection sees the file before read.Bytes
// strips it.
var utf8BOM = []byte("\xef\xbb\xbf")

func hasYAMLExt(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// Keys of the canonical format, per level.
var (
	canonicalTopKeys         = []string{"release", "categories", "changes"}
	canonicalChangeKeys      = []string{"kind", "name", "category", "subcategory", "date", "by", "from", "to"}
	canonicalReleaseKeys     = []string{"id", "date", "title", "source", "commit"}
	canonicalCategoryKeys    = []string{"name", "description", "subcategories", "tools"}
	canonicalSubcategoryKeys = []string{"name", "description", "tools"}
	canonicalToolKeys        = []string{"name", "homepage_url", "repo_url", "description", "launched", "open_source", "license", "status", "stars", "extra"}
)

// canonicalReader reads one canonical snapshot file.
type canonicalReader struct {
	*yamlFile
	snap catalog.Snapshot
}

func readCanonical(path string, data []byte, opts Options) (*catalog.Snapshot, error) {
	f := newYAMLFile(path, opts)
	root := f.parse(data)
	if root == nil {
		return nil, f.diags
	}
	r := &canonicalReader{yamlFile: f}
	r.document(root)
	return f.finish(&r.snap)
}

func (r *canonicalReader) document(root *yaml.Node) {
	if !r.expect(root, yaml.MappingNode, "the document", "a mapping with release: and categories:") {
		return
	}
	var release, categories *yaml.Node
	for _, p := range r.fields(root) {
		switch p.key.Value {
		case "release":
			release = p.val
		case "categories":
			categories = p.val
		case "changes":
			for _, c := range r.list(p.val, "changes", "a list of changes (kind, name, date, …)") {
				r.change(c)
			}
		default:
			r.unknownKey(p.key, "", canonicalTopKeys, "")
		}
	}
	if release == nil {
		r.errorf(root, "no release: metadata; expected a release: mapping (id, date, title, source, commit)")
	} else {
		r.release(release)
	}
	if categories == nil {
		r.errorf(root, "no categories:; expected a list of categories")
		return
	}
	seen := map[string]int{}
	for _, c := range r.list(categories, "categories", "a list of categories") {
		r.category(c, seen)
	}
}

func (r *canonicalReader) release(n *yaml.Node) {
	if isNull(n) || !r.expect(n, yaml.MappingNode, "release", "a mapping (id, date, title, source, commit)") {
		return
	}
	rel := &r.snap.Release
	for _, p := range r.fields(n) {
		switch p.key.Value {
		case "id":
			rel.ID = r.text(p.val, "release id")
			if msg := ReleaseIDProblem(rel.ID); rel.ID != "" && msg != "" {
				r.errorf(p.val, "release id %q %s", rel.ID, msg)
			}
		case "date":
			rel.Date = r.date(p.val, "release date")
		case "title":
			rel.Title = r.text(p.val, "release title")
		case "source":
			rel.Source = r.text(p.val, "release source")
		case "commit":
			rel.Commit = r.text(p.val, "release commit")
		default:
			r.unknownKey(p.key, "release.", canonicalReleaseKeys, "")
		}
	}
}

// change reads one entry of changes: a dated fact about a tool since the
// previous release. A malformed entry is left out with a warning.
func (r *canonicalReader) change(n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		r.recoverf(n, leftOut, "change is %s; expected a mapping with kind:, name: and date:", describe(n))
		return
	}
	c := catalog.Change{Line: n.Line}
	for _, p := range r.fields(n) {
		switch p.key.Value {
		case "kind":
			c.Kind = r.fieldText(p.val, "change kind")
		case "name":
			c.Name = r.fieldText(p.val, "change name")
		case "category":
			c.Category = r.fieldText(p.val, "change category")
		case "subcategory":
			c.Subcategory = r.fieldText(p.val, "change subcategory")
		case "date":
			c.Date = r.checked(p.val, "change date", launchedProblem, nil)
		case "by":
			c.By = r.fieldText(p.val, "change by")
		case "from":
			c.From = r.fieldText(p.val, "change from")
		case "to":
			c.To = r.fieldText(p.val, "change to")
		default:
			r.unknownKey(p.key, "changes.", canonicalChangeKeys, "")
		}
	}
	switch {
	case !slices.Contains(catalog.ChangeKinds, c.Kind):
		r.recoverf(n, leftOut, "change kind %q is not one of %s", c.Kind, strings.Join(catalog.ChangeKinds, ", "))
	case c.Name == "":
		r.recoverf(n, leftOut, "change has no name; expected name: TEXT")
	case c.Date == "":
		r.recoverf(n, leftOut, "change of %q has no date; expected date: YYYY or YYYY-MM", c.Name)
	default:
		r.snap.Release.Changes = append(r.snap.Release.Changes, c)
	}
}

// category reads one category; seen maps category names to their line.
func (r *canonicalReader) category(n *yaml.Node, seen map[string]int) {
	if !r.expect(n, yaml.MappingNode, "category", "a mapping with name: and subcategories: or tools:") {
		return
	}
	var name, desc string
	var subs, tools *yaml.Node
	for _, p := range r.fields(n) {
		switch p.key.Value {
		case "name":
			name = r.text(p.val, "category name")
		case "description":
			desc = r.fieldText(p.val, "category description")
		case "subcategories":
			subs = p.val
		case "tools":
			tools = p.val
		default:
			r.unknownKey(p.key, "", canonicalCategoryKeys, "")
		}
	}
	if name == "" {
		r.errorf(n, "category has no name; expected name: TEXT")
	} else if first, dup := seen[name]; dup {
		r.errorf(n, "category %q is listed twice (first at line %d); expected each category once in a release", name, first)
	} else {
		seen[name] = n.Line
		r.group(name, "", desc)
	}
	for _, t := range r.list(tools, "tools", "a list of tools") {
		r.tool(t, name, "")
	}
	seenSub := map[string]int{}
	for _, s := range r.list(subs, "subcategories", "a list of subcategories") {
		r.subcategory(s, name, seenSub)
	}
}

func (r *canonicalReader) subcategory(n *yaml.Node, cat string, seen map[string]int) {
	if !r.expect(n, yaml.MappingNode, "subcategory", "a mapping with name: and tools:") {
		return
	}
	var name, desc string
	var tools *yaml.Node
	for _, p := range r.fields(n) {
		switch p.key.Value {
		case "name":
			name = r.text(p.val, "subcategory name")
		case "description":
			desc = r.fieldText(p.val, "subcategory description")
		case "tools":
			tools = p.val
		default:
			r.unknownKey(p.key, "", canonicalSubcategoryKeys, "")
		}
	}
	if name == "" {
		r.errorf(n, "subcategory of category %q has no name; expected name: TEXT", cat)
	} else if first, dup := seen[name]; dup {
		r.errorf(n, "subcategory %q is listed twice in category %q (first at line %d); expected each subcategory once in its category", name, cat, first)
	} else {
		seen[name] = n.Line
		r.group(cat, name, desc)
	}
	for _, t := range r.list(tools, "tools", "a list of tools") {
		r.tool(t, cat, name)
	}
}

// group keeps the description of a category or subcategory (none kept when
// empty or when the category has no name).
func (r *canonicalReader) group(cat, sub, desc string) {
	if desc != "" && cat != "" {
		r.snap.Release.Groups = append(r.snap.Release.Groups, catalog.Group{Category: cat, Subcategory: sub, Description: desc})
	}
}

func (r *canonicalReader) tool(n *yaml.Node, cat, sub string) {
	if n.Kind != yaml.MappingNode {
		r.recoverf(n, listingLeftOut, "tool is %s; expected a mapping with name: and homepage_url: or repo_url:", describe(n))
		return
	}
	l := catalog.Listing{Category: cat, Subcategory: sub, Line: n.Line}
	for _, p := range r.fields(n) {
		r.toolField(&l, p)
	}
	if l.Name == "" {
		r.recoverf(n, listingLeftOut, "tool has no name; expected name: TEXT")
		return
	}
	if l.HomepageURL == "" && l.RepoURL == "" {
		r.recoverf(n, "the listing is kept without URLs", "tool %q has neither homepage_url nor repo_url; expected at least one of them", l.Name)
	}
	r.snap.Listings = append(r.snap.Listings, l)
}

func (r *canonicalReader) toolField(l *catalog.Listing, p yamlPair) {
	v := p.val
	switch p.key.Value {
	case "name":
		l.Name = r.fieldText(v, "name")
	case "homepage_url":
		l.HomepageURL = r.url(v, "homepage_url")
	case "repo_url":
		l.RepoURL = r.url(v, "repo_url")
	case "description":
		l.Description = r.fieldText(v, "description")
	case "launched":
		l.Launched = r.checked(v, "launched", launchedProblem, nil)
	case "open_source":
		l.OpenSource = r.boolean(v, "open_source")
	case "license":
		l.License = r.checked(v, "license", licenseProblem, nil)
	case "status":
		l.Status = r.checked(v, "status", statusProblem, nil)
	case "stars":
		l.Stars = r.wholeNumber(v, "stars", false)
	case "extra":
		r.extra(v, l)
	default:
		r.unknownKey(p.key, "", canonicalToolKeys, " (kept in extra)")
		setExtra(l, p.key.Value, nodeText(v))
	}
}

// extra reads a tool's extra: mapping of text values.
func (r *canonicalReader) extra(n *yaml.Node, l *catalog.Listing) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		r.recoverf(n, leftOut, "extra is %s; expected a mapping of text values", describe(n))
		return
	}
	for _, p := range r.fields(n) {
		if p.val.Kind != yaml.ScalarNode {
			r.recoverf(p.val, leftOut, "extra.%s is %s; expected a text value", p.key.Value, describe(p.val))
			continue
		}
		setExtra(l, p.key.Value, nodeText(p.val))
	}
}

func (r *canonicalReader) date(n *yaml.Node, what string) time.Time {
	s := r.text(n, what)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		r.errorf(n, "%s is %q; expected a date YYYY-MM-DD", what, s)
		return time.Time{}
	}
	return t
}
