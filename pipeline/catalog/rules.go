package catalog

import (
	"regexp"
	"strings"
)

// The rules of a listing's license and status fields (docs/snapshot-format.md),
// in one place: the readers check release files with them, and snapgen the
// master list of the bundled catalog.

var spdxIDRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9.\-]*\+?$`)

// LicenseProblem accepts an SPDX license id or expression ("MIT",
// "Apache-2.0 OR MIT", "GPL-2.0-only WITH Classpath-exception-2.0",
// "LicenseRef-custom"), giving "" or what is wrong. It checks the form, not
// the list of ids.
func LicenseProblem(s string) string {
	const msg = "is not an SPDX license id; expected e.g. Apache-2.0, MIT or an SPDX expression such as Apache-2.0 OR MIT"
	expr := strings.NewReplacer("(", " ", ")", " ").Replace(s)
	if strings.Count(s, "(") != strings.Count(s, ")") {
		return msg
	}
	tokens := strings.Fields(expr)
	if len(tokens)%2 == 0 {
		return msg
	}
	for i, t := range tokens {
		operator := t == "AND" || t == "OR" || t == "WITH"
		if (i%2 == 1) != operator || (!operator && !spdxIDRE.MatchString(t)) {
			return msg
		}
	}
	return ""
}

// statusRE is the status grammar.
var statusRE = regexp.MustCompile(`^(?:(active|sandbox|incubating|graduated|archived)|` +
	`(acquired by|renamed to) (\S(?:.*\S)?) in (\d{4})|(discontinued|archived) in (\d{4}))$`)

// Status is a status parsed: Kind is active, sandbox, incubating,
// graduated, archived, acquired by, renamed to or discontinued; Name the
// buyer or the new name; Year the year given ("" for a maturity or active).
type Status struct {
	Kind, Name, Year string
}

// ParseStatus parses a status by the grammar: active, acquired by NAME in
// YYYY, discontinued in YYYY, renamed to NAME in YYYY, archived in YYYY, or
// a foundation maturity (sandbox, incubating, graduated, archived).
func ParseStatus(s string) (Status, bool) {
	m := statusRE.FindStringSubmatch(s)
	switch {
	case m == nil:
		return Status{}, false
	case m[1] != "":
		return Status{Kind: m[1]}, true
	case m[2] != "":
		return Status{Kind: m[2], Name: m[3], Year: m[4]}, true
	default:
		return Status{Kind: m[5], Year: m[6]}, true
	}
}

// StatusProblem gives "" for a status that follows the grammar, else what
// is wrong.
func StatusProblem(s string) string {
	if _, ok := ParseStatus(s); ok {
		return ""
	}
	return "does not follow the status grammar; expected active, acquired by NAME in YYYY, " +
		"discontinued in YYYY, renamed to NAME in YYYY, archived in YYYY, or a foundation maturity " +
		"(sandbox, incubating, graduated, archived)"
}
