package export

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// SourceNotesFile is the Markdown file beside a catalog's release files that
// says where they come from: a "**Source:** …" and a "**License:** …"
// paragraph (or "## Source" / "## License" sections) are taken into the
// dataset's data card and manifest.
const SourceNotesFile = "SOURCE.md"

// MaxSourceNotesSize bounds SOURCE.md and LICENSE files.
const MaxSourceNotesSize = 1 << 20

// SourceNotes are what a catalog folder says about its origin.
type SourceNotes struct {
	Source  string // where the release files come from
	License string // the source catalog's license
}

var (
	fieldLine   = regexp.MustCompile(`^\s*[*_]{0,2}\s*(Source|License)\s*[*_]{0,2}\s*:\s*[*_]{0,2}\s*(.*)$`)
	headingLine = regexp.MustCompile(`^#{1,6}\s+(Source|License)\s*$`)
	anyField    = regexp.MustCompile(`^\s*[*_]{1,2}[^*_]+:?[*_]{1,2}:?\s`)
)

// ReadSourceNotes reads what a catalog folder says about its origin: the
// Source and License paragraphs of SOURCE.md; without a License there, the
// first line of a LICENSE, LICENSE.md or LICENSE.txt file. Missing files
// are not an error: the notes are then empty.
func ReadSourceNotes(dir string) (SourceNotes, error) {
	var n SourceNotes
	data, err := catalog.ReadRegular(filepath.Join(dir, SourceNotesFile), MaxSourceNotesSize)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return n, err
	}
	if err == nil {
		n = parseSourceNotes(data)
	}
	if n.License == "" {
		for _, name := range []string{"LICENSE", "LICENSE.md", "LICENSE.txt"} {
			data, err := catalog.ReadRegular(filepath.Join(dir, name), MaxSourceNotesSize)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return n, err
			}
			for _, line := range strings.Split(string(data), "\n") {
				if line = strings.TrimSpace(strings.TrimLeft(line, "# ")); line != "" {
					n.License = line + " (" + name + " beside the catalog)"
					break
				}
			}
			break
		}
	}
	return n, nil
}

// parseSourceNotes takes the Source and License paragraphs: the text after
// "**License:**" and the lines that follow it up to a blank line, a heading
// or another "**Field:**" line; or the paragraphs under a "## License"
// heading up to the next heading.
func parseSourceNotes(data []byte) SourceNotes {
	var n SourceNotes
	set := func(field string, lines []string) {
		text := strings.TrimSpace(strings.Join(lines, "\n"))
		switch field {
		case "Source":
			if n.Source == "" {
				n.Source = text
			}
		case "License":
			if n.License == "" {
				n.License = text
			}
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	field, heading := "", false
	var lines []string
	flush := func() {
		if field != "" {
			set(field, lines)
		}
		field, heading, lines = "", false, nil
	}
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " \t\r")
		switch {
		case headingLine.MatchString(line):
			flush()
			field, heading = headingLine.FindStringSubmatch(line)[1], true
		case strings.HasPrefix(line, "#"):
			flush()
		case fieldLine.MatchString(line):
			flush()
			m := fieldLine.FindStringSubmatch(line)
			field, lines = m[1], []string{m[2]}
		case field != "" && !heading && (strings.TrimSpace(line) == "" || anyField.MatchString(line)):
			flush()
		case field != "":
			lines = append(lines, line)
		}
	}
	flush()
	return n
}
