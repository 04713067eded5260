package read

// This file holds the reader of the CNCF / Linux Foundation landscape.yml
// format: landscape › category › subcategories › items › item. The quirks of
// the real files it handles are described in
// shared/corpora/cncf-landscape/SOURCE.md:
//
//   - the marker keys category:, subcategory: and item: have null (or "")
//     values and sit beside name: in the same mapping; an item without the
//     item: marker is still an item;
//   - CNCF project status is cncf_project: (until 2018) or project:;
//   - a category (or a subcategory) listed twice in a release is merged into
//     its first appearance, keeping every item, with a warning;
//   - item names repeat (the same tool in two subcategories): every listing is
//     kept;
//   - unknown keys, such as the typos repu_url and extra.documentation_ul, are
//     warnings with a suggestion, and their values are kept in Listing.Extra;
//   - processed_landscape.yml, which landscapeapp committed beside
//     landscape.yml until 2024, is the same file with the data it fetched
//     added to each item: github_data.stars gives Listing.Stars; the rest of
//     github_data and the other *_data keys (crunchbase_data, image_data, …)
//     are fetched data, not catalog data, and are left out, as is the
//     top-level twitter_options.
//
// Every item key other than name, homepage_url, repo_url, description,
// project/cncf_project and open_source goes to Listing.Extra under its own
// name; the keys of the extra: mapping go there as "extra.KEY". Lists and
// mappings are stored as compact JSON.

import (
	"bytes"
	"regexp"
	"slices"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"go.yaml.in/yaml/v3"
)

func init() {
	Register(Format{Name: "cncf", Detect: detectCNCF, Read: readCNCFBlocks})
}

var cncfHead = regexp.MustCompile(`(?m)^landscape:`)

// detectCNCF takes .yml/.yaml files with a line starting "landscape:".
func detectCNCF(name string, head []byte) bool {
	return hasYAMLExt(name) && cncfHead.Match(bytes.TrimPrefix(head, utf8BOM))
}

// Keys of the landscape.yml format, per level.
var (
	cncfTopKeys         = []string{"landscape"}
	cncfCategoryKeys    = []string{"category", "name", "subcategories"}
	cncfSubcategoryKeys = []string{"subcategory", "name", "items", "note"}
	// cncfItemKeys are the item keys of landscapeapp and landscape2, the
	// first ones read into Listing fields, the others kept in Extra.
	cncfItemKeys = []string{
		"item", "name", "homepage_url", "repo_url", "description", "project", "cncf_project", "open_source", "extra",
		"logo", "crunchbase", "twitter", "stock_ticker", "branch", "url_for_bestpractices", "enduser",
		"unnamed_organization", "joined", "organization", "project_org", "second_path", "additional_repos",
		"allow_duplicate_repo", "license",
	}
	// cncfExtraKeys are the keys of the extra: mapping in the landscape2 data
	// schema, plus others in use in the CNCF landscape. The mapping is open:
	// another key is only reported when it looks like a misspelling of one of
	// these.
	cncfExtraKeys = []string{
		"accepted", "annotations", "annual_review_date", "annual_review_url", "archived", "artwork_url", "audits",
		"blog_url", "bluesky_url", "chat_channel", "clomonitor_name", "dev_stats_url", "discord_url", "docker_url",
		"documentation_url", "facebook_url", "github_discussions_url", "gitter_url", "graduated", "incubating",
		"linkedin_url", "mailing_list_url", "other_links", "package_manager_url", "parent_project", "pinterest_url",
		"reddit_url", "slack_url", "specification", "stack_overflow_url", "summary_business_use_case",
		"summary_integration", "summary_integrations", "summary_intro_url", "summary_personas",
		"summary_release_rate", "summary_tags", "summary_use_case", "tag", "youtube_url",
		// in use, outside the schema
		"ai", "blog_jp_url", "cncf_tags", "devstats", "funding_url", "helm_chart_url", "kubernetes_url",
		"lfx_slug", "operator_chart_url", "summary_languages", "training_certifications", "training_type",
	}
)

// cncfReader reads one landscape.yml file. Categories and subcategories are
// grouped by name so that one listed twice is merged into its first
// appearance.
type cncfReader struct {
	*yamlFile
	cats   []*cncfGroup
	byName map[string]*cncfGroup
	// blocks, on the cached path (cncfblock.go), gives the items of each
	// subcategory from the memo of item blocks; nil reads them from the tree.
	blocks *cncfBlockFile
}

// cncfGroup is a category, or a subcategory of one, with what it holds.
type cncfGroup struct {
	name     string
	line     int
	subs     []*cncfGroup // of a category
	byName   map[string]*cncfGroup
	listings []catalog.Listing // of a subcategory
}

func readCNCF(path string, data []byte, opts Options) (*catalog.Snapshot, error) {
	f := newYAMLFile(path, opts)
	root := f.parse(data)
	if root == nil {
		return nil, f.diags
	}
	r := &cncfReader{yamlFile: f, byName: map[string]*cncfGroup{}}
	r.document(root)
	snap := &catalog.Snapshot{}
	for _, c := range r.cats {
		for _, s := range c.subs {
			snap.Listings = append(snap.Listings, s.listings...)
		}
	}
	return f.finish(snap)
}

func (r *cncfReader) document(root *yaml.Node) {
	if !r.expect(root, yaml.MappingNode, "the document", "a mapping with landscape:") {
		return
	}
	var land *yaml.Node
	for _, p := range r.fields(root) {
		if p.key.Value == "landscape" {
			land = p.val
			continue
		}
		if p.key.Value == "twitter_options" { // processed_landscape.yml
			continue
		}
		r.unknownKey(p.key, "", cncfTopKeys, "")
	}
	if land == nil {
		r.errorf(root, "no landscape: key; expected landscape: with a list of categories")
		return
	}
	for _, c := range r.list(land, "landscape", "a list of categories") {
		r.category(c)
	}
}

func (r *cncfReader) category(n *yaml.Node) {
	if !r.expect(n, yaml.MappingNode, "category", "a mapping with name: and subcategories:") {
		return
	}
	var name string
	var subs *yaml.Node
	for _, p := range r.fields(n) {
		switch p.key.Value {
		case "category":
			r.marker(p)
		case "name":
			name = r.text(p.val, "category name")
		case "subcategories":
			subs = p.val
		default:
			r.unknownKey(p.key, "", cncfCategoryKeys, "")
		}
	}
	if name == "" {
		r.errorf(n, "category has no name; expected name: TEXT")
	}
	cat := r.group(&r.cats, r.byName, name, n, "category %q is listed twice (first at line %d); its subcategories are merged into the first")
	for _, s := range r.list(subs, "subcategories", "a list of subcategories") {
		r.subcategory(s, cat)
	}
}

func (r *cncfReader) subcategory(n *yaml.Node, cat *cncfGroup) {
	if !r.expect(n, yaml.MappingNode, "subcategory", "a mapping with name: and items:") {
		return
	}
	var name string
	var items, itemsKey *yaml.Node
	for _, p := range r.fields(n) {
		switch p.key.Value {
		case "subcategory":
			r.marker(p)
		case "name":
			name = r.text(p.val, "subcategory name")
		case "items":
			items, itemsKey = p.val, p.key
		case "note":
			r.text(p.val, "note")
		default:
			r.unknownKey(p.key, "", cncfSubcategoryKeys, "")
		}
	}
	if name == "" {
		r.errorf(n, "subcategory of category %q has no name; expected name: TEXT", cat.name)
	}
	sub := r.group(&cat.subs, cat.byName, name, n, "subcategory %q is listed twice in its category (first at line %d); its items are merged into the first")
	if r.blocks != nil {
		r.blocks.items(r, itemsKey, items, cat.name, sub)
		return
	}
	for _, it := range r.list(items, "items", "a list of items") {
		r.item(it, cat.name, sub)
	}
}

// group returns the group of that name in groups, adding it when new and
// warning (with dupMsg) when it is not.
func (r *cncfReader) group(groups *[]*cncfGroup, byName map[string]*cncfGroup, name string, n *yaml.Node, dupMsg string) *cncfGroup {
	if g, ok := byName[name]; ok && name != "" {
		r.warnf(n, dupMsg, name, g.line)
		return g
	}
	g := &cncfGroup{name: name, line: n.Line, byName: map[string]*cncfGroup{}}
	*groups = append(*groups, g)
	byName[name] = g
	return g
}

// marker checks a category:, subcategory: or item: marker key, whose value is
// empty.
func (r *cncfReader) marker(p yamlPair) {
	if !isNull(p.val) && (p.val.Kind != yaml.ScalarNode || p.val.Value != "") {
		r.warnf(p.val, "marker key %q has a value (%s); expected it empty", p.key.Value, describe(p.val))
	}
}

func (r *cncfReader) item(n *yaml.Node, cat string, sub *cncfGroup) {
	if n.Kind != yaml.MappingNode {
		r.recoverf(n, listingLeftOut, "item is %s; expected a mapping with name: and homepage_url:", describe(n))
		return
	}
	l := catalog.Listing{Category: cat, Subcategory: sub.name, Line: n.Line}
	for _, p := range r.fields(n) {
		r.itemField(&l, p)
	}
	if l.Name == "" {
		r.recoverf(n, listingLeftOut, "item in %q › %q has no name; expected name: TEXT", cat, sub.name)
		return
	}
	sub.listings = append(sub.listings, l)
}

func (r *cncfReader) itemField(l *catalog.Listing, p yamlPair) {
	k, v := p.key.Value, p.val
	switch k {
	case "item":
		r.marker(p)
	case "name":
		l.Name = r.fieldText(v, "name")
	case "homepage_url":
		l.HomepageURL = r.url(v, "homepage_url")
	case "repo_url":
		l.RepoURL = r.url(v, "repo_url")
	case "description":
		l.Description = r.fieldText(v, "description")
	case "project":
		l.Status = r.fieldText(v, "project")
	case "cncf_project":
		if s := r.fieldText(v, "cncf_project"); l.Status == "" {
			l.Status = s
		}
	case "open_source":
		l.OpenSource = r.boolean(v, "open_source")
	case "extra":
		r.extra(l, v)
	case "github_data":
		l.Stars = r.githubStars(v)
	case "github_start_commit_data", "crunchbase_data", "image_data", "membership_data", "yahoo_finance_data",
		"best_practice_data", "twitter_data":
		// fetched by landscapeapp into processed_landscape.yml
	default:
		if !slices.Contains(cncfItemKeys, k) {
			r.unknownItemKey(p.key)
		}
		setExtra(l, k, nodeText(v))
	}
}

// unknownItemKey warns about an unknown item key, suggesting a known item key
// or, for a key that belongs in extra:, its place there.
func (r *cncfReader) unknownItemKey(k *yaml.Node) {
	if s := closestKey(k.Value, cncfItemKeys); s != "" {
		r.warnf(k, "unknown key %q; did you mean %q?", k.Value, s)
		return
	}
	s := closestKey(k.Value, cncfExtraKeys)
	if slices.Contains(cncfExtraKeys, k.Value) {
		s = k.Value
	}
	if s != "" {
		r.warnf(k, "unknown key %q; did you mean %q?", k.Value, "extra."+s)
		return
	}
	r.warnf(k, "unknown key %q; expected a landscape.yml item key (the value is kept in Extra)", k.Value)
}

// extra flattens an item's extra: mapping into Extra as "extra.KEY".
func (r *cncfReader) extra(l *catalog.Listing, n *yaml.Node) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		r.recoverf(n, leftOut, "extra is %s; expected a mapping", describe(n))
		return
	}
	for _, p := range r.fields(n) {
		k := p.key.Value
		if !slices.Contains(cncfExtraKeys, k) {
			if s := closestKey(k, cncfExtraKeys); s != "" {
				r.warnf(p.key, "unknown key %q; did you mean %q?", "extra."+k, "extra."+s)
			}
		}
		setExtra(l, "extra."+k, nodeText(p.val))
	}
}

// githubStars reads the stars of processed_landscape.yml's github_data
// mapping; nil when there are none.
func (r *cncfReader) githubStars(n *yaml.Node) *int64 {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		r.warnf(n, "github_data is %s; expected a mapping with stars:", describe(n))
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k, v := n.Content[i], n.Content[i+1]; k.Value == "stars" {
			return r.wholeNumber(v, "github_data.stars", true)
		}
	}
	return nil
}
