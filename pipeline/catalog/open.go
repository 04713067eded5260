package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// ReadRegular reads a file of a catalog folder — a release file or a side
// file (aliases.yaml, taxonomy.yaml, SOURCE.md, LICENSE, MANIFEST.tsv) — the
// one way every such file is opened: it is opened without blocking (a named
// pipe cannot hang the run), must be a regular file on the opened descriptor
// (a symlink to /dev/zero or a device is refused, and so is anything swapped
// in after a check by name), and at most max+1 bytes are read, so that a file
// over max bytes is an error naming it, however large it is or grows.
// A missing file gives an error for which errors.Is(err, fs.ErrNotExist).
func ReadRegular(path string, max int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file (%s); expected a file of the catalog", path, kindOf(st.Mode()))
	}
	if st.Size() > max {
		return nil, TooLarge(path, st.Size(), max)
	}
	// The file may have grown since: read at most one byte more than the
	// limit, into a buffer of the size the file had.
	buf := bytes.NewBuffer(make([]byte, 0, st.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, max+1)); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(buf.Len()) > max {
		return nil, TooLarge(path, int64(buf.Len()), max)
	}
	return buf.Bytes(), nil
}

// TooLarge is the error of a file over its limit.
func TooLarge(path string, size, max int64) error {
	if max >= 1<<20 && max%(1<<20) == 0 {
		return fmt.Errorf("%s: the file is %d bytes; expected at most %d bytes (%d MiB)", path, size, max, max>>20)
	}
	return fmt.Errorf("%s: the file is %d bytes; expected at most %d bytes", path, size, max)
}

func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a folder"
	}
	return "mode " + m.String()
}

// SHA256Hex is the lower-case hex SHA-256 of data, as manifests record a
// file's digest.
func SHA256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// ReadUnchanged reads a file an earlier run wrote, recorded with its size
// and SHA256Hex, for reuse: ok is false when it cannot be read or no longer
// has that size and digest.
func ReadUnchanged(path string, size int64, sha256Hex string) (data []byte, ok bool) {
	b, err := ReadRegular(path, size)
	if err != nil || int64(len(b)) != size || SHA256Hex(b) != sha256Hex {
		return nil, false
	}
	return b, true
}

// PlaceUnchanged puts at to the file from, whose bytes are data (nil: read
// from from when they are needed): as a hard link to it where the file
// system allows and from is a plain file of mode 0644 (no copy and no new
// file; no output file is ever changed in place, and an earlier run's
// output is removed once the new one is in place), else as a new file
// holding them.
func PlaceUnchanged(from, to string, data []byte) error {
	if fi, err := os.Lstat(from); err == nil && fi.Mode().IsRegular() && fi.Mode().Perm() == 0o644 && os.Link(from, to) == nil {
		return nil
	}
	if data == nil {
		var err error
		if data, err = os.ReadFile(from); err != nil {
			return err
		}
	}
	return os.WriteFile(to, data, 0o644)
}
