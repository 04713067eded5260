package static

import (
	"errors"
	"fmt"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// outlinedSVG is the SVG canvas with its text drawn as the glyphs' outlines
// (filled paths) instead of <text> elements that name a font: an SVG then
// looks the same wherever it is opened, whether Liberation Sans is installed
// or not, and a label measured to fit its box (the treemap's, the legend's)
// still fits it. Glyphs are placed as font.Face.Width measures them —
// advances and kerning in font units — so drawing and layout agree.
type outlinedSVG struct {
	*vgsvg.Canvas
	buf sfnt.Buffer
}

// FillString implements vg.Canvas: the string's glyphs, one path, in the
// current colour, with its baseline's start at pt.
func (c *outlinedSVG) FillString(f font.Face, pt vg.Point, str string) {
	if f.Face == nil || str == "" {
		return
	}
	var (
		upem      = f.Face.UnitsPerEm()
		ppem      = fixed.Int26_6(upem) // the outlines come in font units
		scale     = float64(f.Font.Size.Points()) / float64(upem)
		pen       fixed.Int26_6
		prev      sfnt.GlyphIndex
		hasPrev   bool
		path      vg.Path
		somewhere bool
	)
	at := func(p fixed.Point26_6) vg.Point {
		return vg.Point{X: pt.X + vg.Length(float64(pen+p.X)*scale), Y: pt.Y - vg.Length(float64(p.Y)*scale)}
	}
	for _, r := range str {
		idx, err := f.Face.GlyphIndex(&c.buf, r)
		if err != nil {
			panic(fmt.Errorf("static: glyph of %q: %v", r, err))
		}
		if hasPrev {
			kern, err := f.Face.Kern(&c.buf, prev, idx, ppem, 0)
			if err == nil {
				pen += kern
			} else if !errors.Is(err, sfnt.ErrNotFound) {
				panic(fmt.Errorf("static: kerning: %v", err))
			}
		}
		segs, err := f.Face.LoadGlyph(&c.buf, idx, ppem, nil)
		if err != nil {
			panic(fmt.Errorf("static: outline of %q: %v", r, err))
		}
		open := false
		for _, s := range segs {
			switch s.Op {
			case sfnt.SegmentOpMoveTo:
				if open {
					path.Close()
				}
				path.Move(at(s.Args[0]))
				open, somewhere = true, true
			case sfnt.SegmentOpLineTo:
				path.Line(at(s.Args[0]))
			case sfnt.SegmentOpQuadTo:
				path.QuadTo(at(s.Args[0]), at(s.Args[1]))
			case sfnt.SegmentOpCubeTo:
				path.CubeTo(at(s.Args[0]), at(s.Args[1]), at(s.Args[2]))
			}
		}
		if open {
			path.Close()
		}
		adv, err := f.Face.GlyphAdvance(&c.buf, idx, ppem, 0)
		if err != nil {
			panic(fmt.Errorf("static: advance of %q: %v", r, err))
		}
		pen += adv
		prev, hasPrev = idx, true
	}
	if somewhere { // white space draws nothing
		c.Fill(path)
	}
}
