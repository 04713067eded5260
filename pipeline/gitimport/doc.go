// Package gitimport cuts a catalog folder of release files out of the git
// history of one file.
//
// It takes a git repository (a local path, or a URL it clones over HTTPS into
// a cache and fetches on later runs), the path of a file in it and a cadence
// (every commit, day, week, month, quarter, half-year, year, or every tag),
// and gives a catalog folder that package read takes as is: one release file
// per period, named by the period's end date (2024-03-31.yml), byte for byte
// the file as of the last first-parent commit at or before the end of that
// day (23:59:59 UTC), plus MANIFEST.tsv (file, source_repo, source_path,
// commit, commit_date, bytes, sha256) recording where each release came from.
// It is pure Go (go-git): no git binary is needed.
//
// The rules, those the corpora in shared/corpora were cut by:
//
//   - only the first-parent line of the branch is read; a period's release is
//     the file in the newest commit of that line whose committer date is at
//     or before the period's end; its recorded commit is the newest commit up
//     to there that changed the file;
//   - the file is followed across renames (exact, or by content similarity
//     when the content changed too); --file names it as it is at the tip;
//   - a period whose file is identical to the previous release's gives no
//     release (so periods without changes leave no file), nor does one in
//     which the file does not exist;
//   - --every commit keeps the last commit of each UTC day: release files are
//     named by date, and read.DateFromName gives one release per date;
//   - --tags makes one release per tag, dated by its commit's date (the last
//     tag of a day wins), and records the tag in MANIFEST.tsv.
//
// Every file is written to a temporary dot file beside it and renamed into
// place; MANIFEST.tsv, then the import state (the last commit imported, in
// .import-state.json), are saved every second and at the end. A killed import
// leaves no partial release file; the rerun starts from the saved state,
// removes release files the manifest does not list, and writes them again. A
// rerun reads only the commits after the last one imported, rewriting the
// release of the period that was still open when new commits fall in it.
//
// Blobs are read straight from the packfiles (blobReader), then hashed and
// written by a worker per core. See docs/import.md.
package gitimport
