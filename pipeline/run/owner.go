package run

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/landscapehq/landscape/charts/html"
	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/export"
	"github.com/landscapehq/landscape/pipeline/site"
)

// MarkerName is the file WriteDirAtomic puts in every folder it writes: the
// tool's name and version and the run's id. A folder is only ever replaced
// when it holds this marker (or, written before markers existed, nothing but
// our outputs' file names: see legacyOutput). The marker is not listed in
// any manifest or summary, so it does not make two runs' other files differ.
const MarkerName = ".landscape-output"

// runID names this process's run in the markers it writes.
var runID = func() string {
	b := make([]byte, 6)
	rand.Read(b)
	return time.Now().UTC().Format("20060102T150405Z") + "-" + fmt.Sprint(os.Getpid()) + "-" + hex.EncodeToString(b)
}()

const markerHead = "tool: landscape\n"

// WriteMarker writes the ownership marker into dir.
func WriteMarker(dir string) error {
	body := markerHead + "version: " + export.GeneratorVersion + "\nrun: " + runID + "\n"
	return os.WriteFile(filepath.Join(dir, MarkerName), []byte(body), 0o644)
}

// hasMarker reports whether dir holds our marker (a regular file).
func hasMarker(dir string) bool {
	data, err := catalog.ReadRegular(filepath.Join(dir, MarkerName), 4096)
	return err == nil && strings.HasPrefix(string(data), markerHead)
}

// legacyOutput reports whether an entry of a folder without a marker has a
// name our outputs use: what analyze writes in OUT/<catalog>/ (report.md,
// index.html, summary.json, echarts.min.js, *.html, *.png, *.svg,
// *.parquet, dataset/) and what a dataset release holds (DATASET.md,
// manifest.json, csv/, json/, a folder per table).
func legacyOutput(name string, dir bool) bool {
	if dir && name == CacheDir {
		return true
	}
	if strings.HasPrefix(name, ".") {
		return false
	}
	if dir {
		return name == "dataset" || name == "csv" || name == "json" || name == site.ArchiveDir || name == site.ToolsDir || slices.Contains(export.DatasetTables(), name)
	}
	switch name {
	case "report.md", "index.html", "summary.json", html.DefaultAssetsPath, html.LicenseAssetsPath, export.ManifestName, "DATASET.md", site.ToolsJS, site.ExplorerJS, site.SiteCSS:
		return true
	}
	switch filepath.Ext(name) {
	case ".html", ".png", ".svg", ".parquet":
		return true
	}
	return false
}

// checkReplaceable refuses to replace target unless it is missing or a
// folder we wrote: one with our marker, or (an output made before markers)
// one whose every entry has a name our outputs use.
func checkReplaceable(target string) error {
	st, err := os.Lstat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	const what = "move it away or choose another --out"
	switch {
	case st.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s: refusing to replace a symbolic link with an output folder; %s", target, what)
	case !st.IsDir():
		return fmt.Errorf("%s: refusing to replace a file that is not an output folder of landscape; %s", target, what)
	}
	if hasMarker(target) {
		return nil
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !legacyOutput(e.Name(), e.IsDir()) {
			return fmt.Errorf("%s: refusing to replace a folder that landscape did not write (no %s marker, and it holds %q, which is not one of our outputs); %s", target, MarkerName, e.Name(), what)
		}
	}
	return nil
}

// CheckOut refuses an output root (or output file) that is an input
// catalog folder, inside one, or above one: writing there could replace or
// mix with the catalog's files. Paths are compared absolute, with symbolic
// links and ".." resolved. Call it before anything is read or written.
func CheckOut(out string, catalogs ...string) error {
	o, err := resolve(out)
	if err != nil {
		return err
	}
	for _, c := range catalogs {
		in, err := resolve(c)
		if err != nil {
			return err
		}
		switch {
		case within(o, in):
			return fmt.Errorf("--out %s is inside the input catalog %s: outputs would be written among its release files; choose an --out outside every catalog folder", out, c)
		case within(in, o):
			return fmt.Errorf("--out %s holds the input catalog %s, which an output folder could replace; choose an --out outside every catalog folder", out, c)
		}
	}
	return nil
}

// CheckOutFile refuses an output file inside an input catalog folder, and
// an existing path that is not a regular file (a folder, a symbolic link, a
// device): a file output only ever replaces a regular file.
func CheckOutFile(path string, catalogs ...string) error {
	o, err := resolve(path)
	if err != nil {
		return err
	}
	for _, c := range catalogs {
		in, err := resolve(c)
		if err != nil {
			return err
		}
		if within(o, in) {
			return fmt.Errorf("--out %s is inside the input catalog %s; choose a file outside every catalog folder", path, c)
		}
	}
	st, err := os.Lstat(path)
	if err == nil && !st.Mode().IsRegular() {
		return fmt.Errorf("--out %s: refusing to replace something that is not a regular file (%s); move it away or choose another file", path, st.Mode().Type())
	}
	return nil
}

// resolve makes p absolute with symbolic links and ".." resolved, for the
// part of it that exists; the rest is joined on.
func resolve(p string) (string, error) {
	var rest []string
	for {
		r, err := filepath.EvalSymlinks(p)
		if err == nil {
			if r, err = filepath.Abs(r); err != nil {
				return "", err
			}
			slices.Reverse(rest)
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		dir := filepath.Dir(p)
		if dir == p {
			return filepath.Abs(p)
		}
		rest = append(rest, filepath.Base(p))
		p = dir
	}
}

// within reports whether path is dir or inside it (both resolved).
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// makeRemovable gives the owner write and search permission on every folder
// under dir that lacks it (a read-only previous output), so that it can be
// removed once replaced; an error names what cannot be changed.
func makeRemovable(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if d != nil && d.IsDir() {
			info, ierr := d.Info()
			if ierr == nil && info.Mode().Perm()&0o700 != 0o700 {
				if cerr := os.Chmod(p, info.Mode().Perm()|0o700); cerr != nil {
					return fmt.Errorf("%s is read-only and its mode cannot be changed (%w); make it writable or remove it", p, cerr)
				}
				if err != nil { // unreadable before the change: read it now
					return makeRemovable(p)
				}
			}
		}
		return err
	})
}

// removeTree removes a folder we wrote, read-only folders in it included.
func removeTree(dir string) error {
	if err := os.RemoveAll(dir); err == nil {
		return nil
	}
	if err := makeRemovable(dir); err != nil {
		return err
	}
	return os.RemoveAll(dir)
}
