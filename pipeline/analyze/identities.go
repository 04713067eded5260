package analyze

import (
	"sort"
	"time"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/identity"
)

// Key kinds of a ToolKey.
const (
	KeyName     = "name"
	KeyRepo     = "repo"
	KeyHomepage = "homepage"
)

// ToolKey is one key (a name, a repository, a homepage) a tool had, and the
// releases it had it in: the tool_identity table, tool_id ↔ every key.
type ToolKey struct {
	ToolID    string    `arrow:"tool_id" doc:"the tool's stable id"`
	Kind      string    `arrow:"kind,dict" doc:"name, repo (normalized repository URL) or homepage (normalized homepage URL)"`
	Value     string    `arrow:"value" doc:"the key as the catalog spelt it (name) or normalized (repo: host/owner/repo; homepage: host/path)"`
	FirstSeen time.Time `arrow:"first_seen" doc:"first release date in which the tool had this key"`
	LastSeen  time.Time `arrow:"last_seen" doc:"last release date in which the tool had this key"`
	Releases  int       `arrow:"releases" doc:"number of releases in which the tool had this key"`
}

// ComputeIdentities lists every key of every tool, sorted by tool id, kind,
// first seen, value.
func ComputeIdentities(h *catalog.History) []ToolKey {
	rec := h.Record
	ids := catalog.Strings(rec.Column(catalog.ColToolID))
	names := catalog.Strings(rec.Column(catalog.ColName))
	homes := catalog.Strings(rec.Column(catalog.ColHomepageURL))
	repos := catalog.Strings(rec.Column(catalog.ColRepoURL))
	rels := catalog.Strings(rec.Column(catalog.ColReleaseID))
	dates := map[string]time.Time{}
	for _, r := range h.Releases {
		dates[r.ID] = r.Date
	}
	type k struct{ id, kind, value string }
	type acc struct {
		*ToolKey
		lastRel string // the release last counted: rows come release by release
	}
	keys := map[k]*acc{}
	add := func(id, kind, value, rel string) {
		if value == "" {
			return
		}
		kk := k{id, kind, value}
		t, ok := keys[kk]
		if !ok {
			t = &acc{ToolKey: &ToolKey{ToolID: id, Kind: kind, Value: value, FirstSeen: dates[rel]}}
			keys[kk] = t
		}
		t.LastSeen = dates[rel]
		if !ok || t.lastRel != rel {
			t.lastRel = rel
			t.Releases++
		}
	}
	repoKey, homeKey := memoized(identity.RepoKey), memoized(identity.HomeKey)
	for i, id := range ids {
		add(id, KeyName, names[i], rels[i])
		add(id, KeyRepo, repoKey(repos[i]), rels[i])
		add(id, KeyHomepage, homeKey(homes[i]), rels[i])
	}
	out := make([]ToolKey, 0, len(keys))
	for _, t := range keys {
		out = append(out, *t.ToolKey)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.ToolID != b.ToolID {
			return a.ToolID < b.ToolID
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if !a.FirstSeen.Equal(b.FirstSeen) {
			return a.FirstSeen.Before(b.FirstSeen)
		}
		return a.Value < b.Value
	})
	return out
}
