// Package catalog is the data model at the centre of the pipeline.
//
// It takes what the readers (package read) give — one Snapshot per release
// file, a list of Listings with the file and line each came from — and gives
// the History: one Arrow record per catalog, one row per listing, in the
// schema that every later stage (identity, analyze, charts, export) reads.
// Readers and outputs depend on this package; it depends on none of them.
package catalog
