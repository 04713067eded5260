package run

import (
	"io/fs"
	"slices"
	"sort"
	"strings"

	"github.com/landscapehq/landscape/charts/html"
	"github.com/landscapehq/landscape/charts/static"
	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/export"
	"github.com/landscapehq/landscape/pipeline/gitimport"
	"github.com/landscapehq/landscape/pipeline/read"
	"github.com/landscapehq/landscape/snapshots"
)

// The values each job's options take, for the command line's flags (their
// help, their check and their completion): the stages own them, the
// commands take them from here.
var (
	// InputFormats are the release file formats (read.Options.Format).
	InputFormats = read.Formats()
	// Periods group releases in report.md (Options.Period).
	Periods = analyze.Periods
	// AssetModes say where pages load ECharts from.
	AssetModes = []string{html.AssetsLocal, html.AssetsInline, html.AssetsCDN}
	// ChartFormats are what chart draws: a page or an image.
	ChartFormats = []string{"html", "png", "svg"}
	// Presets are the image sizes.
	Presets = static.Presets()
	// Themes are the charts' colour themes.
	Themes = []string{html.ThemeLight, html.ThemeDark}
	// Cadences are import's periods.
	Cadences = gitimport.Cadences()
)

const (
	// MarkdownSkipNone is the Markdown skip pattern that reads every
	// section (read.Options.MarkdownSkip).
	MarkdownSkipNone = read.MarkdownSkipNone
	// MaxFileSize is the largest release file read by default
	// (read.Options.MaxFileSize).
	MaxFileSize = read.MaxFileSize
)

// Version is the version of landscape, as outputs record it.
var Version = strings.TrimPrefix(export.GeneratorVersion, "landscape ")

// DefaultPeriod is report.md's default grouping of releases.
const DefaultPeriod = export.PeriodAuto

// ReadOptions are how release files are read (read.Options).
type ReadOptions = read.Options

// releaseFiles gives a catalog folder's release files in date order ("" for
// the bundled catalog: names in its embedded folder) and how to read one.
func releaseFiles(dir string) ([]string, func(name string) (*catalog.Snapshot, error), error) {
	if dir != "" {
		paths, err := read.ReleasePaths(dir)
		return paths, func(p string) (*catalog.Snapshot, error) { return read.File(p, read.Options{}) }, err
	}
	es, err := fs.ReadDir(snapshots.FS, snapshots.Bundled)
	if err != nil {
		return nil, nil, err
	}
	var names []string
	for _, e := range es {
		if _, _, ok := read.DateFromName(e.Name()); ok {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, func(name string) (*catalog.Snapshot, error) {
		data, err := fs.ReadFile(snapshots.FS, snapshots.Bundled+"/"+name)
		if err != nil {
			return nil, err
		}
		return read.Bytes(name, data, read.Options{})
	}, nil
}

// ReleaseIDs gives the release ids of a catalog folder's files, from their
// names (for completion: no file is read).
func ReleaseIDs(dir string) ([]string, error) {
	paths, _, err := releaseFiles(dir)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(paths))
	for _, p := range paths {
		if _, id, ok := read.DateFromName(p); ok {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// catalogLabel names a catalog folder in messages ("" is the bundled one).
func catalogLabel(dir string) string {
	if dir == "" {
		return BundledCatalog
	}
	return dir
}

// ToolNames gives the names of the tools in the newest release of a catalog
// folder ("" for the bundled catalog), sorted and distinct, for completion
// of explain's TOOL: one file is read, leniently.
func ToolNames(dir string) ([]string, error) {
	paths, readFile, err := releaseFiles(dir)
	if err != nil || len(paths) == 0 {
		return nil, err
	}
	snap, err := readFile(paths[len(paths)-1])
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(snap.Listings))
	for _, l := range snap.Listings {
		names = append(names, Printable(l.Name))
	}
	sort.Strings(names)
	return slices.Compact(names), nil
}
