// Package atomicfile writes a file whole or not at all: the one writer of
// single files for every stage (a chart, an imported release file, the
// import's manifest and state, a synthetic Parquet history). Folders are
// replaced by pipeline/run's WriteDirAtomic, which owns output folders.
//
// The content goes to a temporary dot file beside the target,
// ".<name>.tmp-<random>", which is closed and renamed into place: a reader,
// or a run killed half way, sees the previous file or the new one, never a
// part. RemoveTemps deletes what a killed run left.
package atomicfile

import (
	"bufio"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// TempInfix is in the name of every temporary file, after ".<name>".
const TempInfix = ".tmp-"

// Write writes path with fill, buffered, and gives it the permission perm.
func Write(path string, perm os.FileMode, fill func(w io.Writer) error) error {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	var f *os.File
	var tmp string
	for try := 0; ; try++ {
		tmp = filepath.Join(dir, "."+name+TempInfix+strconv.FormatUint(uint64(rand.Uint32()), 36))
		var err error
		f, err = os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if err == nil {
			break
		}
		if !os.IsExist(err) || try == 100 {
			return err
		}
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	err := fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, perm) // whatever the umask said
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// IsTemp tells whether a file name is one of Write's temporary files.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, TempInfix)
}

// RemoveTemps deletes the temporary files a killed Write left in dir.
func RemoveTemps(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if IsTemp(e.Name()) && !e.IsDir() {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
	}
	return nil
}
