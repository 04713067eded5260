package export

import (
	"bytes"
	"encoding/json"
	"sort"
)

// Manifest is a dataset's manifest.json: what it is, where it comes from,
// each table's schema and each file's size and sha256.
type Manifest struct {
	Dataset       string          `json:"dataset"` // the catalog's name
	Version       string          `json:"version"` // newest release date and patch number
	SchemaVersion string          `json:"schema_version"`
	Generator     string          `json:"generator"`
	Source        ManifestSource  `json:"source"`
	Tables        []ManifestTable `json:"tables"`
	Files         []ManifestFile  `json:"files"` // every file but manifest.json, sorted by path
}

// ManifestSource is where the data comes from.
type ManifestSource struct {
	Catalog       string `json:"catalog"`
	Source        string `json:"source,omitempty"`
	Commit        string `json:"commit,omitempty"` // the newest release's source commit, where known
	License       string `json:"license,omitempty"`
	Releases      int    `json:"releases"`
	FirstRelease  string `json:"first_release"`
	NewestRelease string `json:"newest_release"`
	// Warnings counts the problems of the input that reading got past
	// (fields dropped or normalised, unknown keys); SkippedReleases the
	// release files left out as unreadable.
	Warnings        int `json:"warnings"`
	SkippedReleases int `json:"skipped_releases"`
}

// ManifestTable is one table: its folder, rows and schema.
type ManifestTable struct {
	Name          string           `json:"name"`
	Description   string           `json:"description"`
	Path          string           `json:"path"` // folder of its Parquet files
	Rows          int64            `json:"rows"`
	PartitionedBy []string         `json:"partitioned_by,omitempty"`
	SortedBy      []string         `json:"sorted_by"`
	Columns       []ManifestColumn `json:"columns"`
}

// ManifestColumn is one column of a table.
type ManifestColumn struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Nullable    bool   `json:"nullable"`
	Partition   bool   `json:"partition,omitempty"` // a hive partition key, in the folder names
	Description string `json:"description"`
}

// ManifestFile is one file of the dataset.
type ManifestFile struct {
	Path   string `json:"path"`            // relative to the dataset folder, '/'-separated
	Table  string `json:"table,omitempty"` // the table it holds; empty for DATASET.md
	Format string `json:"format"`          // parquet, csv, json, markdown
	Rows   *int64 `json:"rows,omitempty"`  // data rows (not for DATASET.md)
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Encode gives the manifest as indented JSON, files sorted by path.
func (m *Manifest) Encode() ([]byte, error) {
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Path < m.Files[j].Path })
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Table returns the named table of the manifest, or nil.
func (m *Manifest) Table(name string) *ManifestTable {
	for i := range m.Tables {
		if m.Tables[i].Name == name {
			return &m.Tables[i]
		}
	}
	return nil
}

func sortStrings(s []string) { sort.Strings(s) }
