package read

// The YAML and value helpers of the YAML readers (canonical.go, cncf.go),
// some of which the csv reader uses too: parsing with limits, diagnostics at
// a node's line and column, typed fields, and the checks of field values.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"go.yaml.in/yaml/v3"
)

// Limits on a YAML document. The parser does not expand aliases into the node
// tree, and the readers refuse aliases outright (so a "billion laughs" file is
// refused as fast as it is parsed), so the tree is as large as the text; the
// limits keep pathological inputs cheap. A node of the tree costs about 250
// bytes: a file is refused before parsing when it has more than
// maxYAMLSeparators separators (see yamlSeparators), and after parsing when
// the tree has more than maxYAMLNodes nodes. The largest landscape.yml of the
// CNCF corpus (1.1 MB) has 63 thousand separators and 42 thousand nodes.
// (Variables so that tests can lower them.)
var (
	maxYAMLSeparators = 1_000_000
	maxYAMLNodes      = 1_000_000
	maxYAMLDepth      = 64
	maxYAMLAliases    = 10 // aliases reported in one file
)

// yamlSeparators counts the bytes that start or separate YAML values (",",
// ":", "-", "[", "{", "*", "?"). A document has at most about twice as many
// nodes as separators, so a count over maxYAMLSeparators refuses a file that
// would cost too much to parse, before it is parsed; real files have about 1.5
// separators per node.
func yamlSeparators(data []byte) int {
	n := 0
	for _, c := range data {
		switch c {
		case ',', ':', '-', '[', '{', '*', '?':
			n++
		}
	}
	return n
}

// fileDiags collects the diagnostics of one release file, in every reader.
// It is where strict and lenient reading part (Options.Strict): a problem
// the reader can recover from — a malformed field value, a listing without
// a name — goes through recoverAt, which makes it an error in strict mode
// and, in lenient mode, a warning that says what was done about it (the
// value left out or normalised, the listing left out). Problems that leave
// the file unreadable are errors in both modes (Stream skips such a file in
// lenient mode).
type fileDiags struct {
	path   string
	strict bool
	diags  catalog.Diagnostics
}

func (d *fileDiags) errorAt(line, col int, format string, args ...any) {
	d.diags = append(d.diags, catalog.Errorf(d.path, line, col, format, args...))
}

func (d *fileDiags) warnAt(line, col int, format string, args ...any) {
	d.diags = append(d.diags, catalog.Warnf(d.path, line, col, format, args...))
}

// What lenient reading does about a problem, for the end of its warning.
const (
	leftOut        = "left out"
	listingLeftOut = "the listing is left out"
)

// recoverAt reports a problem that lenient reading recovers from: in strict
// mode an error with the message as is; in lenient mode a warning with done
// (leftOut, listingLeftOut, readAs(…)) appended.
func (d *fileDiags) recoverAt(line, col int, done, format string, args ...any) {
	if d.strict {
		d.errorAt(line, col, format, args...)
		return
	}
	d.warnAt(line, col, "%s; %s", fmt.Sprintf(format, args...), done)
}

// readAs is what lenient reading says of a value it normalised.
func readAs(v string) string { return fmt.Sprintf("read as %q", v) }

// fixValue reports a malformed field value (msg: what is wrong and what was
// expected) and returns what the field keeps: in strict mode the value as
// is, with an error (the file is refused anyway); in lenient mode, with a
// warning, fix's normalised value when fix is given and finds one, else "".
func (d *fileDiags) fixValue(line, col int, value, msg string, fix func(string) string) string {
	if d.strict {
		d.errorAt(line, col, "%s", msg)
		return value
	}
	if fix != nil {
		if v := fix(value); v != "" {
			d.recoverAt(line, col, readAs(v), "%s", msg)
			return v
		}
	}
	d.recoverAt(line, col, leftOut, "%s", msg)
	return ""
}

// finish returns the snapshot with its warnings, or every diagnostic when
// there is an error among them.
func (d *fileDiags) finish(snap *catalog.Snapshot) (*catalog.Snapshot, error) {
	return finishSnapshot(snap, d.diags)
}

// yamlFile collects the diagnostics of one YAML release file.
type yamlFile struct {
	fileDiags
}

func newYAMLFile(path string, opts Options) *yamlFile {
	return &yamlFile{fileDiags{path: path, strict: opts.Strict}}
}

func (f *yamlFile) errorf(n *yaml.Node, format string, args ...any) {
	f.errorAt(n.Line, n.Column, format, args...)
}

func (f *yamlFile) warnf(n *yaml.Node, format string, args ...any) {
	f.warnAt(n.Line, n.Column, format, args...)
}

// recoverf reports at n a problem that lenient reading recovers from (see
// fileDiags.recoverAt).
func (f *yamlFile) recoverf(n *yaml.Node, done, format string, args ...any) {
	f.recoverAt(n.Line, n.Column, done, format, args...)
}

func finishSnapshot(snap *catalog.Snapshot, diags catalog.Diagnostics) (*catalog.Snapshot, error) {
	diags.Sort()
	if diags.HasErrors() {
		return nil, diags
	}
	snap.Warnings = diags
	return snap, nil
}

var yamlErrorLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parse reads a one-document YAML file and returns its root node, or nil
// after recording why it cannot.
func (f *yamlFile) parse(data []byte) *yaml.Node {
	if !f.checkBreaks(data) {
		return nil
	}
	if n := yamlSeparators(data); n > maxYAMLSeparators {
		f.diags = append(f.diags, catalog.Errorf(f.path, 0, 0,
			"the file has %d YAML separators (, : - [ { * ?), more than the limit of %d; expected a smaller file", n, maxYAMLSeparators))
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			f.diags = append(f.diags, catalog.Errorf(f.path, 0, 0, "the file holds no YAML document; expected a mapping"))
		} else {
			f.syntaxError(err)
		}
		return nil
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		f.syntaxError(err)
		return nil
	default:
		f.errorf(&next, "a second YAML document starts here; expected one document per file")
		return nil
	}
	root := &doc
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		root = doc.Content[0]
	}
	if !f.checkTree(root) {
		return nil
	}
	return root
}

func (f *yamlFile) syntaxError(err error) {
	msg := err.Error()
	line := 0
	if m := yamlErrorLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		// The YAML library counts the lines of parser errors ("did not
		// find expected …") from 0, those of scanner errors from 1. The
		// line is the one of the problem or of the construct (a flow
		// list, a mapping) it is in.
		if strings.HasPrefix(msg, "did not find expected") {
			line++
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	f.diags = append(f.diags, catalog.Errorf(f.path, line, 0, "invalid YAML: %s; expected well-formed YAML", msg))
}

// yamlBreaks are characters that the YAML parser reads as line breaks
// (YAML 1.1) but that are not line ends to anyone else: in a string they
// would be folded into spaces, and every line number after them would be
// off.
var yamlBreaks = []struct {
	seq  string
	name string
}{{"\u0085", "U+0085 (next line)"}, {"\u2028", "U+2028 (line separator)"}, {"\u2029", "U+2029 (paragraph separator)"}}

// checkBreaks refuses the characters of yamlBreaks, with their positions.
func (f *yamlFile) checkBreaks(data []byte) bool {
	if !bytes.Contains(data, []byte("\u0085")) && !bytes.Contains(data, []byte("\u2028")) && !bytes.Contains(data, []byte("\u2029")) {
		return true
	}
	line, start := 1, 0
	for i := 0; i < len(data); i++ {
		if data[i] == '\n' {
			line, start = line+1, i+1
			continue
		}
		for _, b := range yamlBreaks {
			if bytes.HasPrefix(data[i:], []byte(b.seq)) {
				col := utf8.RuneCount(data[start:i]) + 1
				f.diags = append(f.diags, catalog.Errorf(f.path, line, col,
					"%s, which YAML reads as a line break; expected it escaped in a double-quoted string (\\u%04X) or left out", b.name, []rune(b.seq)[0]))
				if len(f.diags) == maxTextDiagnostics {
					return false
				}
			}
		}
	}
	return false
}

// checkTree refuses aliases (the first maxYAMLAliases are reported), trees of
// more than maxYAMLNodes nodes and nesting deeper than maxYAMLDepth.
func (f *yamlFile) checkTree(root *yaml.Node) bool {
	count, ok, aliases := 0, true, 0
	var walk func(n *yaml.Node, depth int) bool
	walk = func(n *yaml.Node, depth int) bool {
		count++
		switch {
		case count > maxYAMLNodes:
			f.errorf(n, "the document has more than %d YAML nodes; expected a smaller file", maxYAMLNodes)
			return false
		case depth > maxYAMLDepth:
			f.errorf(n, "YAML nesting is deeper than %d levels; expected a flatter document", maxYAMLDepth)
			return false
		case n.Kind == yaml.AliasNode:
			aliases++
			ok = false
			switch {
			case aliases <= maxYAMLAliases:
				f.errorf(n, "YAML alias *%s; expected plain data without anchors and aliases", n.Value)
			case aliases == maxYAMLAliases+1:
				f.errorf(n, "more YAML aliases left out; expected plain data without anchors and aliases")
			}
		}
		for _, c := range n.Content {
			if !walk(c, depth+1) {
				return false
			}
		}
		return true
	}
	return walk(root, 1) && ok
}

// yamlPair is one key and its value in a mapping.
type yamlPair struct{ key, val *yaml.Node }

// fields lists the pairs of mapping n, reporting keys that are not text and
// keys that repeat (the first one counts); lenient reading leaves them out.
func (f *yamlFile) fields(n *yaml.Node) []yamlPair {
	seen := make(map[string]int, len(n.Content)/2)
	pairs := make([]yamlPair, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			f.recoverf(k, leftOut, "a key is %s; expected a plain text key", describe(k))
			continue
		}
		if first, dup := seen[k.Value]; dup {
			f.recoverf(k, leftOut, "key %q repeats (first at line %d); expected each key once", k.Value, first)
			continue
		}
		seen[k.Value] = k.Line
		pairs = append(pairs, yamlPair{k, v})
	}
	return pairs
}

// expect reports n unless it is of the given kind.
func (f *yamlFile) expect(n *yaml.Node, kind yaml.Kind, what, expected string) bool {
	if n.Kind == kind {
		return true
	}
	f.errorf(n, "%s is %s; expected %s", what, describe(n), expected)
	return false
}

// list returns the elements of sequence n; a missing or null n is an empty
// list.
func (f *yamlFile) list(n *yaml.Node, what, expected string) []*yaml.Node {
	if n == nil || isNull(n) || !f.expect(n, yaml.SequenceNode, what, expected) {
		return nil
	}
	return n.Content
}

// text returns a scalar's text without surrounding white space; null is "".
func (f *yamlFile) text(n *yaml.Node, what string) string {
	if isNull(n) {
		return ""
	}
	if !f.expect(n, yaml.ScalarNode, what, "text") {
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// fieldText is text for a field of a listing: a value that is not text (a
// list, a mapping) is an error in strict mode and left out with a warning
// in lenient mode.
func (f *yamlFile) fieldText(n *yaml.Node, what string) string {
	if isNull(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		f.recoverf(n, leftOut, "%s is %s; expected text", what, describe(n))
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// url returns an http(s) URL, reporting a malformed one; lenient reading
// adds https:// to a URL that only lacks it (see fixURL) and leaves other
// malformed ones out.
func (f *yamlFile) url(n *yaml.Node, what string) string {
	return f.checked(n, what, urlProblem, fixURL)
}

// checked reads a text field and reports it when problem finds fault with
// it; fix (may be nil) normalises a malformed value in lenient mode (see
// fileDiags.fixValue).
func (f *yamlFile) checked(n *yaml.Node, what string, problem func(string) string, fix func(string) string) string {
	s := f.fieldText(n, what)
	if s == "" {
		return ""
	}
	if msg := problem(s); msg != "" {
		return f.fixValue(n.Line, n.Column, s, fmt.Sprintf("%s %q %s", what, s, msg), fix)
	}
	return s
}

// wholeNumber reads a count of 0 or more (stars); nil when there is none or
// when it is malformed, which is reported as a warning when warn is set and
// otherwise as a field problem (an error in strict mode).
func (f *yamlFile) wholeNumber(n *yaml.Node, what string, warn bool) *int64 {
	s := f.fieldText(n, what)
	if s == "" {
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < 0 {
		if warn {
			f.warnf(n, "%s is %q; expected a whole number of 0 or more", what, s)
		} else {
			f.recoverf(n, leftOut, "%s is %q; expected a whole number of 0 or more", what, s)
		}
		return nil
	}
	return &v
}

// boolean reads true or false; null is unknown.
func (f *yamlFile) boolean(n *yaml.Node, what string) *bool {
	s := f.fieldText(n, what)
	if s == "" {
		return nil
	}
	b, ok := parseBool(s)
	if !ok || n.ShortTag() != "!!bool" {
		f.recoverf(n, leftOut, "%s is %q; expected true or false", what, s)
		return nil
	}
	return &b
}

// unknownKey warns about key k (shown as prefix+k), suggesting the nearest of
// known; note ends the message when nothing is suggested.
func (f *yamlFile) unknownKey(k *yaml.Node, prefix string, known []string, note string) {
	if s := closestKey(k.Value, known); s != "" {
		f.warnf(k, "unknown key %q; did you mean %q?%s", prefix+k.Value, prefix+s, note)
		return
	}
	f.warnf(k, "unknown key %q; expected one of %s%s", prefix+k.Value, strings.Join(known, ", "), note)
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe names a node's kind for messages: "a mapping", "a list", "empty",
// `the text "x"`.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	if isNull(n) {
		return "empty"
	}
	v := n.Value
	if r := []rune(v); len(r) > 40 {
		v = string(r[:40]) + "…"
	}
	return fmt.Sprintf("the text %q", v)
}

// nodeText renders a value for Listing.Extra: a scalar as its text, null as
// "", a list or mapping as compact JSON.
func nodeText(n *yaml.Node) string {
	switch {
	case isNull(n):
		return ""
	case n.Kind == yaml.ScalarNode:
		return n.Value
	}
	var b bytes.Buffer
	writeNodeJSON(&b, n)
	return b.String()
}

// writeNodeJSON writes n as compact JSON; mapping keys keep their order.
func writeNodeJSON(b *bytes.Buffer, n *yaml.Node) {
	switch n.Kind {
	case yaml.DocumentNode, yaml.AliasNode:
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			writeNodeJSON(b, n.Alias)
		} else if len(n.Content) > 0 {
			writeNodeJSON(b, n.Content[0])
		} else {
			b.WriteString("null")
		}
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jsonString(n.Content[i].Value))
			b.WriteByte(':')
			writeNodeJSON(b, n.Content[i+1])
		}
		b.WriteByte('}')
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			writeNodeJSON(b, c)
		}
		b.WriteByte(']')
	default:
		b.WriteString(scalarJSON(n))
	}
}

func scalarJSON(n *yaml.Node) string {
	switch n.ShortTag() {
	case "!!null":
		return "null"
	case "!!bool":
		var v bool
		if n.Decode(&v) == nil {
			return strconv.FormatBool(v)
		}
	case "!!int":
		var v int64
		if n.Decode(&v) == nil {
			return strconv.FormatInt(v, 10)
		}
	case "!!float":
		var v float64
		if n.Decode(&v) == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
			return strconv.FormatFloat(v, 'g', -1, 64)
		}
	}
	return jsonString(n.Value)
}

func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// ---------------------------------------------------------------------------
// Value checks shared by the readers. Each returns "" for a good value, else
// the rest of a message: what is wrong and what was expected.

// urlProblem accepts http and https URLs with a host.
func urlProblem(s string) string {
	u, err := url.Parse(s)
	switch {
	case err != nil || strings.ContainsAny(s, " \t\n"):
		return "is not a valid URL; expected http:// or https:// and a host"
	case u.Scheme != "http" && u.Scheme != "https":
		return "is not an http(s) URL; expected http:// or https:// and a host"
	case u.Host == "" || u.Hostname() == "":
		return "has no host; expected http:// or https:// and a host"
	}
	return ""
}

// fixURL normalises a URL that lacks only its scheme — a host name with a
// dot and a top-level domain of letters, then an optional path, such as
// www.ogis-ri.co.jp/ — to https://…; "" for anything else.
func fixURL(s string) string {
	if !bareHostURL.MatchString(s) {
		return ""
	}
	fixed := "https://" + strings.TrimPrefix(s, "//")
	if urlProblem(fixed) != "" {
		return ""
	}
	return fixed
}

var bareHostURL = regexp.MustCompile(`^(?://)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\.?(?::\d{1,5})?(?:[/?#]\S*)?$`)

var launchedRE = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2]))?$`)

func launchedProblem(s string) string {
	if launchedRE.MatchString(s) {
		return ""
	}
	return `is not YYYY or YYYY-MM; expected e.g. "2019" or "2019-06"`
}

// licenseProblem and statusProblem are the catalog's rules.
var (
	licenseProblem = catalog.LicenseProblem
	statusProblem  = catalog.StatusProblem
)

// parseBool reads true/false (any case).
func parseBool(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}

// setExtra stores one extra value of a listing.
func setExtra(l *catalog.Listing, key, value string) {
	if l.Extra == nil {
		l.Extra = map[string]string{}
	}
	l.Extra[key] = value
}

// closestKey returns the key of known that key most likely misspells, or "".
// A key is close when at most 2 edits (and at most a third of its length)
// away, or when it lacks known's "_url" suffix.
func closestKey(key string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		d := EditDistance(key, k)
		if k == key+"_url" {
			d = 1
		}
		if d > 0 && d < bestD && d*3 <= len(key) {
			best, bestD = k, d
		}
	}
	return best
}

// EditDistance is the Levenshtein distance between a and b, in runes: the
// one measure of "did you mean" (misspelled keys here, tool names in
// run.Explain).
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
