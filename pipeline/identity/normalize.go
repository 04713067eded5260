// Package identity decides which listings are the same tool.
//
// It takes a catalog.History whose tool_id column is empty and gives one with
// every row's tool_id filled: listings of one tool share a tool_id within a
// release (a tool listed twice is one tool with two listings) and across
// releases. Keys, strongest first: the repository (GitHub/GitLab owner/repo,
// normalized), the homepage (normalized), the name (normalized); then, for an
// identity that ends and one that starts in the next release, the clues of
// clues.go (logo, crunchbase, twitter, stock ticker, homepage host,
// description, position). It also gives how each row was joined (joined_by).
package identity

import (
	"net/url"
	"strings"
	"unicode"
)

// codeHosts are hosts whose first two path segments name a repository.
var codeHosts = map[string]bool{
	"github.com": true, "gitlab.com": true, "bitbucket.org": true, "codeberg.org": true,
}

// RepoKey normalizes a repository URL to "host/owner/repo" (lower case; no
// scheme, www., .git, trailing slash or /tree/... path). For hosts it does not
// know it falls back to the normalized URL. It returns "" for "".
func RepoKey(raw string) string {
	host, segs, ok := split(raw)
	if !ok {
		return ""
	}
	if codeHosts[host] && len(segs) >= 2 {
		name := segs[1]
		for strings.HasSuffix(name, ".git") {
			name = strings.TrimSuffix(name, ".git")
		}
		if name == "" { // "owner/.git": the owner's page, as "owner/" is
			return host + "/" + segs[0]
		}
		return host + "/" + segs[0] + "/" + name
	}
	return join(host, segs)
}

// HomeKey normalizes a homepage URL to "host/path" (lower case; no scheme,
// www., query, fragment, index file or trailing slash). A homepage on a code
// host is normalized like a repository.
func HomeKey(raw string) string {
	host, segs, ok := split(raw)
	if !ok {
		return ""
	}
	if codeHosts[host] && len(segs) >= 2 {
		return RepoKey(raw)
	}
	if id := videoID(raw, host, segs); id != "" {
		return "youtube.com/watch/" + id
	}
	if n := len(segs); n > 0 {
		switch segs[n-1] {
		case "index.html", "index.htm", "index.php":
			segs = segs[:n-1]
		}
	}
	return join(host, segs)
}

// videoID is the id of a YouTube video URL (youtube.com/watch?v=ID,
// youtu.be/ID), lower case, or "": a tool whose homepage is a video is that
// video, not "youtube.com/watch" (the query is dropped from other keys).
func videoID(raw, host string, segs []string) string {
	var id string
	switch {
	case host == "youtu.be" && len(segs) == 1:
		id = segs[0]
	case (host == "youtube.com" || host == "m.youtube.com") && len(segs) == 1 && segs[0] == "watch":
		if !strings.Contains(raw, "://") {
			raw = "https://" + raw
		}
		u, err := url.Parse(strings.TrimSpace(raw))
		if err != nil {
			return ""
		}
		id = strings.ToLower(u.Query().Get("v"))
	default:
		return ""
	}
	if id == "" || len(id) > 64 {
		return ""
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return ""
		}
	}
	return id
}

func join(host string, segs []string) string {
	if len(segs) == 0 {
		return host
	}
	return host + "/" + strings.Join(segs, "/")
}

func split(raw string) (host string, segs []string, ok bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", nil, false
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" || strings.Contains(u.Hostname(), ":") {
		return "", nil, false // no host, or an IPv6 literal: no tool's key
	}
	host = strings.ToLower(u.Hostname())
	for strings.HasPrefix(host, "www.") { // "www.www.x" too, so that a key normalizes to itself
		host = strings.TrimPrefix(host, "www.")
	}
	if host == "" || host == "." {
		return "", nil, false // "www." alone names no host (fuzz: RepoKey("www./0"))
	}
	for _, r := range host {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_') {
			return "", nil, false // not a host name ("%", spaces, …)
		}
	}
	// The escaped path keeps percent-escapes as written, so that a key
	// normalizes to itself.
	for _, s := range strings.Split(u.EscapedPath(), "/") {
		if s == "" {
			continue
		}
		segs = append(segs, strings.ToLower(s))
	}
	if codeHosts[host] && len(segs) > 2 {
		segs = segs[:2] // /tree/..., /blob/..., /issues, …
	}
	return host, segs, true
}

// NameKey normalizes a tool name: lower case, letters and digits only
// ("Weights & Biases" and "weights-and-biases" differ; "Ray Serve" and
// "ray-serve" do not).
func NameKey(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
