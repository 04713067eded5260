package read

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/landscapehq/landscape/internal/corpora"
	"github.com/landscapehq/landscape/pipeline/catalog"
)

// cncfHistoryDir is a full daily history of CNCF's landscape.yml, made with
// `bin/landscape import git ../shared/histories/cncf-landscape.git --file
// landscape.yml --every commit --out /tmp/h/cncf`; tests that need it are
// skipped when it is absent.
const cncfHistoryDir = "/tmp/h/cncf"

// checkBlocksSame reads data through the block cache and whole (readCNCF,
// through Bytes both) and fails unless both give the same snapshot (Key
// aside) or the same error. It returns the cached path's snapshot.
func checkBlocksSame(t *testing.T, path string, data []byte, opts Options) *catalog.Snapshot {
	t.Helper()
	whole := opts
	whole.blocks = nil
	want, wantErr := Bytes(path, data, whole)
	got, gotErr := Bytes(path, data, opts)
	if (wantErr != nil) != (gotErr != nil) || (wantErr != nil && wantErr.Error() != gotErr.Error()) {
		t.Fatalf("%s: error %v; readCNCF gives %v", path, gotErr, wantErr)
	}
	if wantErr != nil {
		if !reflect.DeepEqual(gotErr, wantErr) {
			t.Fatalf("%s: error %#v; readCNCF gives %#v", path, gotErr, wantErr)
		}
		return nil
	}
	if !reflect.DeepEqual(got.Release, want.Release) {
		t.Errorf("%s: release %+v; readCNCF gives %+v", path, got.Release, want.Release)
	}
	if !reflect.DeepEqual(got.Warnings, want.Warnings) {
		t.Errorf("%s: warnings\n%v\nreadCNCF gives\n%v", path, catalog.Diagnostics(got.Warnings), catalog.Diagnostics(want.Warnings))
	}
	if len(got.Listings) != len(want.Listings) {
		t.Fatalf("%s: %d listings; readCNCF gives %d", path, len(got.Listings), len(want.Listings))
	}
	for i := range got.Listings {
		g := got.Listings[i]
		g.Key = ""
		if !reflect.DeepEqual(g, want.Listings[i]) {
			t.Fatalf("%s: listing %d\n%+v\nreadCNCF gives\n%+v", path, i, g, want.Listings[i])
		}
	}
	return got
}

// keyCheck checks across files that listings with the same Key are equal but
// for Line.
type keyCheck map[string]catalog.Listing

func (kc keyCheck) add(t *testing.T, snap *catalog.Snapshot, wantKeys bool) {
	t.Helper()
	if snap == nil {
		return
	}
	for _, l := range snap.Listings {
		if l.Key == "" {
			if wantKeys {
				t.Errorf("%s:%d: listing %q has no Key", snap.Release.File, l.Line, l.Name)
			}
			continue
		}
		l.Line = 0
		if prev, ok := kc[l.Key]; ok && !reflect.DeepEqual(prev, l) {
			t.Errorf("Key %s: %+v and %+v differ", l.Key, prev, l)
		}
		kc[l.Key] = l
	}
}

func TestCNCFBlocksCorpus(t *testing.T) {
	dir := corpora.Dir(t, "cncf-landscape")
	paths, err := ReleasePaths(dir)
	if err != nil || len(paths) == 0 {
		t.Fatalf("ReleasePaths(%s): %v, %d files", dir, err, len(paths))
	}
	for _, strict := range []bool{false, true} {
		opts := Options{Strict: strict}.WithBlockCache()
		kc := keyCheck{}
		for _, path := range paths {
			if !strings.HasSuffix(path, ".yml") {
				continue
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			kc.add(t, checkBlocksSame(t, path, data, opts), false)
		}
		c := opts.blocks
		t.Logf("strict=%v: %d files, %d blocks, %d parsed, %d files read whole", strict, len(paths), c.blocks.Load(), c.parses.Load(), c.fallbacks.Load())
		if c.fallbacks.Load() > 0 && !strict {
			t.Errorf("%d corpus files fell back to readCNCF; expected every one read through the cache", c.fallbacks.Load())
		}
	}
}

// TestCNCFBlocksHistory reads about 40 files spread over the daily history
// through one cache, in date order.
func TestCNCFBlocksHistory(t *testing.T) {
	paths, err := ReleasePaths(cncfHistoryDir)
	if err != nil || len(paths) == 0 {
		t.Skipf("no history in %s", cncfHistoryDir)
	}
	const sample = 40
	opts := Options{}.WithBlockCache()
	kc := keyCheck{}
	n := 0
	for i := 0; i < len(paths); i += max(1, len(paths)/sample) {
		// a run of two consecutive files, so that blocks are reused
		for _, path := range paths[i:min(i+2, len(paths))] {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			kc.add(t, checkBlocksSame(t, path, data, opts), true)
			n++
		}
	}
	c := opts.blocks
	t.Logf("%d files, %d blocks, %d parsed, %d files read whole", n, c.blocks.Load(), c.parses.Load(), c.fallbacks.Load())
	if c.fallbacks.Load() > 0 {
		t.Errorf("%d files fell back to readCNCF; expected none", c.fallbacks.Load())
	}
}

// cncfDoc builds a landscape.yml from lines.
func cncfDoc(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

var cncfBlockCases = []struct {
	name     string
	text     string
	fallback bool // read whole by readCNCF
	err      bool
}{
	{name: "plain", text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		"            name: One",
		"            homepage_url: https://one.example",
		"            repo_url: https://github.com/o/one",
		"            project: sandbox",
		"            open_source: true",
		"            extra:",
		"              accepted: '2021-01-01'",
		"              docs_url: x",
		"              documentation_ul: y",
		"            github_data:",
		"              stars: 12",
		"            repu_url: typo",
		"          - item:",
		"            name: Two",
		"            homepage_url: https://two.example",
	)},
	{name: "duplicate categories and subcategories", text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		"            name: One",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		"            name: Two",
		"  - category:",
		"    name: B",
		"    bogus: 1",
		"    subcategories:",
		"      - subcategory:",
		"        name: T",
		"        items:",
		"          - item:",
		"            name: Three",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        note: a note",
		"        items:",
		"          - item:",
		"            name: Four",
	)},
	{name: "block scalars", text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		"            name: One",
		"            description: |",
		"              line one",
		"              # not a comment",
		"",
		"              line three",
		"          - item:",
		"            name: Two",
		"            description: >-",
		"              folded",
		"              text",
		"            extra:",
		"              summary_use_case: >",
		"                kept",
		"",
		"",
		"# a comment at column 0",
		"          - item:",
		"            name: Three",
		"            description: |+",
		"              keep",
		"",
		"",
		"      - subcategory:",
		"        name: T",
		"        items:",
		"          - item:",
		"            name: Four",
		"            description: |2-",
		"                indented",
	)},
	{name: "multi-line plain and quoted scalars", text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		"            name: One",
		"            description: a plain scalar",
		"              over two lines",
		"          - name: Two",
		`            description: "a quoted`,
		`              scalar"`,
		"            homepage_url: 'https://two.example'",
	)},
	{name: "comments and blank lines between items", text: cncfDoc(
		"# head",
		"landscape:",
		"  - category:",
		"    name: A # trailing",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items: # the items",
		"",
		"          # before the first",
		"          - item:",
		"            name: One",
		"          # - item:",
		"          #   name: Commented out",
		"",
		"    # less indented",
		"          - item:",
		"            name: Two",
		"  # between categories",
		"  - category:",
		"    name: B",
		"    subcategories:",
		"      - subcategory:",
		"        name: T",
		"        items:",
		"        - item:", // an indentless list
		"          name: Three",
		"        - item:",
		"          name: Four",
		"      - subcategory:",
		"        name: Empty",
		"        items:",
		"      - subcategory:",
		"        name: None",
	)},
	{name: "CRLF", text: strings.ReplaceAll(cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		"            name: One",
		"            description: |",
		"              two",
		"              lines",
		"            bad_key: 1",
		"          - item:",
		"            name: Two",
	), "\n", "\r\n")},
	{name: "BOM, no final newline", text: "\ufeff" + strings.TrimSuffix(cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		"            name: One",
		"            bad_key: 1",
	), "\n")},
	{name: "same item in two subcategories", text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		"            name: One",
		"            homepage_url: https://one.example",
		"      - subcategory:",
		"        name: T",
		"        items:",
		"          - item:",
		"            name: One",
		"            homepage_url: https://one.example",
	)},
	{name: "anchor without alias", text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		"            name: &n One",
		"            description: !!str tagged",
	)},
	{name: "alias within an item", fallback: true, err: true, text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		"            name: &n One",
		"            description: *n",
	)},
	{name: "alias across items", fallback: true, err: true, text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		"            name: &n One",
		"          - item:",
		"            name: *n",
	)},
	{name: "alias in the skeleton to an item", fallback: true, err: true, text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		"            name: &n One",
		"      - subcategory:",
		"        name: *n",
	)},
	{name: "invalid item (strict errors, lenient warnings)", text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		"            name: One",
		"            homepage_url: not a url",
		"            open_source: maybe",
		"          - just text",
		"          - item:",
		"            description: no name",
	)},
	{name: "repeated key in an item", fallback: true, text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		"            name: One",
		"            name: Again",
	)},
	{name: "quoted scalar over two items", fallback: true, text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		`            name: "One`,
		"          - item:",
		`            name: Two"`,
	)},
	{name: "tab in indentation", fallback: true, err: true, text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		"\t    name: One",
	)},
	{name: "flow items", fallback: true, text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items: [{name: One}]",
	)},
	{name: "empty flow items", text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items: []",
		"      - subcategory:",
		"        name: T",
		"        items: [ ] # none yet",
		"        items2: 1",
	)},
	{name: "flow items on the next line", fallback: true, text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          [{name: One}]",
	)},
	{name: "items not a list", fallback: true, err: true, text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          name: One",
	)},
	{name: "document markers", fallback: true, text: cncfDoc(
		"---",
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		"            name: One",
		"...",
	)},
	{name: "two documents", fallback: true, err: true, text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"---",
		"landscape:",
	)},
	{name: "items: in a note", fallback: true, text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        note: |",
		"          items:",
		"            - not an item",
		"        items:",
		"          - item:",
		"            name: One",
	)},
	{name: "items: at category level", fallback: true, text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    items:",
		"      - item:",
		"        name: One",
		"    subcategories:",
	)},
	{name: "lone CR", fallback: true, text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		"            name: One",
		"            description: \"a\rb\"",
		"          - item:",
		"            name: Two",
	)},
	{name: "items before the name, keys after the items", text: cncfDoc(
		"landscape:",
		"  - category:",
		"    subcategories:",
		"      - subcategory:",
		"        items:",
		"          - item:",
		"            name: One",
		"        name: S",
		"        note: |",
		"          after",
		"      - items:",
		"          - name: Two",
		"        name: T",
		"    name: A",
		"twitter_options: {}",
	)},
	{name: "category without a name", fallback: true, err: true, text: cncfDoc(
		"landscape:",
		"  - category:",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"          - item:",
		"            name: One",
		"  - category:",
		"    name: ''",
	)},
	{name: "the last line an items: key", text: strings.TrimSuffix(cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
	), "\n")},
	{name: "sequence deeper than the items", fallback: true, err: true, text: cncfDoc(
		"landscape:",
		"  - category:",
		"    name: A",
		"    subcategories:",
		"      - subcategory:",
		"        name: S",
		"        items:",
		"            - item:",
		"              name: One",
		"          - item:",
		"            name: Two",
	)},
}

func TestCNCFBlocksCases(t *testing.T) {
	for _, tc := range cncfBlockCases {
		for _, strict := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/strict=%v", tc.name, strict), func(t *testing.T) {
				opts := Options{Strict: strict}.WithBlockCache()
				path := filepath.Join("x", "2024-01-31.yml")
				snap := checkBlocksSame(t, path, []byte(tc.text), opts)
				if snap == nil != tc.err && !strict {
					t.Errorf("error = %v; want %v", snap == nil, tc.err)
				}
				if fb := opts.blocks.fallbacks.Load() > 0; fb != tc.fallback && (!strict || !fb) {
					t.Errorf("read whole = %v; want %v", fb, tc.fallback)
				}
				// again through the same cache: every block is reused
				parses := opts.blocks.parses.Load()
				checkBlocksSame(t, path, []byte(tc.text), opts)
				if n := opts.blocks.parses.Load(); n != parses {
					t.Errorf("second read parsed %d more blocks; want 0", n-parses)
				}
			})
		}
	}
}

// FuzzCNCFBlocks checks that the cached path and readCNCF agree on any input
// (reading it twice through one cache, so that the second read reuses every
// block).
func FuzzCNCFBlocks(f *testing.F) {
	for _, tc := range cncfBlockCases {
		f.Add(tc.text, false)
	}
	f.Fuzz(func(t *testing.T, text string, strict bool) {
		opts := Options{Strict: strict}.WithBlockCache()
		checkBlocksSame(t, "2024-01-31.yml", []byte(text), opts)
		checkBlocksSame(t, "2024-01-31.yml", []byte(text), opts)
	})
}

// TestCNCFBlocksKeys checks the Keys of an item repeated in a subcategory
// and under another one: the same text and place give the same Key and one
// parse; another subcategory another Key.
func TestCNCFBlocksKeys(t *testing.T) {
	item := []string{
		"          - item:",
		"            name: One",
		"            homepage_url: https://one.example",
	}
	lines := []string{"landscape:", "  - category:", "    name: A", "    subcategories:",
		"      - subcategory:", "        name: S", "        items:"}
	lines = append(lines, item...)
	lines = append(lines, item...)
	lines = append(lines, "      - subcategory:", "        name: T", "        items:")
	lines = append(lines, item...)
	text := []byte(cncfDoc(lines...))
	opts := Options{}.WithBlockCache()
	snap := checkBlocksSame(t, "2024-01-31.yml", text, opts)
	if len(snap.Listings) != 3 {
		t.Fatalf("%d listings; want 3", len(snap.Listings))
	}
	l := snap.Listings
	if l[0].Key == "" || l[0].Key != l[1].Key || l[0].Key == l[2].Key {
		t.Errorf("keys %q %q %q; want the first two equal, the third different", l[0].Key, l[1].Key, l[2].Key)
	}
	if l[0].Line != 8 || l[1].Line != 11 || l[2].Line != 17 || l[2].Subcategory != "T" {
		t.Errorf("lines %d %d %d, third in %q; want 8 11 17, T", l[0].Line, l[1].Line, l[2].Line, l[2].Subcategory)
	}
	if n := opts.blocks.parses.Load(); n != 2 {
		t.Errorf("%d blocks parsed; want 2 (one per subcategory)", n)
	}
	// Another file with the blocks moved by a line parses nothing new.
	moved := append([]byte("# a new first line\n"), text...)
	snap = checkBlocksSame(t, "2024-02-29.yml", moved, opts)
	if n := opts.blocks.parses.Load(); n != 2 {
		t.Errorf("%d blocks parsed after the second file; want 2", n)
	}
	if snap.Listings[0].Line != 9 || snap.Listings[0].Key != l[0].Key {
		t.Errorf("moved: line %d key %q; want 9, %q", snap.Listings[0].Line, snap.Listings[0].Key, l[0].Key)
	}
}

// TestCNCFBlocksConcurrent reads the same files from several goroutines
// through one cache: every distinct block is parsed once.
func TestCNCFBlocksConcurrent(t *testing.T) {
	text := []byte(cncfBlockCases[0].text + cncfDoc(
		"          - item:",
		"            name: Three",
	))
	opts := Options{}.WithBlockCache()
	done := make(chan error)
	const readers = 8
	for range readers {
		go func() {
			_, err := Bytes("2024-01-31.yml", text, opts)
			done <- err
		}()
	}
	for range readers {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if n := opts.blocks.parses.Load(); n != 3 {
		t.Errorf("%d blocks parsed; want 3", n)
	}
	if n := opts.blocks.blocks.Load(); n != 3*readers {
		t.Errorf("%d blocks looked up; want %d", n, 3*readers)
	}
}

// BenchmarkCNCFHistory reads the whole daily history through read.Stream
// (which memoizes item blocks), and reports its blocks, the distinct ones
// and the peak heap.
func BenchmarkCNCFHistory(b *testing.B) {
	if _, err := os.Stat(cncfHistoryDir); err != nil {
		b.Skipf("no history in %s", cncfHistoryDir)
	}
	for b.Loop() {
		opts := Options{}.WithBlockCache()
		files, listings := 0, 0
		start := time.Now()
		warns, err := Stream(cncfHistoryDir, opts, func(s *catalog.Snapshot) error {
			files++
			listings += len(s.Listings)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		c := opts.blocks
		b.Logf("%d files, %d listings, %d warnings outside snapshots in %v; %d blocks, %d distinct (parsed), %d files read whole; heap in use %d MB, from the system %d MB",
			files, listings, len(warns), time.Since(start).Round(time.Millisecond), c.blocks.Load(), c.parses.Load(), c.fallbacks.Load(), ms.HeapInuse>>20, ms.Sys>>20)
	}
}
