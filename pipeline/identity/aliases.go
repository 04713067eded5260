package identity

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// AliasesFile is the name of the user's identity overrides beside a
// catalog's release files.
const AliasesFile = "aliases.yaml"

// Aliases are a user's identity decisions, which win over inference:
//
//	merge:                 # each entry is one tool: listings with any of its keys join it
//	  - id: kserve         # optional: the tool_id to give it
//	    keys: [https://github.com/kubeflow/kfserving, https://github.com/kserve/kserve, KFServing]
//	split:                 # keys that join nothing: a homepage or a name that several tools share
//	  - https://aws.amazon.com
//	  - Kite
//
// A key with "://" or a dotted host before its first "/" is a URL (it
// matches repositories and homepages, normalized); anything else is a name
// (normalized: case, punctuation, spacing).
type Aliases struct {
	Merge []AliasMerge `yaml:"merge"`
	Split []string     `yaml:"split"`

	byKey map[string]int // normalized key → index in Merge
	split map[string]bool
	ids   []string // resolved id per merge entry
}

// AliasMerge is one merge entry.
type AliasMerge struct {
	ID   string   `yaml:"id"`
	Keys []string `yaml:"keys"`
	Line int      `yaml:"-"`
}

// LoadAliases reads dir/aliases.yaml; a missing file gives nil, nil.
func LoadAliases(dir string) (*Aliases, error) {
	path := dir + string(os.PathSeparator) + AliasesFile
	data, err := catalog.ReadOptional(path, maxOverrideFile)
	if data == nil || err != nil {
		return nil, err
	}
	return ParseAliases(path, data)
}

// ParseAliases parses an aliases file; errors name the file and line.
func ParseAliases(path string, data []byte) (*Aliases, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, catalog.YAMLError(path, err, "expected well-formed YAML")
	}
	a := &Aliases{}
	if len(doc.Content) == 0 {
		return a.index(path)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(a); err != nil {
		return nil, catalog.YAMLError(path, err, "expected keys merge and split")
	}
	// Lines of merge entries, for messages.
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "merge" {
			for j, e := range root.Content[i+1].Content {
				if j < len(a.Merge) {
					a.Merge[j].Line = e.Line
				}
			}
		}
	}
	return a.index(path)
}

func (a *Aliases) index(path string) (*Aliases, error) {
	a.byKey = map[string]int{}
	a.split = map[string]bool{}
	a.ids = make([]string, len(a.Merge))
	for i, m := range a.Merge {
		if len(m.Keys) == 0 {
			return nil, fmt.Errorf("%s:%d: merge entry has no keys; expected keys: [URL or name, ...]", path, m.Line)
		}
		for _, k := range m.Keys {
			for _, nk := range aliasKeys(k) {
				if j, ok := a.byKey[nk]; ok && j != i {
					return nil, fmt.Errorf("%s:%d: key %q is in two merge entries (lines %d and %d)", path, m.Line, k, a.Merge[j].Line, m.Line)
				}
				a.byKey[nk] = i
			}
		}
		a.ids[i] = m.ID
	}
	for _, k := range a.Split {
		for _, nk := range aliasKeys(k) {
			a.split[nk] = true
		}
	}
	return a, nil
}

// aliasKeys turns a user key into the normalized keys it stands for:
// "r:"+repo and "h:"+home for a URL, "n:"+name for a name.
func aliasKeys(k string) []string {
	k = strings.TrimSpace(k)
	if looksLikeURL(k) {
		var out []string
		if r := RepoKey(k); r != "" {
			out = append(out, "r:"+r)
		}
		if h := HomeKey(k); h != "" {
			out = append(out, "h:"+h)
		}
		return out
	}
	if n := NameKey(k); n != "" {
		return []string{"n:" + n}
	}
	return nil
}

func looksLikeURL(s string) bool {
	if strings.Contains(s, "://") {
		return true
	}
	host, _, _ := strings.Cut(s, "/")
	return strings.Contains(host, ".") && !strings.ContainsAny(host, " ")
}

// keyMerge is the merge entry of one normalized key of a kind ("r:", "h:",
// "n:"), or -1; an empty key belongs to no entry.
func (a *Aliases) keyMerge(prefix, key string) int32 {
	if a == nil || key == "" {
		return -1
	}
	if i, ok := a.byKey[prefix+key]; ok {
		return int32(i)
	}
	return -1
}

// keySplit reports whether the user split one normalized key of a kind.
func (a *Aliases) keySplit(prefix, key string) bool {
	return a != nil && a.split[prefix+key]
}

// maxOverrideFile is the largest override file read (a hand-written file).
const maxOverrideFile = 16 << 20
