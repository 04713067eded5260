package static

import (
	"image/color"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Text is set in Liberation Sans, embedded in gonum/plot, so that output does
// not depend on the fonts of the machine. Liberation Sans has the metrics of
// Arial, which SVG viewers without it fall back to.

const ellipsis = "…"

// capHeight of Liberation Sans as a fraction of the font size (1409/2048).
const capHeight = 0.688

func sansFont(size vg.Length, bold bool) font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return f
}

// textStyle is a left-aligned style whose anchor point is the baseline.
func textStyle(size vg.Length, bold bool, c color.Color) text.Style {
	s := text.Style{
		Color:   c,
		Font:    sansFont(size, bold),
		XAlign:  draw.XLeft,
		Handler: plot.DefaultTextHandler,
	}
	return baseline(s)
}

// baseline anchors single-line text at its baseline.
func baseline(s text.Style) text.Style { return anchorY(s, 0) }

// capCentred anchors single-line text so that the middle of its capitals is
// on the anchor point: the visual centre of a label.
func capCentred(s text.Style) text.Style {
	return anchorY(s, -capHeight/2*s.Font.Size)
}

// anchorY sets YAlign so that the baseline of single-line text is d (text
// coordinates, up positive) from the anchor point; it holds under rotation.
// gonum's plain handler puts the baseline at y + h·YAlign − ascent + size.
func anchorY(s text.Style, d vg.Length) text.Style {
	e := s.FontExtents()
	h := e.Ascent + e.Descent
	s.YAlign = text.YAlignment((d + e.Ascent - s.Font.Size) / h)
	return s
}

func withAlign(s text.Style, x text.XAlignment) text.Style { s.XAlign = x; return s }

// lineHeight is the height a single line of s takes, for fitting.
func lineHeight(s text.Style) vg.Length {
	e := s.FontExtents()
	return e.Ascent + e.Descent
}

// labelHeight is the height of the ink of a line (capitals and descenders),
// what has to fit in a shape for a label centred in it.
func labelHeight(s text.Style) vg.Length {
	return s.Font.Size * (capHeight + 0.3)
}

// clean makes an untrusted catalog string safe to draw as one line: valid
// UTF-8, no control characters (which also are not valid XML in SVG), no
// runs of white space. Markup is escaped by the SVG backend, see svg_test.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsControl(r) || unicode.IsSpace(r) || r == '\uFFFE' || r == '\uFFFF' ||
			unicode.Is(unicode.Cs, r) || (r >= 0xFDD0 && r <= 0xFDEF) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// fitText returns s if its width is at most max, otherwise the longest
// prefix of s followed by an ellipsis that is; ok is false (and the result
// empty) when fewer than minRunes runes of s would be left. A label that
// does not fit is left out rather than drawn over its neighbours.
func fitText(s string, max vg.Length, width func(string) vg.Length, minRunes int) (string, bool) {
	if s == "" || max <= 0 {
		return "", false
	}
	if width(s) <= max {
		return s, true
	}
	rs := []rune(s)
	if minRunes < 1 {
		minRunes = 1
	}
	cut := func(n int) string {
		return strings.TrimRightFunc(string(rs[:n]), func(r rune) bool {
			return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != ']'
		}) + ellipsis
	}
	// the widest prefix that fits: width is monotonic in n
	lo, hi := 0, len(rs)-1
	for lo < hi {
		m := (lo + hi + 1) / 2
		if width(cut(m)) <= max {
			lo = m
		} else {
			hi = m - 1
		}
	}
	if lo < minRunes || lo == 0 {
		return "", false
	}
	return cut(lo), true
}

// fit is fitText with the width of style s.
func fit(s text.Style, str string, max vg.Length, minRunes int) (string, bool) {
	return fitText(str, max, s.Width, minRunes)
}

// drawText draws one line at pt with s.
func drawText(c draw.Canvas, s text.Style, pt vg.Point, str string) {
	if str == "" {
		return
	}
	c.FillText(s, pt, str)
}

// formatInt formats n with thin separators between thousands: 12 345.
func formatInt(n int) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.Itoa(n)
	var b strings.Builder
	if neg {
		b.WriteString("−")
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString("\u2009")
		}
		b.WriteRune(c)
	}
	return b.String()
}

// signed formats n as +n or −n (typographic minus).
func signed(n int) string {
	if n > 0 {
		return "+" + formatInt(n)
	}
	return formatInt(n)
}

// wrapGreedy breaks s into lines at most max wide, filling each line in
// turn, at most maxLines of them: what does not fit on the last line is
// cut with an ellipsis, and so is a word too long for a line (which then
// ends the label). A line does not start with a lone symbol such as "&".
// ok is false when a cut line would keep fewer than minRunes runes, or the
// label fewer in all.
func wrapGreedy(s string, max vg.Length, width func(string) vg.Length, maxLines, minRunes int) ([]string, bool) {
	words := strings.Fields(s)
	if len(words) == 0 || maxLines < 1 || max <= 0 {
		return nil, false
	}
	var lines []string
	i := 0
	for i < len(words) && len(lines) < maxLines-1 {
		cur := words[i]
		i++
		// a word that may not start a line stays on this one, wide or not
		for i < len(words) && (width(cur+" "+words[i]) <= max || !canStart(words[i])) {
			cur += " " + words[i]
			i++
		}
		lines = append(lines, cur)
	}
	if i < len(words) { // the last line takes the rest
		lines = append(lines, strings.Join(words[i:], " "))
	}
	for i, l := range lines {
		if width(l) <= max {
			continue
		}
		t, ok := fitText(l, max, width, minRunes)
		if !ok {
			if i == 0 {
				return nil, false
			}
			// the line before ends with the ellipsis instead
			if t, ok := fitText(lines[i-1]+" "+l, max, width, 1); ok {
				lines[i-1] = t
			}
			lines = lines[:i]
			break
		}
		// a cut line ends the label: what would follow reads as nonsense
		lines[i] = t
		lines = lines[:i+1]
		break
	}
	return lines, len(lines) > 0 && keptRunes(lines) >= minRunes
}

// keptRunes counts the runes of lines but spaces and a final ellipsis.
func keptRunes(lines []string) int {
	n := 0
	for _, l := range lines {
		n += utf8.RuneCountInString(strings.ReplaceAll(strings.TrimSuffix(l, ellipsis), " ", ""))
	}
	return n
}

// wrapBalanced breaks s at spaces into exactly n lines whose widest is as
// narrow as possible (for labels centred in a shape); a line never starts
// with a lone symbol such as "&". ok is false when s has fewer than n
// words.
func wrapBalanced(s string, n int, width func(string) vg.Length) ([]string, bool) {
	words := strings.Fields(s)
	if n < 1 || len(words) < n {
		return nil, false
	}
	if n == 1 {
		return []string{strings.Join(words, " ")}, true
	}
	var best []string
	var bestW vg.Length
	// breaks before word indexes b[0] < b[1] < … (n-1 of them)
	var try func(start, k int, acc []string)
	try = func(start, k int, acc []string) {
		if k == 1 {
			if !canStart(words[start]) {
				return
			}
			lines := append(append([]string(nil), acc...), strings.Join(words[start:], " "))
			var w vg.Length
			for _, l := range lines {
				w = maxLen(w, width(l))
			}
			if best == nil || w < bestW {
				best, bestW = lines, w
			}
			return
		}
		for end := start + 1; end <= len(words)-(k-1); end++ {
			if start > 0 && !canStart(words[start]) {
				return
			}
			try(end, k-1, append(acc, strings.Join(words[start:end], " ")))
		}
	}
	try(0, n, nil)
	return best, best != nil
}

// canStart is false for words a line should not begin with.
func canStart(w string) bool {
	switch w {
	case "&", "-", "–", "—", "+", "/", "|", ":":
		return false
	}
	return true
}

func maxLen(a, b vg.Length) vg.Length {
	if a > b {
		return a
	}
	return b
}
