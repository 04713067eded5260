package taxonomy

import (
	"bytes"
	"fmt"
	"path/filepath"

	"go.yaml.in/yaml/v3"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// OverridesFile is the name of the user's taxonomy decisions beside a
// catalog's release files.
const OverridesFile = "taxonomy.yaml"

// Overrides are a user's taxonomy decisions, which win over inference:
//
//	links:                       # replace what was inferred for a category in one release pair
//	  - release: 2020-06-30      # the newer release of the pair
//	    from: Model Deployment and Orchestration Frameworks
//	    to: [Model Training Orchestration, Model Serving and Monitoring]
//	    relation: split          # same, renamed, split, merged, retired; or new (with to, no from)
//	canonical:                   # one canonical name for a category, whatever its lineage says
//	  Feature Stores: Feature Store
type Overrides struct {
	Links     []OverrideLink    `yaml:"links"`
	Canonical map[string]string `yaml:"canonical"`
	path      string
}

// OverrideLink is one user link.
type OverrideLink struct {
	Release  string   `yaml:"release"`
	From     string   `yaml:"from"`
	To       []string `yaml:"to"`
	Relation string   `yaml:"relation"`
	line     int
}

// UnmarshalYAML accepts `to` as a string or a list, and records the line.
func (o *OverrideLink) UnmarshalYAML(n *yaml.Node) error {
	var raw struct {
		Release  string    `yaml:"release"`
		From     string    `yaml:"from"`
		To       yaml.Node `yaml:"to"`
		Relation string    `yaml:"relation"`
	}
	if err := n.Decode(&raw); err != nil {
		return err
	}
	o.Release, o.From, o.Relation, o.line = raw.Release, raw.From, raw.Relation, n.Line
	switch raw.To.Kind {
	case 0:
	case yaml.ScalarNode:
		if raw.To.Value != "" {
			o.To = []string{raw.To.Value}
		}
	case yaml.SequenceNode:
		if err := raw.To.Decode(&o.To); err != nil {
			return err
		}
	default:
		return fmt.Errorf("line %d: to: expected a category name or a list of them", raw.To.Line)
	}
	return nil
}

// LoadOverrides reads dir/taxonomy.yaml; a missing file gives nil, nil.
func LoadOverrides(dir string) (*Overrides, error) {
	path := filepath.Join(dir, OverridesFile)
	data, err := catalog.ReadOptional(path, maxOverrideFile)
	if data == nil || err != nil {
		return nil, err
	}
	return ParseOverrides(path, data)
}

// ParseOverrides parses a taxonomy file; errors name the file and line.
func ParseOverrides(path string, data []byte) (*Overrides, error) {
	o := &Overrides{path: path}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(o); err != nil && err.Error() != "EOF" {
		return nil, catalog.YAMLError(path, err, "expected keys links and canonical")
	}
	for _, l := range o.Links {
		switch l.Relation {
		case Same, Renamed, Merged:
			if l.From == "" || len(l.To) != 1 {
				return nil, fmt.Errorf("%s:%d: %s needs from and one to", path, l.line, l.Relation)
			}
		case Split:
			if l.From == "" || len(l.To) < 2 {
				return nil, fmt.Errorf("%s:%d: split needs from and two or more to", path, l.line)
			}
		case Retired:
			if l.From == "" || len(l.To) != 0 {
				return nil, fmt.Errorf("%s:%d: retired needs from and no to", path, l.line)
			}
		case New:
			if l.From != "" || len(l.To) != 1 {
				return nil, fmt.Errorf("%s:%d: new needs one to and no from", path, l.line)
			}
		default:
			return nil, fmt.Errorf("%s:%d: relation %q; expected same, renamed, split, merged, retired or new", path, l.line, l.Relation)
		}
		if l.Release == "" {
			return nil, fmt.Errorf("%s:%d: release is required (the newer release of the pair)", path, l.line)
		}
	}
	return o, nil
}

// apply replaces inferred links with the user's for one release pair.
func (o *Overrides) apply(prevID, curID string, links []Link, a *aligner, p, c *members) []Link {
	if o == nil {
		return links
	}
	var mine []OverrideLink
	for _, l := range o.Links {
		if l.Release == curID {
			mine = append(mine, l)
		}
	}
	if len(mine) == 0 {
		return links
	}
	fromDecided, toDecided := map[string]bool{}, map[string]bool{}
	var added []Link
	for _, u := range mine {
		if u.From != "" {
			fromDecided[u.From] = true
		}
		tos := u.To
		if len(tos) == 0 {
			tos = []string{""}
		}
		for _, to := range tos {
			if to != "" {
				toDecided[to] = true
			}
			l := Link{Release: curID, Previous: prevID, From: u.From, To: to, Relation: u.Relation, Source: OverridesFile}
			if u.From != "" && to != "" {
				l.Similarity = Similarity(u.From, to)
				for _, t := range a.tools(p, u.From) {
					if a.contains(c, to, t) {
						l.Overlap++
					}
				}
			}
			added = append(added, l)
		}
	}
	var out []Link
	for _, l := range links {
		if fromDecided[l.From] && l.From != "" {
			continue
		}
		if l.Relation == New && toDecided[l.To] {
			continue
		}
		out = append(out, l)
	}
	out = append(out, added...)
	sortLinks(out)
	return out
}

func (o *Overrides) canonical(cat string) string {
	if o != nil {
		if c, ok := o.Canonical[cat]; ok && c != "" {
			return c
		}
	}
	return cat
}

// maxOverrideFile is the largest override file read (a hand-written file).
const maxOverrideFile = 16 << 20
