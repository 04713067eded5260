package gitimport

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// repository is an opened repository and what names it.
type repository struct {
	repo    *git.Repository
	storage *filesystem.Storage // nil when go-git opened it itself
	// source is how MANIFEST.tsv names it: "owner/name" for GitHub, the URL
	// without credentials for other hosts, the origin remote's for a local
	// clone, else the folder's name.
	source string
	cloned bool   // a URL, kept in the cache
	gitDir string // the git folder, where its packs are; "" when unknown
}

func (r *repository) Close() {
	if r.storage != nil {
		r.storage.Close()
	}
}

// objectCacheSize is go-git's object and delta-base cache, which serves
// commits and trees (blobs are read by blobReader, with its own cache).
const objectCacheSize = 64 * cache.MiByte

var schemeRe = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*://`)

// isURL tells a remote repository from a local path. user@host:path (scp
// style) counts as a URL too, and is refused later.
func isURL(s string) bool {
	if schemeRe.MatchString(s) {
		return true
	}
	if i := strings.Index(s, ":"); i > 0 && !strings.Contains(s[:i], "/") && len(s[:i]) > 1 {
		_, err := os.Stat(s)
		return err != nil
	}
	return false
}

// openRepository opens a local repository, or clones (first run) or fetches
// (later runs) a remote one into cacheDir.
func openRepository(ctx context.Context, loc, cacheDir string, tags bool, progress func(string)) (*repository, error) {
	if u, err := url.Parse(loc); err == nil && u.Scheme == "file" && u.Host == "" {
		return openLocal(u.Path)
	}
	if isURL(loc) {
		return openRemote(ctx, loc, cacheDir, tags, progress)
	}
	return openLocal(loc)
}

func openLocal(path string) (*repository, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("repository %s: %w", path, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("repository %s: not a folder", path)
	}
	r := &repository{}
	gitDir := filepath.Join(abs, ".git")
	fi, statErr := os.Stat(gitDir)
	switch {
	case statErr == nil && fi.IsDir():
		r.storage, r.repo, err = openStorage(gitDir)
		r.gitDir = gitDir
	case statErr == nil:
		// .git is a file (worktree, submodule): let go-git follow it.
		r.repo, err = git.PlainOpenWithOptions(abs, &git.PlainOpenOptions{EnableDotGitCommonDir: true})
		if err == nil {
			if fs, ok := r.repo.Storer.(*filesystem.Storage); ok {
				r.gitDir = fs.Filesystem().Root()
			}
		}
	default:
		if _, err2 := os.Stat(filepath.Join(abs, "HEAD")); err2 == nil {
			r.storage, r.repo, err = openStorage(abs) // bare
			r.gitDir = abs
		} else {
			err = errors.New("not a git repository (no .git folder)")
		}
	}
	if err != nil {
		r.Close()
		return nil, fmt.Errorf("repository %s: %w", path, err)
	}
	r.source = localSource(r.repo, abs)
	return r, nil
}

func openStorage(gitDir string) (*filesystem.Storage, *git.Repository, error) {
	s := filesystem.NewStorageWithOptions(osfs.New(gitDir), cache.NewObjectLRU(objectCacheSize),
		filesystem.Options{KeepDescriptors: true})
	repo, err := git.Open(s, nil)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, repo, nil
}

// localSource names a local repository by its origin remote, else by its
// folder.
func localSource(repo *git.Repository, abs string) string {
	if rem, err := repo.Remote("origin"); err == nil && len(rem.Config().URLs) > 0 {
		if s := remoteSource(rem.Config().URLs[0]); s != "" {
			return s
		}
	}
	name := filepath.Base(abs)
	if name == ".git" {
		name = filepath.Base(filepath.Dir(abs))
	}
	return strings.TrimSuffix(name, ".git")
}

var scpRe = regexp.MustCompile(`^(?:[^@/]+@)?([^:/]+):(.+)$`)

// remoteSource names a remote URL: owner/name on GitHub, the URL without
// credentials, query or ".git" elsewhere.
func remoteSource(raw string) string {
	host, p := "", ""
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		host, p = u.Host, u.Path
		u.User = nil
		u.RawQuery, u.Fragment = "", ""
		raw = u.String()
	} else if m := scpRe.FindStringSubmatch(raw); m != nil {
		host, p = m[1], m[2]
		raw = host + ":" + p
	} else {
		return ""
	}
	p = strings.Trim(strings.TrimSuffix(strings.TrimSuffix(p, "/"), ".git"), "/")
	if strings.EqualFold(host, "github.com") && strings.Count(p, "/") == 1 {
		return p
	}
	return strings.TrimSuffix(strings.TrimSuffix(raw, "/"), ".git")
}

// DefaultCacheDir is where remote repositories are cloned:
// $XDG_CACHE_HOME/landscape/git (or the platform's cache folder).
func DefaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "landscape", "git")
}

// cachePath is the clone of a URL in the cache: a readable name and a hash.
func cachePath(cacheDir, rawURL string) string {
	sum := sha256.Sum256([]byte(rawURL))
	name := regexp.MustCompile(`[^A-Za-z0-9._-]+`).ReplaceAllString(remoteSource(rawURL), "_")
	if len(name) > 60 {
		name = name[len(name)-60:]
	}
	return filepath.Join(cacheDir, name+"-"+hex.EncodeToString(sum[:6])+".git")
}

func openRemote(ctx context.Context, rawURL, cacheDir string, tags bool, progress func(string)) (*repository, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("repository %s: only https:// URLs (and local paths) are supported", rawURL)
	}
	if cacheDir == "" {
		cacheDir = DefaultCacheDir()
	}
	dir := cachePath(cacheDir, rawURL)
	tagMode := git.NoTags
	if tags {
		tagMode = git.AllTags
	}
	r := &repository{source: remoteSource(rawURL), cloned: true}
	if _, err := os.Stat(filepath.Join(dir, "HEAD")); err == nil {
		if r.storage, r.repo, err = openStorage(dir); err != nil {
			return nil, fmt.Errorf("cached clone %s: %w (delete it to clone again)", dir, err)
		}
		r.gitDir = dir
		if progress != nil {
			progress("fetching " + rawURL)
		}
		err = r.repo.FetchContext(ctx, &git.FetchOptions{
			RemoteName: "origin",
			RefSpecs:   []config.RefSpec{"+refs/heads/*:refs/remotes/origin/*"},
			Tags:       tagMode,
			Force:      true,
		})
		if err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate) {
			r.Close()
			return nil, fmt.Errorf("fetching %s: %w", rawURL, err)
		}
		return r, nil
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return nil, err
	}
	// Clone into a temporary folder renamed into place: an interrupted clone
	// leaves nothing that looks like a finished one.
	tmp, err := os.MkdirTemp(cacheDir, ".clone-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if progress != nil {
		progress("cloning " + rawURL)
	}
	if _, err := git.PlainCloneContext(ctx, tmp, true, &git.CloneOptions{URL: rawURL, Tags: tagMode}); err != nil {
		return nil, fmt.Errorf("cloning %s: %w", rawURL, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return nil, err
	}
	if r.storage, r.repo, err = openStorage(dir); err != nil {
		return nil, err
	}
	r.gitDir = dir
	return r, nil
}

// resolveRef finds the commit to import up to: ref ("" for the default
// branch) as a branch (remote-tracking in a cached clone), tag, or any
// revision go-git understands.
func (r *repository) resolveRef(ref string) (plumbing.Hash, string, error) {
	name := ref
	if ref == "" || ref == "HEAD" {
		head, err := r.repo.Storer.Reference(plumbing.HEAD)
		if err != nil {
			return plumbing.ZeroHash, "", fmt.Errorf("HEAD: %w", err)
		}
		if head.Type() == plumbing.HashReference {
			return head.Hash(), "HEAD", nil
		}
		name = head.Target().Short()
	}
	var candidates []plumbing.ReferenceName
	if r.cloned {
		candidates = append(candidates, plumbing.NewRemoteReferenceName("origin", name))
	}
	candidates = append(candidates, plumbing.ReferenceName(name), plumbing.NewBranchReferenceName(name),
		plumbing.NewTagReferenceName(name), plumbing.NewRemoteReferenceName("origin", name))
	for _, c := range candidates {
		if ref, err := r.repo.Reference(c, true); err == nil {
			h, err := r.peel(ref.Hash())
			return h, name, err
		}
	}
	h, err := r.repo.ResolveRevision(plumbing.Revision(name))
	if err != nil {
		return plumbing.ZeroHash, "", fmt.Errorf("ref %q: %w", name, err)
	}
	return *h, name, nil
}

// peel follows annotated tags to the commit they point to.
func (r *repository) peel(h plumbing.Hash) (plumbing.Hash, error) {
	for i := 0; i < 10; i++ {
		t, err := r.repo.TagObject(h)
		if err != nil {
			return h, nil // not a tag object
		}
		h = t.Target
	}
	return h, fmt.Errorf("tag %s: too many levels", h)
}
