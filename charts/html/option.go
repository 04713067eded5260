package html

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// echartsChart is what every go-echarts chart type provides.
type echartsChart interface {
	Validate()
	JSON() map[string]interface{}
}

// fnRef asks the page runtime to put one of its whitelisted JavaScript
// functions (see runtime.js) at Path in the option.
type fnRef struct {
	Path []interface{} `json:"path"`
	Fn   string        `json:"fn"`
}

// fnKey is the reserved top-level option key holding the fnRefs.
const fnKey = "__lcFns"

// obj is a JSON object in an overlay.
type obj = map[string]interface{}

// optionJSON turns a go-echarts chart into the option JSON for the page:
// the chart's option, with nulls dropped, overlay deep-merged over it (for
// ECharts options go-echarts does not model), and the function references
// added; marshalled with HTML-safe escaping (see safeJSON).
func optionJSON(c echartsChart, overlay obj, fns []fnRef) ([]byte, error) {
	c.Validate()
	raw, err := json.Marshal(c.JSON())
	if err != nil {
		return nil, fmt.Errorf("html: marshal option: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m obj
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("html: decode option: %w", err)
	}
	dropNulls(m)
	merge(m, overlay)
	// Tooltips stay inside the chart (on a phone, a tapped tooltip never
	// leaves the screen).
	if t, ok := m["tooltip"].(map[string]interface{}); ok {
		t["confine"] = true
	}
	if len(fns) > 0 {
		m[fnKey] = fns
	}
	return safeJSON(m)
}

// safeJSON marshals v for embedding in a <script> element: encoding/json
// escapes <, >, & and U+2028/U+2029, everything non-ASCII is escaped too (so
// a snippet works in a page of any charset), and the result is checked to contain
// none of them, whatever v holds. (go-echarts' "__f__" function markers mean
// nothing here: this package never runs go-echarts' template.)
func safeJSON(v interface{}) ([]byte, error) {
	b, err := appendSafe(nil, v) // as json.Marshal (which HTML-escapes), then asciiJSON
	if err != nil {
		return nil, fmt.Errorf("html: marshal option: %w", err)
	}
	if bytes.ContainsAny(b, "<>&") || bytes.Contains(b, []byte("\u2028")) || bytes.Contains(b, []byte("\u2029")) {
		return nil, fmt.Errorf("html: option JSON is not script-safe")
	}
	return b, nil
}

// dropNulls removes null members of objects, recursively (go-echarts emits
// e.g. "levels":null).
func dropNulls(v interface{}) {
	switch t := v.(type) {
	case map[string]interface{}:
		for k, e := range t {
			if e == nil {
				delete(t, k)
				continue
			}
			dropNulls(e)
		}
	case []interface{}:
		for _, e := range t {
			dropNulls(e)
		}
	}
}

// merge deep-merges src into dst: objects recursively, arrays of objects
// element-wise (so an overlay {"series":[{"leafDepth":2}]} reaches the first
// series), anything else replaced. Overlay values that are not plain
// obj/[]interface{} (structs, slices of structs) replace whatever is there.
func merge(dst, src obj) {
	for k, sv := range src {
		dv, ok := dst[k]
		if !ok {
			dst[k] = sv
			continue
		}
		switch s := sv.(type) {
		case obj:
			if d, ok := dv.(map[string]interface{}); ok {
				merge(d, s)
				continue
			}
		case []interface{}:
			if d, ok := dv.([]interface{}); ok && len(d) == len(s) {
				all := true
				for i := range s {
					so, ok1 := s[i].(obj)
					do, ok2 := d[i].(map[string]interface{})
					if !ok1 || !ok2 {
						all = false
						break
					}
					merge(do, so)
				}
				if all {
					continue
				}
			}
		}
		dst[k] = sv
	}
}

// num makes a float JSON-safe (NaN and ±Inf become 0).
func num(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

var hexColor = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// color returns c if it is #rrggbb, else "".
func color(c string) string {
	if hexColor.MatchString(c) {
		return strings.ToLower(c)
	}
	return ""
}

// colorOr returns c if it is #rrggbb, else fallback.
func colorOr(c, fallback string) string {
	if v := color(c); v != "" {
		return v
	}
	return fallback
}

// safeURL returns u if it is an absolute http(s) URL without whitespace or
// quotes, else "" (a javascript: or data: URL never reaches the page).
func safeURL(u string) string {
	u = strings.TrimSpace(u)
	if u == "" || strings.ContainsAny(u, " \t\r\n\"'<>`\\") {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return ""
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https":
		return u
	}
	return ""
}

// asciiJSON rewrites every non-ASCII character of marshalled JSON as a \uXXXX
// escape (a surrogate pair above U+FFFF). Non-ASCII can only occur inside
// JSON strings, where the escape means the same character.
func asciiJSON(b []byte) []byte {
	ascii := true
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return b
	}
	out := make([]byte, 0, len(b)+len(b)/4)
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			out = append(out, b[0])
			b = b[1:]
			continue
		}
		r, size := utf8.DecodeRune(b) // json.Marshal wrote valid UTF-8
		b = b[size:]
		if r > 0xffff {
			r1, r2 := utf16.EncodeRune(r)
			out = fmt.Appendf(out, "\\u%04x\\u%04x", r1, r2)
			continue
		}
		out = fmt.Appendf(out, "\\u%04x", r)
	}
	return out
}
