package run

import (
	"io/fs"
	"os"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/landscapehq/landscape/snapshots"
)

// BundledCatalog is how messages name the catalog embedded in the binary,
// which a job reads when given no catalog folder.
const BundledCatalog = snapshots.Bundled + " (bundled)"

// bundled writes the embedded catalog into a new temporary folder named
// like the catalog, so that it reads (and its outputs are named) exactly as
// the folder snapshots/mlops of the repository; cleanup removes it.
func bundled() (dir string, cleanup func(), err error) {
	tmp, err := os.MkdirTemp("", "landscape-bundled-")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { os.RemoveAll(tmp) }
	sub, err := fs.Sub(snapshots.FS, snapshots.Bundled)
	if err == nil {
		dir = filepath.Join(tmp, snapshots.Bundled)
		err = os.CopyFS(dir, sub)
	}
	if err != nil {
		cleanup()
		return "", nil, err
	}
	return dir, cleanup, nil
}

// catalogsOrBundled gives dirs, or the bundled catalog when dirs is empty.
func catalogsOrBundled(dirs []string) ([]string, func(), error) {
	if len(dirs) > 0 {
		return dirs, func() {}, nil
	}
	dir, cleanup, err := bundled()
	if err != nil {
		return nil, nil, err
	}
	return []string{dir}, cleanup, nil
}

// catalogOrBundled gives dir, or the bundled catalog when dir is "".
func catalogOrBundled(dir string) (string, func(), error) {
	dirs, cleanup, err := catalogsOrBundled(nonEmpty(dir))
	if err != nil {
		return "", nil, err
	}
	return dirs[0], cleanup, nil
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// prepare gives a job writing into out its catalogs (the bundled one when
// none is given) once out is checked against them, and its allocator.
func prepare(dirs []string, out string, mem memory.Allocator) ([]string, memory.Allocator, func(), error) {
	dirs, cleanup, err := catalogsOrBundled(dirs)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := CheckOut(out, dirs...); err != nil {
		cleanup()
		return nil, nil, nil, err
	}
	if mem == nil {
		mem = memory.DefaultAllocator
	}
	return dirs, mem, cleanup, nil
}
