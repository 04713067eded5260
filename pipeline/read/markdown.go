package read

import (
	"bytes"
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// DefaultMarkdownSkip is the default rule for the sections of an awesome
// list that are not tools. It is matched (case-insensitively) against the
// plain text of every heading but the title; a matching heading is left out
// with its whole section, sub-headings included (see readMarkdown and
// docs/markdown-format.md). It skips navigation (contents, quick links),
// the list's own business (contributing, licence, code of conduct,
// sponsors, about, other lists) and resources that are not tools: headings
// made only of words such as Resources, Articles, Books, Blogs, Podcasts,
// Newsletters, Slack, Events, Websites, Courses, Tutorials, Videos, Talks,
// Papers, Conferences, Meetups (joined by "and", "&", "," or "/"). It is
// anchored at both ends so that it matches whole headings: "Contributing to
// the list" and "Quick links to sections on this page" match, but "Main
// Contributors" (a level-1 heading that holds the whole list in the 2018
// awesome-production-ml files), "Community Detection" and "Event Stream
// Processing" do not.
const DefaultMarkdownSkip = `(?i)^(?:` +
	`(?:table of )?contents|toc|index|quick[ -]?links\b.*|` +
	`(?:how to )?contribut(?:e|ing|ions?|ors?)\b.*|` +
	`licen[cs]es?|code of conduct|` +
	`(?:other|more|related|similar)\b.*\b(?:awesome|lists?)\b.*|awesome lists?|` +
	`related(?: projects?| resources| work)?|see also|` +
	`sponsors?\b.*|backers|acknowledge?ments?|credits|` +
	`about\b.*|star history|community|translations?|` +
	mdResourceWords + `(?:\s*(?:,|&|/|\band\b)\s*` + mdResourceWords + `)*` +
	`)$`

// mdResourceWords are the headings of resource sections (one word or
// phrase; DefaultMarkdownSkip allows several joined by "and", "&", "," or
// "/").
const mdResourceWords = `(?:(?:other |more |further |additional |learning |useful |external |online )?resources?|` +
	`articles?|(?:free )?books?|e-?books?|blogs?(?: posts?)?|podcasts?|newsletters?|` +
	`slack(?: channels?| communities| workspaces?)?|events|websites?|web sites?|` +
	`(?:online )?courses?|moocs?|tutorials?|videos?|talks|papers|research papers|` +
	`conferences?|meetups?|cheat ?sheets?)`

// mdNavHeading are the headings of a table of contents. A skipped heading
// of this kind leaves out its own blocks (the links to the sections) but
// not its sub-headings: in the first releases of awesome-production-ml
// (2018-08-15 to 2018-09-06) `## Contents` is the list itself, its
// categories `### Model Versioning`, `### Data Storage / Standardisation`,
// … under it.
var mdNavHeading = regexp.MustCompile(`(?i)^(?:(?:table of )?contents|toc|index)$`)

// MarkdownSkipNone is the Options.MarkdownSkip value that skips no section:
// every heading is read as a possible category.
const MarkdownSkipNone = "none"

func init() {
	Register(Format{Name: "markdown", Detect: detectMarkdown, Read: readMarkdown})
}

func detectMarkdown(name string, _ []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return true
	}
	return false
}

var mdDefaultSkip = regexp.MustCompile(DefaultMarkdownSkip)

// mdSkipRule compiles the skip rule of opts.
func mdSkipRule(opts Options) (*regexp.Regexp, error) {
	switch opts.MarkdownSkip {
	case "":
		return mdDefaultSkip, nil
	case MarkdownSkipNone:
		return regexp.MustCompile(`^\b\B$`), nil // matches nothing
	}
	re, err := regexp.Compile("(?i)" + opts.MarkdownSkip)
	if err != nil {
		return nil, fmt.Errorf("invalid markdown skip rule (MarkdownSkip) %q: %v", opts.MarkdownSkip, err)
	}
	return re, nil
}

// mdSection is a top-level heading and the blocks up to the next one.
type mdSection struct {
	level   int
	text    string
	blocks  []ast.Node
	tools   []*ast.ListItem // tool items directly in the section
	title   bool
	skipped bool
	heading *ast.Heading
}

type mdReader struct {
	fileDiags
	src    []byte
	lines  []int // byte offset of the start of each line
	result []catalog.Listing
}

// readMarkdown reads the "markdown" format: an "awesome list" README
// (CommonMark, with GFM tables), parsed with github.com/yuin/goldmark. The
// rules are also in docs/markdown-format.md.
//
// # Categories
//
// Section headings are categories and the links in the bullets under them
// are tools. Which headings are categories is worked out per file:
//
//  1. The first heading of the file gives Release.Title. When it is a level-1
//     heading (`# Awesome X`) it is the list's title and never a category.
//  2. Headings whose plain text matches the skip rule (DefaultMarkdownSkip,
//     or Options.MarkdownSkip) are left out together with everything in their
//     section, sub-headings included: the section runs to the next heading of
//     the same or a higher level. The title is never matched. A table of
//     contents (mdNavHeading) leaves out only its own blocks, not its
//     sub-headings.
//  3. A heading "holds tools" when a tool bullet (see below) is directly in
//     its section, before the next heading of any level.
//  4. The category level is the top level of the content (mdCategoryLevel):
//     the shallowest level at which two or more headings hold tools through
//     their sub-headings (`## Python`, `## Go` over `#### Topic`s), else the
//     level whose headings hold the most tools directly. Every heading at
//     that level is a category. A shallower heading is a category too when
//     it holds tools itself; otherwise it is a container (`# Main Content`,
//     `## Main Contents`, `# Main Contributors`: one heading over the whole
//     list) and ends the category before it.
//  5. Headings deeper than the category level under a category give the
//     subcategory: the tools in their sections get that category and, as
//     Subcategory, the texts of the deeper headings between the category
//     and the tool, joined by " › " (the next level first, deeper levels
//     after it). So a list gets subcategories only when it is structured
//     that way; tools directly under a category have Subcategory "". (A
//     deeper heading that holds tools with no category above it, only
//     containers, is a category of its own.)
//  6. Everything before the first category heading (badges, intro text and
//     bullets, the quick-links table) is ignored, as is anything else that
//     is under no category.
//
// A heading's text is its plain text: links give their text, images and raw
// HTML give nothing, emoji and `:shortcode:` emoji are dropped, a leading
// "1. " numbering is stripped and whitespace is collapsed. Before parsing,
// lines made only of HTML tags are blanked and `[Name] (url)` becomes a link
// (mdPrepare), so that an anchor above a heading hides nothing.
//
// # Tools
//
// A list item (at any depth, so nested items count too) whose first inline
// is a link is a tool: Name is the link text, Line the line of the item's
// bullet. A GitHub or GitLab repository link (github.com/OWNER/REPO[/…]) is
// the RepoURL, normalised to https://github.com/OWNER/REPO; any other link is
// the HomepageURL. When the tool link is a repository, a further link in the
// item labelled "website", "homepage", "home page", "site" or "project page"
// gives the HomepageURL; when it is not, a link labelled "GitHub", "GitLab",
// "repo", "repository", "source" or "source code" that points to a
// repository gives the RepoURL. A shields.io github/stars/OWNER/REPO badge
// naming another repository than RepoURL is kept in Extra["badge_repo"]:
// badges are pasted by hand and sometimes wrong (the What-If Tool's carried
// TensorBoard's), so they never decide identity. Description is the text of the item after
// the tool link (nested lists excluded), with images (badges) and raw HTML
// left out, links reduced to their text, whitespace collapsed and a leading
// "-", "–", "—" or ":" separator trimmed.
//
// Links to an anchor (#section) or a relative path are navigation, not
// tools. A tool link with an empty name, or whose URL is not a well-formed
// http(s) URL, is an error in strict mode (Options.Strict); in lenient mode
// it is a warning, the tool without a name is left out, and the malformed
// URL is left out (the tool kept without it) or, when it only lacks its
// scheme (`[Name](www.example.com)`), read as https://…. An empty URL
// `[Name]()` is a warning and the tool is kept without URLs. Invalid UTF-8
// is an error.
func readMarkdown(path string, data []byte, opts Options) (*catalog.Snapshot, error) {
	skip, err := mdSkipRule(opts)
	if err != nil {
		return nil, err
	}
	// Bytes has checked the text (checkText) before any reader runs; this
	// covers a direct call.
	if ds := checkText(path, data); ds != nil {
		return nil, ds
	}
	r := &mdReader{fileDiags: fileDiags{path: path, strict: opts.Strict}, src: data, lines: mdLineStarts(data)}
	if ds := mdCheckStructure(path, data); ds != nil {
		return nil, ds
	}

	// Raw HTML hides no heading or bullet, and `[Name] (url)` is a link
	// (mdPrepare keeps every byte offset, so lines and columns are those of
	// the file).
	data = mdPrepare(data)
	r.src = data
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	doc := md.Parser().Parse(text.NewReader(data))

	// Split the top-level blocks into sections by heading.
	var secs []*mdSection
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			secs = append(secs, &mdSection{level: h.Level, text: r.headingText(h), heading: h})
			continue
		}
		if len(secs) > 0 { // blocks before the first heading are ignored
			s := secs[len(secs)-1]
			s.blocks = append(s.blocks, n)
		}
	}

	snap := &catalog.Snapshot{}
	if len(secs) > 0 {
		snap.Release.Title = secs[0].text
		secs[0].title = secs[0].level == 1
	}

	// A table of contents that is the list itself: its plain-text items
	// are the categories of the tools nested in them.
	secs = r.bulletSections(secs, skip)

	// Skip rule: a matching heading and its sub-headings; a table of
	// contents only its own blocks.
	skipLevel := 0
	for _, s := range secs {
		if skipLevel > 0 && s.level > skipLevel {
			s.skipped = true
			continue
		}
		skipLevel = 0
		if !s.title && skip.MatchString(s.text) {
			s.skipped = true
			if !mdNavHeading.MatchString(s.text) {
				skipLevel = s.level
			}
		}
	}

	// Category level: the top level of the heading tree that holds the
	// list's content (see mdCategoryLevel).
	for _, s := range secs {
		if !s.title && !s.skipped {
			s.tools = mdToolItems(s.blocks)
		}
	}
	catLevel := mdCategoryLevel(secs)
	if catLevel == 0 {
		r.warnAt(0, 0, "no tools found: no list item under a section heading (the title is not one) starts with a link")
	}

	// Walk the sections, keeping the current category and the stack of
	// subcategory headings below it.
	type sub struct {
		level int
		text  string
	}
	category, catAt := "", 0 // the current category and its heading level
	var nameless *mdSection  // the current category when its heading has no text
	var subs []sub
	for _, s := range secs {
		if s.title {
			category, nameless, subs = "", nil, nil
			continue
		}
		if s.level <= catLevel || ((category != "" || nameless != nil) && s.level <= catAt) {
			category, nameless, subs = "", nil, nil // leaves the current category
		}
		for len(subs) > 0 && subs[len(subs)-1].level >= s.level {
			subs = subs[:len(subs)-1]
		}
		if s.skipped {
			continue
		}
		switch {
		case category == "" && nameless == nil && (s.level == catLevel || len(s.tools) > 0):
			category, catAt = s.text, s.level
			if s.text == "" {
				nameless = s
			}
		case category != "":
			subs = append(subs, sub{s.level, s.text})
		}
		if nameless != nil && len(s.tools) > 0 && !nameless.skipped {
			// Its tools would have no category: an error rather than
			// tools lost without a word.
			line, col := r.position(nameless.heading.Pos())
			r.recoverAt(line, col, "its tools are left out",
				"heading has no text to name the category of its %d tools (images, raw HTML and markup give none); expected a heading with a category name", mdCountTools(secs, nameless))
			nameless.skipped = true // reported once
		}
		if category == "" {
			continue
		}
		names := make([]string, len(subs))
		for i, x := range subs {
			names[i] = x.text
		}
		for _, item := range s.tools {
			r.tool(item, category, strings.Join(names, " › "))
		}
	}

	snap.Listings = r.result
	return r.finish(snap)
}

// mdCategoryLevel is the heading level of the categories, from the heading
// tree (the title and skipped sections count for nothing):
//
//  1. L is the level whose headings hold the most tools directly (ties:
//     the shallower level): the level of a flat list's categories, or of
//     the topics of a list organised as `## Language` › `#### Topic`.
//  2. The category level is the shallowest level above L at which two or
//     more headings hold tools through their sub-headings (`## Python`,
//     `## Go`, …): the top level of the content. A single such heading
//     (`# Main Content`) is a container over the whole list, not a
//     category. When there is no such level, it is L.
//
// 0 when no heading holds a tool.
func mdCategoryLevel(secs []*mdSection) int {
	var direct, nested [7]int
	for i, s := range secs {
		if s.title || s.skipped {
			continue
		}
		direct[s.level] += len(s.tools)
		for _, d := range secs[i+1:] {
			if d.level <= s.level {
				break
			}
			if !d.title && !d.skipped && len(d.tools) > 0 {
				nested[s.level]++
				break
			}
		}
	}
	l := 0
	for level := 1; level <= 6; level++ {
		if direct[level] > 0 && (l == 0 || direct[level] > direct[l]) {
			l = level
		}
	}
	for level := 1; level < l; level++ {
		if nested[level] >= 2 {
			return level
		}
	}
	return l
}

// mdPrepare returns a copy of a Markdown file in which raw HTML hides no
// content and `[Name] (url)` is a link, every byte at its offset:
//
//   - A line made only of HTML tags (`<a name="x"></a>`, `<a name="x" />`,
//     `<p align="center">`, `</div>`, …), outside fenced code and HTML
//     comments, is blanked (its bytes become spaces). In CommonMark such a
//     line starts an HTML block that runs to the next blank line, so the
//     heading and the bullets under an anchor would be read as HTML and
//     lost. HTML gives no text anyway. Lines opening <pre>, <script>,
//     <style> or <textarea> (whose blocks end at their closing tag) and
//     comments are kept: what they hide stays hidden.
//   - On a list item line, `[Name] (https://…)` (white space between the
//     link text and its destination, common in older lists) becomes
//     `[Name](https://…) `: the white space moves after the link.
func mdPrepare(src []byte) []byte {
	out := bytes.Clone(src)
	var fence []byte
	inComment := false
	for start := 0; start < len(out); {
		end := bytes.IndexByte(out[start:], '\n')
		if end < 0 {
			end = len(out)
		} else {
			end += start
		}
		line := out[start:end]
		next := end + 1
		switch {
		case fence != nil:
			if mdClosesFence(bytes.TrimSuffix(line, []byte("\r")), fence) {
				fence = nil
			}
		case inComment:
			if bytes.Contains(line, []byte("-->")) {
				inComment = false
			}
		default:
			if f := mdOpensFence(bytes.TrimSuffix(line, []byte("\r"))); f != nil {
				fence = f
				break
			}
			if i := bytes.LastIndex(line, []byte("<!--")); i >= 0 && !bytes.Contains(line[i:], []byte("-->")) {
				inComment = true
				break
			}
			if mdTagsOnly.Match(line) && !mdRawBlockTag.Match(line) {
				for i := range line {
					if line[i] != '\r' {
						line[i] = ' '
					}
				}
				break
			}
			mdFixSpacedLink(line)
		}
		start = next
	}
	return out
}

var (
	mdTag         = `(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*)?/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)`
	mdTagsOnly    = regexp.MustCompile(`^\s*` + mdTag + `(?:\s*` + mdTag + `)*\s*$`)
	mdRawBlockTag = regexp.MustCompile(`(?i)<(?:pre|script|style|textarea)\b`)
	mdSpacedLink  = regexp.MustCompile(`^[ \t]*(?:>[ \t]*)*(?:[*+-]|[0-9]{1,9}[.)])[ \t]+\[[^\[\]]*\]([ \t]+)\(`)
	mdLinkDest    = regexp.MustCompile(`^(?i:https?://|www\.)[^\s()]*\)`)
)

// mdFixSpacedLink turns `* [Name] (https://…)` into `* [Name](https://…) `
// in place.
func mdFixSpacedLink(line []byte) {
	m := mdSpacedLink.FindSubmatchIndex(line)
	if m == nil {
		return
	}
	sp0, sp1 := m[2], m[3] // the white space
	open := m[1] - 1       // the "("
	d := mdLinkDest.Find(line[open+1:])
	if d == nil {
		return
	}
	link := append([]byte(nil), line[open:open+1+len(d)]...) // "(…)"
	ws := append([]byte(nil), line[sp0:sp1]...)
	copy(line[sp0:], link)
	copy(line[sp0+len(link):], ws)
}

// mdToolItems finds the list items in blocks, at any depth, whose first inline
// is a link to something other than an anchor or a relative path.
func mdToolItems(blocks []ast.Node) []*ast.ListItem {
	var items []*ast.ListItem
	for _, b := range blocks {
		_ = ast.Walk(b, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			if li, ok := n.(*ast.ListItem); ok {
				if link := mdItemLink(li); link != nil && !mdIsNavLink(string(link.Destination)) {
					items = append(items, li)
				}
			}
			return ast.WalkContinue, nil
		})
	}
	return items
}

// bulletSections reads a table of contents that holds the list itself
// (awesome-production-ml's first releases, 2018-08-15 and 2018-08-16:
// `## Contents` › `* Model Versioning` › `* [DVC](https://dvc.org/) - …`):
// for a navigation heading the skip rule matches whose blocks hold tool
// links (not links to the sections), each top-level item that is plain text
// and has tools nested in it becomes a section one level below the heading,
// named by its text, with its nested lists as blocks; the later releases
// give the same tools the same category as a `### Model Versioning`
// heading. The items are positions in the file as they are.
func (r *mdReader) bulletSections(secs []*mdSection, skip *regexp.Regexp) []*mdSection {
	var out []*mdSection
	for _, s := range secs {
		out = append(out, s)
		if s.title || !skip.MatchString(s.text) || !mdNavHeading.MatchString(s.text) || len(mdToolItems(s.blocks)) == 0 {
			continue
		}
		for _, b := range s.blocks {
			list, ok := b.(*ast.List)
			if !ok {
				continue
			}
			for it := list.FirstChild(); it != nil; it = it.NextSibling() {
				li, ok := it.(*ast.ListItem)
				if !ok || mdItemLink(li) != nil {
					continue
				}
				var nested []ast.Node
				var text string
				for c := li.FirstChild(); c != nil; c = c.NextSibling() {
					switch c.(type) {
					case *ast.TextBlock, *ast.Paragraph:
						if text == "" {
							text = mdCollapse(r.inlineText(c))
						}
					case *ast.List:
						nested = append(nested, c)
					}
				}
				if text == "" || len(mdToolItems(nested)) == 0 {
					continue
				}
				out = append(out, &mdSection{level: s.level + 1, text: text, blocks: nested, heading: s.heading})
			}
		}
	}
	return out
}

// mdItemLink returns the link that a list item starts with, or nil.
func mdItemLink(li *ast.ListItem) *ast.Link {
	first := li.FirstChild()
	switch first.(type) {
	case *ast.TextBlock, *ast.Paragraph:
	default:
		return nil
	}
	link, _ := first.FirstChild().(*ast.Link)
	return link
}

var mdURLScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// mdIsNavLink reports whether a link destination points inside the document
// or the repository: an anchor or a relative path (no scheme, not "www.").
func mdIsNavLink(dest string) bool {
	d := strings.TrimSpace(dest)
	if d == "" {
		return false
	}
	if strings.HasPrefix(d, "#") {
		return true
	}
	if mdURLScheme.MatchString(d) || strings.HasPrefix(d, "//") || strings.HasPrefix(strings.ToLower(d), "www.") {
		return false
	}
	return true
}

// tool turns one tool item into a Listing (or a diagnostic).
func (r *mdReader) tool(li *ast.ListItem, category, subcategory string) {
	link := mdItemLink(li)
	line, _ := r.position(li.Pos())
	lline, lcol := r.position(link.Pos())
	name := mdCollapse(r.inlineText(link))
	if name == "" {
		r.recoverAt(lline, lcol, listingLeftOut, "tool link has an empty name; expected [Name](https://…)")
		return
	}
	l := catalog.Listing{Name: name, Category: category, Subcategory: subcategory, Line: line}

	dest := strings.TrimSpace(string(link.Destination))
	isRepo := false
	if dest == "" && link.NextSibling() == nil && li.FirstChild().NextSibling() == nil {
		// `* [Kafka]()` and nothing else: a placeholder, not a tool.
		r.recoverAt(lline, lcol, listingLeftOut, "tool %q has an empty link URL and nothing else (a placeholder); expected [Name](https://…)", name)
		return
	}
	if dest == "" {
		r.warnAt(lline, lcol, "tool %q has an empty link URL", name)
	} else {
		if msg := mdCheckHTTPURL(dest); msg != "" {
			dest = r.fixValue(lline, lcol, dest, fmt.Sprintf("tool %q: %s; expected an absolute http(s) URL (https://…)", name, msg), fixURL)
		}
		if dest == "" {
			// left out (lenient): the tool is kept without it
		} else if repo, ok := mdRepoURL(dest); ok {
			l.RepoURL, isRepo = repo, true
		} else {
			l.HomepageURL = dest
		}
	}

	// The rest of the item: description, badges, labelled links.
	var desc strings.Builder
	var badgeRepo, labelHome, labelRepo string
	var visit func(n ast.Node)
	visit = func(n ast.Node) {
		switch n := n.(type) {
		case *ast.Image:
			if repo, ok := mdBadgeRepoURL(string(n.Destination)); ok && badgeRepo == "" {
				badgeRepo = repo
			}
			return
		case *ast.Link:
			if n != link {
				label := strings.ToLower(strings.Trim(mdCollapse(r.inlineText(n)), " ()[]"))
				d := strings.TrimSpace(string(n.Destination))
				if mdCheckHTTPURL(d) == "" {
					repo, ok := mdRepoURL(d)
					switch {
					case mdHomeLabels[label] && !ok && labelHome == "":
						labelHome = d
					case mdRepoLabels[label] && ok && labelRepo == "":
						labelRepo = repo
					}
				}
				desc.WriteString(r.inlineText(n))
			}
			// A badge wrapped in a link: [![stars](…)](…).
			_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
				if img, ok := c.(*ast.Image); ok && entering {
					visit(img)
				}
				return ast.WalkContinue, nil
			})
			return
		case *ast.List:
			return // nested items are tools or notes of their own
		}
		if r.writeInline(&desc, n) {
			return
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			visit(c)
		}
	}
	visit(link) // badges inside the tool link itself
	for c := link.NextSibling(); c != nil; c = c.NextSibling() {
		visit(c)
	}
	for b := li.FirstChild().NextSibling(); b != nil; b = b.NextSibling() {
		switch b.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			desc.WriteByte(' ')
			for c := b.FirstChild(); c != nil; c = c.NextSibling() {
				visit(c)
			}
		}
	}
	l.Description = mdTrimSeparator(mdCollapse(desc.String()))
	if isRepo {
		l.HomepageURL = labelHome
	} else if labelRepo != "" {
		l.RepoURL = labelRepo
	}
	if badgeRepo != "" && badgeRepo != l.RepoURL {
		// A star badge is pasted, and sometimes pasted wrong (What-If Tool
		// carried TensorBoard's): it is kept, but never decides identity.
		if l.Extra == nil {
			l.Extra = map[string]string{}
		}
		l.Extra["badge_repo"] = badgeRepo
	}
	r.result = append(r.result, l)
}

var mdHomeLabels = map[string]bool{"website": true, "web site": true, "homepage": true, "home page": true, "site": true, "project page": true}
var mdRepoLabels = map[string]bool{"github": true, "gitlab": true, "repo": true, "repository": true, "source": true, "source code": true}

// mdCheckHTTPURL returns "" for a well-formed absolute http(s) URL, else what
// is wrong with it.
func mdCheckHTTPURL(s string) string {
	if strings.ContainsAny(s, " \t\n") {
		return fmt.Sprintf("malformed URL %q: it holds white space", s)
	}
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Sprintf("malformed URL %q: %v", s, err)
	}
	switch {
	case u.Scheme == "" && strings.HasPrefix(strings.ToLower(s), "www."):
		return fmt.Sprintf("malformed URL %q: no scheme", s)
	case u.Scheme == "":
		return fmt.Sprintf("malformed URL %q: not an absolute URL", s)
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Sprintf("malformed URL %q: scheme %q is not http or https", s, u.Scheme)
	case u.Host == "":
		return fmt.Sprintf("malformed URL %q: no host", s)
	}
	return ""
}

// mdGitHubReserved are first path segments of github.com that are not owners.
var mdGitHubReserved = map[string]bool{
	"about": true, "apps": true, "blog": true, "collections": true, "contact": true,
	"customer-stories": true, "enterprise": true, "events": true, "explore": true,
	"features": true, "issues": true, "login": true, "marketplace": true, "new": true,
	"notifications": true, "orgs": true, "pricing": true, "pulls": true, "search": true,
	"security": true, "settings": true, "site": true, "solutions": true, "sponsors": true,
	"topics": true, "trending": true, "users": true, "resources": true, "codespaces": true,
}

// mdGitLabStop are path segments that end a GitLab project path in old-style
// URLs without the "/-/" separator.
var mdGitLabStop = map[string]bool{
	"-": true, "tree": true, "blob": true, "raw": true, "issues": true, "merge_requests": true,
	"wikis": true, "commits": true, "releases": true, "tags": true, "pipelines": true,
}

// mdRepoURL reports whether u is a GitHub or GitLab repository URL (or a page
// inside one) and returns it normalised to https://github.com/OWNER/REPO
// (https://gitlab.com/GROUP/…/PROJECT for GitLab), without ".git", query or
// fragment.
func mdRepoURL(u string) (string, bool) {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") {
		return "", false
	}
	host := strings.TrimPrefix(strings.ToLower(p.Hostname()), "www.")
	var segs []string
	for _, s := range strings.Split(p.Path, "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	switch host {
	case "github.com":
		if len(segs) < 2 || mdGitHubReserved[strings.ToLower(segs[0])] {
			return "", false
		}
		repo := strings.TrimSuffix(segs[1], ".git")
		if repo == "" {
			return "", false
		}
		return "https://github.com/" + segs[0] + "/" + repo, true
	case "gitlab.com":
		var keep []string
		for _, s := range segs {
			if mdGitLabStop[s] {
				break
			}
			keep = append(keep, s)
		}
		if len(keep) < 2 {
			return "", false
		}
		keep[len(keep)-1] = strings.TrimSuffix(keep[len(keep)-1], ".git")
		return "https://gitlab.com/" + strings.Join(keep, "/"), true
	}
	return "", false
}

var mdShieldsStars = regexp.MustCompile(`^/github/stars/([^/]+)/([^/]+?)(?:\.(?:svg|png|json))?$`)

// mdBadgeRepoURL reads the repository out of a shields.io GitHub-stars badge
// URL (https://img.shields.io/github/stars/OWNER/REPO.svg?…).
func mdBadgeRepoURL(u string) (string, bool) {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || !strings.EqualFold(p.Hostname(), "img.shields.io") {
		return "", false
	}
	m := mdShieldsStars.FindStringSubmatch(p.Path)
	if m == nil {
		return "", false
	}
	return "https://github.com/" + m[1] + "/" + m[2], true
}

// mdCountTools counts the tools of a category section and the sections
// under it.
func mdCountTools(secs []*mdSection, cat *mdSection) int {
	n, in := 0, false
	for _, s := range secs {
		switch {
		case s == cat:
			in = true
		case in && s.level <= cat.level:
			return n
		}
		if in {
			n += len(s.tools)
		}
	}
	return n
}

// ---- limits ----

// Limits on the block structure of a Markdown file. The Markdown parser's
// time grows faster than the input with the nesting of block quotes and
// lists and with the length of a paragraph (its lines are scanned again for
// link reference definitions), so deeper nesting and longer paragraphs are
// refused before parsing. Real awesome lists nest 6 levels at most and have
// paragraphs of a few lines; at the limits, parsing takes milliseconds.
// (Variables so that tests can lower them.)
var (
	mdMaxDepth          = 64  // block quote markers, list markers and indentation/2
	mdMaxParagraphLines = 200 // lines of one paragraph (or list item) without a blank line
)

// mdCheckStructure refuses a line nested deeper than mdMaxDepth and a
// paragraph of more than mdMaxParagraphLines lines, with their position.
// Rows of a table (after its delimiter row) and the lines of a fenced code
// block (at the top level: its fence indented less than 4 columns) are not
// paragraph lines.
func mdCheckStructure(path string, data []byte) catalog.Diagnostics {
	var ds catalog.Diagnostics
	run, runStart, inTable := 0, 0, false
	var prev, fence []byte // fence: the open code fence
lines:
	for n, start := 1, 0; start < len(data); n++ {
		end := bytes.IndexByte(data[start:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += start
		}
		line := bytes.TrimSuffix(data[start:end], []byte("\r"))
		start = end + 1
		if fence != nil {
			if mdClosesFence(line, fence) {
				fence = nil
			}
			continue
		}
		if f := mdOpensFence(line); f != nil {
			fence, run, inTable = f, 0, false
			continue
		}
		content, depth, col, item := mdLinePrefix(line)
		if depth > mdMaxDepth {
			ds = append(ds, catalog.Errorf(path, n, col,
				"block quotes, lists and indentation are nested %d levels deep here; expected at most %d levels", depth, mdMaxDepth))
			if len(ds) >= maxTextDiagnostics {
				break lines
			}
		}
		trimmed := bytes.TrimSpace(content)
		switch {
		case len(trimmed) == 0:
			run, inTable = 0, false
		case inTable:
		case item || mdATXHeading(trimmed):
			run, runStart = 1, n // starts a new block
		case run > 0 && mdDelimiterRow(trimmed) && mdCells(trimmed) == mdCells(prev):
			run, inTable = 0, true
		default:
			if run == 0 {
				runStart = n
			}
			run++
			if run == mdMaxParagraphLines+1 {
				ds = append(ds, catalog.Errorf(path, runStart, 0,
					"a paragraph runs on for more than %d lines without a blank line; expected at most %d lines per paragraph or list item", mdMaxParagraphLines, mdMaxParagraphLines))
				if len(ds) >= maxTextDiagnostics {
					break lines
				}
			}
		}
		prev = trimmed
	}
	return ds
}

// mdLinePrefix strips a line's container prefix — white space, block quote
// markers (>) and list markers (-, *, + or a number with . or ), before a
// space) — and returns the rest, the nesting depth of the prefix (one per
// marker, one per 2 columns of white space), the 1-based column (in bytes)
// where the depth first went over mdMaxDepth, and whether the prefix holds a
// list marker (the line starts a list item).
func mdLinePrefix(line []byte) (rest []byte, depth, col int, item bool) {
	markers, cols := 0, 0
	i := 0
	for i < len(line) {
		c := line[i]
		switch {
		case c == ' ':
			cols++
			i++
		case c == '\t':
			cols += 4 - cols%4
			i++
		case c == '>':
			markers++
			i++
		default:
			m := mdListMarker(line[i:])
			if m == 0 {
				return line[i:], markers + cols/2, col, item
			}
			markers++
			i += m
			item = true
		}
		if col == 0 && markers+cols/2 > mdMaxDepth {
			col = i
		}
	}
	return nil, markers + cols/2, col, item
}

// mdOpensFence returns the fence (``` or ~~~, 3 or more) that line opens
// as a top-level fenced code block, or nil.
func mdOpensFence(line []byte) []byte {
	rest := bytes.TrimLeft(line, " ")
	if len(line)-len(rest) > 3 || len(rest) < 3 || (rest[0] != '`' && rest[0] != '~') {
		return nil
	}
	n := 0
	for n < len(rest) && rest[n] == rest[0] {
		n++
	}
	if n < 3 || (rest[0] == '`' && bytes.IndexByte(rest[n:], '`') >= 0) {
		return nil
	}
	return rest[:n]
}

// mdClosesFence reports whether line closes the code block opened by fence.
func mdClosesFence(line, fence []byte) bool {
	rest := bytes.TrimLeft(line, " ")
	if len(line)-len(rest) > 3 {
		return false
	}
	n := 0
	for n < len(rest) && rest[n] == fence[0] {
		n++
	}
	return n >= len(fence) && len(bytes.TrimSpace(rest[n:])) == 0
}

// mdListMarker returns the length of a list marker at the start of b ("-",
// "*", "+", "1." or "1)" followed by a space, a tab or the line end), or 0.
func mdListMarker(b []byte) int {
	n := 0
	switch {
	case len(b) > 0 && (b[0] == '-' || b[0] == '*' || b[0] == '+'):
		n = 1
	default:
		for n < len(b) && n < 9 && b[n] >= '0' && b[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(b) || (b[n] != '.' && b[n] != ')') {
			return 0
		}
		n++
	}
	if n < len(b) && b[n] != ' ' && b[n] != '\t' {
		return 0
	}
	return n
}

// mdATXHeading reports whether b starts an ATX heading (1 to 6 #, then a
// space or the line end).
func mdATXHeading(b []byte) bool {
	n := 0
	for n < len(b) && b[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(b) || b[n] == ' ' || b[n] == '\t')
}

// mdDelimiterRow reports whether b is a GFM table delimiter row
// (| --- | :-: |).
func mdDelimiterRow(b []byte) bool {
	cells := bytes.Split(bytes.Trim(bytes.TrimSpace(b), "|"), []byte("|"))
	for _, c := range cells {
		c = bytes.TrimSpace(c)
		c = bytes.TrimPrefix(bytes.TrimSuffix(c, []byte(":")), []byte(":"))
		if len(c) == 0 || len(bytes.Trim(c, "-")) != 0 {
			return false
		}
	}
	return true
}

// mdCells counts the cells of a table row, roughly (escaped pipes are not
// told apart: a wrong count only means the table's rows are counted as
// paragraph lines).
func mdCells(b []byte) int {
	return len(bytes.Split(bytes.Trim(bytes.TrimSpace(b), "|"), []byte("|")))
}

// ---- text helpers ----

var (
	mdEmojiShortcode = regexp.MustCompile(`(^|\s):[a-z0-9_+\-]+:(\s|$)`)
	mdHeadingNumber  = regexp.MustCompile(`^\d+[.)]\s+`)
)

// headingText is the plain text of a heading: no markup, emoji, shortcodes
// or leading numbering.
func (r *mdReader) headingText(h *ast.Heading) string {
	t := r.inlineText(h)
	for mdEmojiShortcode.MatchString(t) {
		t = mdEmojiShortcode.ReplaceAllString(t, "$1$2")
	}
	t = strings.Map(func(c rune) rune {
		if mdIsEmoji(c) {
			return -1
		}
		return c
	}, t)
	t = mdCollapse(t)
	t = mdHeadingNumber.ReplaceAllString(t, "")
	if t == "" {
		// A heading of emoji only ("## 🚀") keeps them as its name.
		t = mdCollapse(r.inlineText(h))
	}
	return t
}

// mdIsEmoji reports whether c is an emoji or a part of one (variation
// selector, zero-width joiner, skin-tone modifier, keycap).
func mdIsEmoji(c rune) bool {
	switch {
	case c == 0x200D || c == 0x20E3 || (c >= 0xFE00 && c <= 0xFE0F):
		return true
	case c >= 0x1F3FB && c <= 0x1F3FF: // skin tones
		return true
	case c >= 0x1F000 && c <= 0x1FAFF:
		return true
	case c >= 0x2600 && c <= 0x27BF: // misc symbols, dingbats
		return true
	case c >= 0x2B00 && c <= 0x2BFF:
		return true
	}
	return false
}

// inlineText is the plain text of a node's inline children.
func (r *mdReader) inlineText(n ast.Node) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.writeText(&b, c)
	}
	return b.String()
}

// writeText writes the plain text of an inline node and its children;
// images and raw HTML give nothing.
func (r *mdReader) writeText(b *strings.Builder, n ast.Node) {
	if r.writeInline(b, n) {
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.writeText(b, c)
	}
}

// writeInline writes the text of a leaf-like inline node (text, string,
// code span, autolink) or of a link, and reports whether n was handled
// entirely; for other nodes (emphasis, …) the caller goes on with the
// children. Images and raw HTML are handled and give nothing.
func (r *mdReader) writeInline(b *strings.Builder, n ast.Node) bool {
	switch n := n.(type) {
	case *ast.Text:
		b.Write(n.Value(r.src))
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.WriteByte(' ')
		}
		return true
	case *ast.String:
		b.Write(n.Value)
		return true
	case *ast.CodeSpan:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				b.Write(t.Value(r.src))
			} else if s, ok := c.(*ast.String); ok {
				b.Write(s.Value)
			}
		}
		return true
	case *ast.AutoLink:
		b.Write(n.Label(r.src))
		return true
	case *ast.Link:
		b.WriteString(r.inlineText(n))
		return true
	case *ast.Image, *ast.RawHTML:
		return true
	}
	return false
}

// mdCollapse turns runs of white space into one space and trims the ends.
func mdCollapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// mdTrimSeparator removes a leading " - " (or –, —, :) between the tool link
// and its description.
func mdTrimSeparator(s string) string {
	for _, sep := range []string{"-", "–", "—", ":"} {
		if rest, ok := strings.CutPrefix(s, sep); ok && (rest == "" || rest[0] == ' ') {
			return strings.TrimSpace(rest)
		}
	}
	return s
}

// ---- positions ----

func mdLineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// position turns a byte offset into a 1-based line and column (in
// characters).
func (r *mdReader) position(off int) (int, int) {
	if off < 0 {
		return 0, 0
	}
	i := sort.Search(len(r.lines), func(i int) bool { return r.lines[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	col := utf8.RuneCount(r.src[r.lines[i]:min(off, len(r.src))]) + 1
	return i + 1, col
}
