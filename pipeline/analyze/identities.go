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
	tools, toolVals := h.Codes(catalog.ColToolID)
	names, nameVals := h.Codes(catalog.ColName)
	homes, _ := h.Codes(catalog.ColHomepageURL)
	repos, _ := h.Codes(catalog.ColRepoURL)
	// Values by kind: names as spelt, URLs by the keys identity gave them.
	repoKeys := identity.KeysOf(h, catalog.ColRepoURL)
	homeKeys := identity.KeysOf(h, catalog.ColHomepageURL)
	// A key is (tool, kind, value code) packed in 64 bits: the map is
	// probed once per row and key, millions of times on a long history.
	kinds := [...]string{KeyName, KeyRepo, KeyHomepage}
	type acc struct {
		ToolKey
		lastRel int // the release last counted: rows come release by release
	}
	keys := map[uint64]int32{}
	var accs []acc
	// last[tool][kind] is the value code the tool's listing had last and its
	// key's place in accs: a tool listed day after day has the same keys,
	// and the map is then not probed.
	type memo struct{ code, acc int32 }
	last := make([][3]memo, len(toolVals))
	for t := range last {
		last[t] = [3]memo{{-1, -1}, {-1, -1}, {-1, -1}}
	}
	add := func(tool int32, kind int, code int32, value string, ri int) {
		if value == "" {
			return
		}
		var m *memo
		if tool >= 0 {
			m = &last[tool][kind]
		}
		var i int32
		if m != nil && m.code == code {
			i = m.acc
		} else {
			kk := uint64(uint32(tool))<<32 | uint64(kind)<<30 | uint64(code)
			var ok bool
			if i, ok = keys[kk]; !ok {
				i = int32(len(accs))
				keys[kk] = i
				accs = append(accs, acc{ToolKey: ToolKey{ToolID: toolVals[tool], Kind: kinds[kind], Value: value, FirstSeen: h.Releases[ri].Date}, lastRel: -1})
			}
			if m != nil {
				m.code, m.acc = code, i
			}
		}
		t := &accs[i]
		t.LastSeen = h.Releases[ri].Date
		if t.lastRel != ri {
			t.lastRel = ri
			t.Releases++
		}
	}
	for ri := range h.Releases {
		from, to := h.Rows(ri)
		for i := from; i < to; i++ {
			t := tools[i]
			if c := names[i]; c >= 0 {
				add(t, 0, c, nameVals[c], ri)
			}
			if c := repos[i]; c >= 0 {
				add(t, 1, repoKeys.Codes[c], repoKeys.Values[repoKeys.Codes[c]], ri)
			}
			if c := homes[i]; c >= 0 {
				add(t, 2, homeKeys.Codes[c], homeKeys.Values[homeKeys.Codes[c]], ri)
			}
		}
	}
	out := make([]ToolKey, len(accs))
	for i := range accs {
		out[i] = accs[i].ToolKey
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
