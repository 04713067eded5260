package gitimport

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/landscapehq/landscape/pipeline/gitimport/gittest"
)

// testCommit is one commit of a test repository.
type testCommit = gittest.Commit

func buildRepo(t testing.TB, dir string, commits []testCommit) []plumbing.Hash {
	return gittest.Build(t, dir, commits)
}

func day0(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func runImport(t testing.TB, o Options) *Summary {
	t.Helper()
	sum, err := Import(context.Background(), o)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return sum
}

// folder lists a folder's files (not dot files) and their content.
func folder(t testing.TB, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = string(data)
	}
	return m
}

func sha(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

func names(m map[string]string) []string {
	var n []string
	for k := range m {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}
