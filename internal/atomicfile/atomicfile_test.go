package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	if err := Write(path, 0o644, func(w io.Writer) error { _, err := io.WriteString(w, "one"); return err }); err != nil {
		t.Fatal(err)
	}
	// A failed fill leaves the previous file and no temporary file.
	boom := errors.New("boom")
	if err := Write(path, 0o644, func(w io.Writer) error { io.WriteString(w, "tw"); return boom }); !errors.Is(err, boom) {
		t.Fatalf("error %v", err)
	}
	data, _ := os.ReadFile(path)
	st, _ := os.Stat(path)
	entries, _ := os.ReadDir(dir)
	if string(data) != "one" || st.Mode().Perm() != 0o644 || len(entries) != 1 {
		t.Errorf("after a failed write: %q %v, %d entries", data, st.Mode(), len(entries))
	}
	// RemoveTemps deletes what a killed run leaves, and only that.
	os.WriteFile(filepath.Join(dir, ".a.txt"+TempInfix+"x1"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden"), nil, 0o644)
	if err := RemoveTemps(dir); err != nil {
		t.Fatal(err)
	}
	entries, _ = os.ReadDir(dir)
	if len(entries) != 2 || !IsTemp(".b"+TempInfix+"1") || IsTemp("b.tmp-1") {
		t.Errorf("RemoveTemps left %v", entries)
	}
}
