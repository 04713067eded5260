package run

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/export"
	"github.com/landscapehq/landscape/pipeline/read"
)

// CacheDir is the folder of a catalog's output (OUT/<name>/) that holds what
// the next run on the same --out reuses: the history read so far (ReadCache)
// and the dataset's partitions (export.Reuse). It is ours, written with the
// output and replaced with it; deleting it only makes the next run cold.
const CacheDir = ".landscape-cache"

// readCacheName is the file of CacheDir that holds the read cache.
const readCacheName = "read.gob"

// cacheVersion changes with anything that changes what a release file reads
// as: a cache of another version is not used.
const cacheVersion = export.GeneratorVersion + " read-cache 3" // 2: the Markdown reader of issue 14; 3: canonical_subcategory

// readCacheHeader says what a saved history was read from: the catalog
// folder (as given: diagnostics name files by it), the options, and every
// release file taken, with its size, modification time and MANIFEST.tsv row.
type readCacheHeader struct {
	Version string
	Dir     string
	Options string
	Files   []cachedFile
	// Warnings are those of files that were skipped (read.Stream's first
	// result).
	Warnings catalog.Diagnostics
}

type cachedFile struct {
	Name     string
	Size     int64
	ModTime  int64 // UnixNano
	Manifest string
}

// readOptionsKey is the part of read.Options a cache depends on.
func readOptionsKey(o read.Options) string {
	return fmt.Sprintf("format=%q skip=%q strict=%t", o.Format, o.MarkdownSkip, o.Strict)
}

// fileStates stats the release files and pairs them with their MANIFEST.tsv
// rows.
func fileStates(paths []string, manifest map[string]read.ManifestRow) ([]cachedFile, error) {
	out := make([]cachedFile, len(paths))
	for i, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		name := filepath.Base(p)
		row := ""
		if r, ok := manifest[name]; ok {
			row = fmt.Sprintf("%q", []any{r.File, r.SourceRepo, r.SourcePath, r.Commit, r.CommitDate, r.Bytes, r.SHA256, r.Tag})
		}
		out[i] = cachedFile{Name: name, Size: fi.Size(), ModTime: fi.ModTime().UnixNano(), Manifest: row}
	}
	return out, nil
}

// readCache is a saved read: the header and the builder it resumes.
type readCache struct {
	header  readCacheHeader
	builder *catalog.Builder
}

// maxReadCache bounds the cache file we read back (it holds a few bytes per
// listing of the history).
const maxReadCache = 4 << 30

// loadReadCache resumes the read of dir saved in the output folder prev, if
// it is there and still describes the folder's first release files: same
// names, sizes, times and manifest rows. Anything else — no cache, another
// version, a file changed, removed or inserted — gives nil: the run reads
// every file.
func loadReadCache(prev, dir string, ro read.Options, files []cachedFile) *readCache {
	if prev == "" || !hasMarker(prev) {
		return nil
	}
	data, err := catalog.ReadRegular(filepath.Join(prev, CacheDir, readCacheName), maxReadCache)
	if err != nil {
		return nil
	}
	r := bytes.NewReader(data)
	var h readCacheHeader
	if err := gob.NewDecoder(r).Decode(&h); err != nil {
		return nil
	}
	if h.Version != cacheVersion || h.Dir != dir || h.Options != readOptionsKey(ro) || len(h.Files) > len(files) {
		return nil
	}
	for i, f := range h.Files {
		if f != files[i] {
			return nil
		}
	}
	b, err := catalog.LoadBuilder(r)
	if err != nil {
		return nil
	}
	return &readCache{header: h, builder: b}
}

// encodeReadCache is the cache file of a read: the header, then the
// builder's state.
func encodeReadCache(h readCacheHeader, b *catalog.Builder) ([]byte, error) {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&h); err != nil {
		return nil, err
	}
	if err := b.Save(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeCache writes the cache files of a run into the output folder dir.
func writeCache(dir string, files map[string][]byte) error {
	if len(files) == 0 {
		return nil
	}
	cd := filepath.Join(dir, CacheDir)
	if err := os.MkdirAll(cd, 0o755); err != nil {
		return err
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(cd, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// partitionsName is the file of CacheDir that lists the dataset's
// partition files (export.Partitions, Dir relative to the output folder).
const partitionsName = "partitions.json"

// loadPartitions are the dataset partitions of the output folder prev, with
// Dir made a path; nil when there are none to take.
func loadPartitions(prev string) *export.Partitions {
	if prev == "" || !hasMarker(prev) {
		return nil
	}
	data, err := catalog.ReadRegular(filepath.Join(prev, CacheDir, partitionsName), 64<<20)
	if err != nil {
		return nil
	}
	var p export.Partitions
	if json.Unmarshal(data, &p) != nil || p.Dir == "" || !filepath.IsLocal(filepath.FromSlash(p.Dir)) {
		return nil
	}
	p.Dir = filepath.Join(prev, filepath.FromSlash(p.Dir))
	return &p
}

// pagesName is the file of CacheDir that lists the site's archive pages by
// key (sitePages).
const pagesName = "pages.json"

// sitePages are the archive pages of an output, each with its key
// (site.Options.Previous): a page of a past month or quarter keeps its key
// from one day of a history to the next, and is taken from the previous
// output rather than drawn again.
type sitePages struct {
	// Generator is the version of landscape that wrote the pages: the
	// pages of another are not taken.
	Generator string
	Files     []sitePage
	dir       string // the output folder the pages are in (when loaded)
	reused    int    // pages taken from the previous output (not saved)
}

type sitePage struct {
	Path   string // relative to the output folder, with '/'
	Key    string
	SHA256 string
	Bytes  int64
}

// add records a page written (site.Options.Keyed).
func (p *sitePages) add(path, key string, data []byte) {
	p.Files = append(p.Files, sitePage{Path: path, Key: key, SHA256: catalog.SHA256Hex(data), Bytes: int64(len(data))})
}

// lookup gives site.Options.Previous for the pages of p (nil when p is),
// counting the pages taken in next.
func (p *sitePages) lookup(next *sitePages) func(path, key string) ([]byte, bool) {
	if p == nil {
		return nil
	}
	byPath := make(map[string]sitePage, len(p.Files))
	for _, f := range p.Files {
		byPath[f.Path] = f
	}
	var mu sync.Mutex // the site makes its pages on two goroutines
	return func(path, key string) ([]byte, bool) {
		f, ok := byPath[path]
		if !ok || f.Key != key {
			return nil, false
		}
		b, ok := catalog.ReadUnchanged(filepath.Join(p.dir, filepath.FromSlash(path)), f.Bytes, f.SHA256)
		if !ok {
			return nil, false
		}
		mu.Lock()
		next.reused++
		mu.Unlock()
		return b, true
	}
}

// loadPages are the archive pages of the output folder prev; nil when there
// are none to take.
func loadPages(prev string) *sitePages {
	if prev == "" || !hasMarker(prev) {
		return nil
	}
	data, err := catalog.ReadRegular(filepath.Join(prev, CacheDir, pagesName), 16<<20)
	if err != nil {
		return nil
	}
	var p sitePages
	if json.Unmarshal(data, &p) != nil || p.Generator != export.GeneratorVersion {
		return nil
	}
	for _, f := range p.Files {
		if !filepath.IsLocal(filepath.FromSlash(f.Path)) {
			return nil
		}
	}
	p.dir = prev
	return &p
}
