// Package palette gives every category one colour, the same in every chart and
// every release of a catalog: colours are assigned over the sorted set of all
// category names the catalog ever had, so a category keeps its colour from the
// first release to the last.
package palette

import (
	"image/color"
	"sort"
	"strconv"
)

// Colors is the qualitative palette: ECharts' default order first, then
// further hues chosen to stay apart from those before them, readable on light
// and dark backgrounds.
var Colors = []string{
	"#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc",
	"#9c755f", "#76b7b2", "#bcbd22", "#17becf", "#b07aa1", "#7f7f7f", "#2f4554", "#c23531", "#ca8622",
	"#61a0a8", "#d48265", "#749f83", "#6e7074", "#546570", "#c4ccd3",
}

// Palette maps category names to colours.
type Palette struct {
	byName map[string]string
}

// New assigns colours to the given category names (duplicates are fine).
func New(categories []string) *Palette {
	names := append([]string(nil), categories...)
	sort.Strings(names)
	p := &Palette{byName: map[string]string{}}
	i := 0
	for _, n := range names {
		if _, ok := p.byName[n]; ok {
			continue
		}
		p.byName[n] = Colors[i%len(Colors)]
		i++
	}
	return p
}

// Hex is the colour of a category as #rrggbb; grey for an unknown one.
func (p *Palette) Hex(category string) string {
	if p != nil {
		if c, ok := p.byName[category]; ok {
			return c
		}
	}
	return "#999999"
}

// RGBA is the colour of a category.
func (p *Palette) RGBA(category string) color.RGBA { return ParseHex(p.Hex(category)) }

// ParseHex parses #rrggbb; black on error.
func ParseHex(s string) color.RGBA {
	if len(s) != 7 || s[0] != '#' {
		return color.RGBA{A: 255}
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.RGBA{A: 255}
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
}
