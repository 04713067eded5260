package static

import (
	"image/color"
	"math"

	"github.com/landscapehq/landscape/charts/palette"
)

// Theme is the set of colours a chart is drawn with besides the category
// colours that come with the model.
type Theme struct {
	Name       string
	Background color.RGBA // canvas
	Text       color.RGBA // titles, labels
	Muted      color.RGBA // subtitles, tick labels, values
	Grid       color.RGBA // grid lines
	Axis       color.RGBA // axis lines, zero lines
	Neutral    color.RGBA // unknown category, "no change"
	Added      color.RGBA // churn: added tools, growth > 0
	Removed    color.RGBA // churn: removed tools, growth < 0
	// BandAlpha is the opacity of flow bands.
	BandAlpha uint8
	// Dark is true for a dark background: text on colours is chosen
	// against it and tints go towards the background.
	Dark bool
}

// Light is the default theme: dark text on white.
var Light = &Theme{
	Name:       "light",
	Background: rgb(0xffffff),
	Text:       rgb(0x1f2328),
	Muted:      rgb(0x59636e),
	Grid:       rgb(0xe3e6ea),
	Axis:       rgb(0x9aa3ad),
	Neutral:    rgb(0xb4b9bf),
	Added:      rgb(0x2e9e5b),
	Removed:    rgb(0xd64f4f),
	BandAlpha:  110,
}

// Dark is the dark theme: light text on a near-black background.
var Dark = &Theme{
	Name:       "dark",
	Background: rgb(0x14171c),
	Text:       rgb(0xe8ecf1),
	Muted:      rgb(0xa0aab6),
	Grid:       rgb(0x2b323b),
	Axis:       rgb(0x5d6773),
	Neutral:    rgb(0x5b636d),
	Added:      rgb(0x47b874),
	Removed:    rgb(0xe8605f),
	BandAlpha:  130,
	Dark:       true,
}

type rgba = color.RGBA

func rgb(v uint32) color.RGBA {
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
}

// hexColor parses #rrggbb; fallback when s is not one.
func hexColor(s string, fallback color.RGBA) color.RGBA {
	if len(s) != 7 || s[0] != '#' {
		return fallback
	}
	for _, c := range s[1:] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return fallback
		}
	}
	return palette.ParseHex(s)
}

// mix is a + (b-a)·t per channel, opaque.
func mix(a, b color.RGBA, t float64) color.RGBA {
	t = math.Max(0, math.Min(1, t))
	f := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return color.RGBA{R: f(a.R, b.R), G: f(a.G, b.G), B: f(a.B, b.B), A: 255}
}

// lighter mixes c towards white.
func lighter(c color.RGBA, t float64) color.RGBA { return mix(c, rgb(0xffffff), t) }

// tint mixes c towards the theme's background: lighter on light, darker on dark.
func (th *Theme) tint(c color.RGBA, t float64) color.RGBA {
	if th.Dark {
		return mix(c, th.Background, t*0.8)
	}
	return mix(c, th.Background, t)
}

// alpha gives c the opacity a (non-premultiplied).
func alpha(c color.RGBA, a uint8) color.NRGBA {
	return color.NRGBA{R: c.R, G: c.G, B: c.B, A: a}
}

// luminance is the WCAG relative luminance of c.
func luminance(c color.RGBA) float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

func contrast(a, b color.RGBA) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

var (
	inkDark  = rgb(0x1b1f24)
	inkLight = rgb(0xffffff)
)

// textOn is the more legible of near-black and white on fill.
func textOn(fill color.RGBA) color.RGBA {
	if contrast(fill, inkDark) >= contrast(fill, inkLight) {
		return inkDark
	}
	return inkLight
}

// growthColor maps a relative change to a diverging red–neutral–green
// scale, saturating at ±limit.
func (th *Theme) growthColor(g, limit float64) color.RGBA {
	if math.IsNaN(g) || limit <= 0 {
		return th.Neutral
	}
	t := math.Max(-1, math.Min(1, g/limit))
	// ease so that small changes are still visible
	e := math.Sqrt(math.Abs(t))
	if t >= 0 {
		return mix(th.Neutral, th.Added, e)
	}
	return mix(th.Neutral, th.Removed, e)
}
