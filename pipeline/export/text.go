package export

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Printable makes catalog text safe to write into a text output — report.md,
// DATASET.md, a CSV cell, a terminal (diff, explain): tab, CR and LF become a
// space, and every other control character (C0 such as NUL, BEL and ESC,
// DEL, C1) and any invalid UTF-8 becomes U+FFFD, so that no escape sequence
// or hidden byte reaches a reader. It is the one helper every writer of
// catalog text uses.
func Printable(s string) string {
	clean := true
	for _, r := range s {
		if isControl(r) || r == utf8.RuneError {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case isControl(r):
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(s, string(utf8.RuneError)))
}

func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f
}

// plainNumber matches a number a spreadsheet reads as such (-3, +1.5, 2e10).
var plainNumber = regexp.MustCompile(`^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$`)

// CSVCell makes a text cell safe for a spreadsheet, as OWASP recommends
// against CSV injection: a cell starting with =, +, -, @, tab or CR is
// prefixed with a single quote (') so that it is not read as a formula,
// except a plain number (-3 stays a number); then Printable.
func CSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) && !plainNumber.MatchString(s) {
		s = "'" + s
	}
	return Printable(s)
}
