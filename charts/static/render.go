// Package static draws the landscape charts as PNG or SVG images with
// gonum.org/v1/plot, without a browser: for blog posts and social cards.
//
// Each chart is a small type that draws on a canvas, like gonum's plotters
// (SunburstPlotter, TreemapPlotter, …); the functions in this file put one on
// a page with a title, subtitle and legend and encode it. Data preparation
// is not done here: charts take the chart-ready types of charts/model.
//
// Output is deterministic: the same model and Options give byte-identical
// files, on any machine (text is set in gonum's embedded Liberation fonts).
package static

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"math"
	"sync"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/landscapehq/landscape/charts/model"
)

// Options are how a chart is rendered.
type Options struct {
	// Preset is the image size: "blog" 1200×675 (default), "social"
	// 1200×630, "square" 1080×1080 (pixels at Scale 1).
	Preset string
	// Scale multiplies the pixel size of PNG output: 1 (default), 2 for
	// high-density screens. Layout and type do not change with it. SVG
	// output is always the preset's size.
	Scale float64
	// Theme is "light" (default) or "dark".
	Theme string
	// Format is "png" (default) or "svg".
	Format string
}

// Preset sizes in pixels at Scale 1.
var presets = map[string][2]int{
	"blog":   {1200, 675},
	"social": {1200, 630},
	"square": {1080, 1080},
}

// Presets lists the preset names, in the order of their use in help.
func Presets() []string { return []string{"blog", "social", "square"} }

// Pixels per inch at Scale 1: a pixel is 3/4 of a point.
const baseDPI = 96

type config struct {
	w, h   vg.Length // page size in points
	dpi    int
	theme  *Theme
	format string
}

func (o Options) config() (config, error) {
	var c config
	name := o.Preset
	if name == "" {
		name = "blog"
	}
	px, ok := presets[name]
	if !ok {
		return c, fmt.Errorf("static: unknown preset %q (want blog, social or square)", o.Preset)
	}
	scale := o.Scale
	if scale == 0 {
		scale = 1
	}
	if math.IsNaN(scale) || scale < 0.25 || scale > 8 {
		return c, fmt.Errorf("static: scale %v out of range [0.25, 8]", o.Scale)
	}
	switch o.Theme {
	case "", "light":
		c.theme = Light
	case "dark":
		c.theme = Dark
	default:
		return c, fmt.Errorf("static: unknown theme %q (want light or dark)", o.Theme)
	}
	switch o.Format {
	case "", "png":
		c.format = "png"
	case "svg":
		c.format = "svg"
	default:
		return c, fmt.Errorf("static: unknown format %q (want png or svg)", o.Format)
	}
	c.w = vg.Points(float64(px[0]) * 72 / baseDPI)
	c.h = vg.Points(float64(px[1]) * 72 / baseDPI)
	c.dpi = int(math.Round(baseDPI * scale))
	return c, nil
}

// Size is the pixel size of the PNG that o gives.
func (o Options) Size() (width, height int, err error) {
	c, err := o.config()
	if err != nil {
		return 0, 0, err
	}
	px := func(l vg.Length) int { return int(l.Dots(float64(c.dpi)) + 0.5) }
	return px(c.w), px(c.h), nil
}

// render makes a canvas for o, paints the background, lets page draw and
// writes the encoded image to w.
func render(w io.Writer, o Options, page func(f *frame)) (err error) {
	cfg, err := o.config()
	if err != nil {
		return err
	}
	var cw vg.CanvasWriterTo
	switch cfg.format {
	case "png":
		cw = vgimg.PngCanvas{Canvas: vgimg.NewWith(
			vgimg.UseWH(cfg.w, cfg.h),
			vgimg.UseDPI(cfg.dpi),
			vgimg.UseBackgroundColor(cfg.theme.Background),
		)}
	case "svg":
		cw = &outlinedSVG{Canvas: vgsvg.New(cfg.w, cfg.h)} // text as outlines: the same everywhere
	}
	dc := draw.New(cw)
	if cfg.format != "png" { // the PNG canvas starts filled with the background colour
		dc.SetColor(cfg.theme.Background)
		dc.Fill(dc.Rectangle.Path())
	}

	defer func() {
		// gonum panics on some bad input (fonts, paths); make it an error
		if r := recover(); r != nil {
			err = fmt.Errorf("static: drawing failed: %v", r)
		}
	}()
	page(newFrame(dc, cfg.theme))

	var buf bytes.Buffer
	if pc, ok := cw.(vgimg.PngCanvas); ok {
		if err := encodePNG(&buf, pc.Image()); err != nil {
			return fmt.Errorf("static: encoding png: %w", err)
		}
	} else if _, err := cw.WriteTo(&buf); err != nil {
		return fmt.Errorf("static: encoding %s: %w", cfg.format, err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// encodePNG writes an image as PNG. A chart is opaque: it is written as
// 8-bit RGB, its rows unfiltered, compressed at zlib's fastest level. Charts
// are mostly flat colour, which deflate's matches take whole, so this is as
// small as image/png's output (adaptive filters, default level) in a quarter
// of the time or less; and as deterministic. Other images go to image/png.
func encodePNG(w *bytes.Buffer, img image.Image) error {
	m, ok := img.(*image.RGBA)
	if !ok || !m.Opaque() || m.Rect.Empty() {
		return (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, img)
	}
	width, height := m.Rect.Dx(), m.Rect.Dy()
	w.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits per sample, truecolour; deflate, adaptive filtering, no interlace
	pngChunk(w, "IHDR", ihdr[:])

	st := pngStates.Get().(*pngState)
	defer pngStates.Put(st)
	st.idat.Reset()
	st.z.Reset(&st.idat)
	if cap(st.row) < 1+3*width {
		st.row = make([]byte, 1+3*width)
	}
	row := st.row[:1+3*width] // row[0] = 0: filter type None
	for y := 0; y < height; y++ {
		pix := m.Pix[m.PixOffset(m.Rect.Min.X, m.Rect.Min.Y+y):]
		for x, o := 0, 1; x < width; x, o = x+1, o+3 {
			copy(row[o:o+3], pix[4*x:4*x+3])
		}
		if _, err := st.z.Write(row); err != nil {
			return err
		}
	}
	if err := st.z.Close(); err != nil {
		return err
	}
	pngChunk(w, "IDAT", st.idat.Bytes())
	pngChunk(w, "IEND", nil)
	return nil
}

// pngState is what encodePNG reuses from image to image.
type pngState struct {
	z    *zlib.Writer
	idat bytes.Buffer
	row  []byte
}

var pngStates = sync.Pool{New: func() any {
	z, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return &pngState{z: z}
}}

// pngChunk writes one PNG chunk: length, type, data, CRC-32 of type and data.
func pngChunk(w *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	w.WriteString(typ)
	w.Write(data)
	crc := crc32.Update(crc32.ChecksumIEEE([]byte(typ)), crc32.IEEETable, data)
	binary.BigEndian.PutUint32(n[:], crc)
	w.Write(n[:])
}

// Sunburst draws t as rings of arcs: categories, subcategories, tools.
//
// A flat list (t.Flat: categories without subcategories) is drawn as
// CategoryBars.
func Sunburst(w io.Writer, t model.Tree, o Options) error {
	if t.Flat() {
		return CategoryBars(w, t, o)
	}
	return render(w, o, func(f *frame) { sunburstPage(f, t) })
}

// Treemap draws t as nested rectangles coloured by category.
func Treemap(w io.Writer, t model.Tree, o Options) error {
	return render(w, o, func(f *frame) { treemapPage(f, t) })
}

// GrowthArea draws g as a stacked area of tools per category.
func GrowthArea(w io.Writer, g model.Growth, o Options) error {
	return render(w, o, func(f *frame) { growthAreaPage(f, g) })
}

// GrowthLines draws the topK largest categories of g (by their last
// value) as lines; topK <= 0 draws all of them.
func GrowthLines(w io.Writer, g model.Growth, topK int, o Options) error {
	return render(w, o, func(f *frame) { growthLinesPage(f, g, topK) })
}

// Churn draws tools added (right) and removed (left) per category.
func Churn(w io.Writer, c model.Churn, o Options) error {
	return render(w, o, func(f *frame) { churnPage(f, c) })
}

// Flows draws tools moving between categories from one release to the next.
func Flows(w io.Writer, fl model.Flows, o Options) error {
	return render(w, o, func(f *frame) { flowsPage(f, fl) })
}

// Survival draws Kaplan–Meier curves of how long tools stay listed.
func Survival(w io.Writer, s model.Survival, o Options) error {
	return render(w, o, func(f *frame) { survivalPage(f, s) })
}
