package read

// This file reads MANIFEST.tsv, the table beside a catalog's release files
// that records where each came from (the corpora in shared/corpora have one,
// and `landscape import git` writes one): Catalog takes each release's
// source commit and repository from it when the file itself does not say.

import (
	"regexp"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// ManifestName is the name of the manifest in a catalog folder.
const ManifestName = catalog.ManifestName

// ManifestRow is the row of one release file (catalog.ManifestRow).
type ManifestRow = catalog.ManifestRow

// Manifest reads dir/MANIFEST.tsv (catalog.ReadManifest), by release file
// name. A folder without one gives an empty map.
func Manifest(dir string) (map[string]ManifestRow, error) {
	m, err := catalog.ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	return m.ByFile(), nil
}

var githubRepo = regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$`)

// applyManifest fills a release's commit and source from its manifest row
// where the file left them out. An "owner/name" source_repo is a GitHub
// repository (the corpora's, and `landscape import git` names GitHub
// repositories so).
func applyManifest(r *catalog.Release, row ManifestRow, ok bool) {
	if !ok {
		return
	}
	if r.Commit == "" {
		r.Commit = row.Commit
	}
	if r.Source == "" && row.SourceRepo != "" {
		r.Source = row.SourceRepo
		if githubRepo.MatchString(row.SourceRepo) {
			r.Source = "https://github.com/" + row.SourceRepo
		}
	}
}
