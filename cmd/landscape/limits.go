package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/landscapehq/landscape/pipeline/run"
)

// maxFileSize is --max-file-size, a flag of every command: the largest
// release file read (analyze, validate, diff, export, explain, chart) and
// written (import git), so that an import never writes a file that analyze
// then refuses. NewRootCmd resets it.
var maxFileSize = sizeFlag(run.MaxFileSize)

// sizeFlag is a size in bytes given as 64MiB, 100MB, 1GiB, 512KiB or a
// number of bytes.
type sizeFlag int64

func (s *sizeFlag) String() string { return formatSize(int64(*s)) }
func (s *sizeFlag) Type() string   { return "size" }

func (s *sizeFlag) Set(v string) error {
	n, err := parseSize(v)
	if err != nil {
		return err
	}
	*s = sizeFlag(n)
	return nil
}

var sizeUnits = []struct {
	suffix string
	n      int64
}{{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"b", 1}}

func parseSize(v string) (int64, error) {
	s := strings.ToLower(strings.TrimSpace(v))
	mult := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.n
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return 0, fmt.Errorf("%q: want a size such as 64MiB, 100MB or 1048576 (bytes), at most 1TiB", v)
	}
	return n * mult, nil
}

func formatSize(n int64) string {
	for _, u := range []struct {
		suffix string
		n      int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.n && n%u.n == 0 {
			return strconv.FormatInt(n/u.n, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}

// addLimitFlags adds the flags every command shares.
func addLimitFlags(root *cobra.Command) {
	maxFileSize = sizeFlag(run.MaxFileSize)
	root.PersistentFlags().Var(&maxFileSize, "max-file-size", "largest release file read, and written by import git (64MiB, 100MB, bytes)")
}
