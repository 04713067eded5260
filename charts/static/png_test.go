package static

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// TestEncodePNG: the PNG encoder's files decode, with image/png, to the
// pixels drawn; images it does not take (translucent, not RGBA) go through
// image/png.
func TestEncodePNG(t *testing.T) {
	opaque := image.NewRGBA(image.Rect(3, 5, 40, 27)) // an origin other than 0,0
	for y := opaque.Rect.Min.Y; y < opaque.Rect.Max.Y; y++ {
		for x := opaque.Rect.Min.X; x < opaque.Rect.Max.X; x++ {
			opaque.Set(x, y, color.RGBA{uint8(7 * x), uint8(11 * y), uint8(x * y), 255})
		}
	}
	translucent := image.NewRGBA(image.Rect(0, 0, 4, 4))
	translucent.Set(1, 1, color.RGBA{10, 20, 30, 40})
	gray := image.NewGray(image.Rect(0, 0, 9, 2))
	gray.Set(3, 1, color.Gray{200})
	for name, img := range map[string]image.Image{"opaque": opaque, "translucent": translucent, "gray": gray} {
		var buf bytes.Buffer
		if err := encodePNG(&buf, img); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var again bytes.Buffer
		if err := encodePNG(&again, img); err != nil || !bytes.Equal(buf.Bytes(), again.Bytes()) {
			t.Fatalf("%s: a second encoding differs (%v)", name, err)
		}
		if name != "opaque" {
			var want bytes.Buffer
			if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&want, img); err != nil || !bytes.Equal(buf.Bytes(), want.Bytes()) {
				t.Fatalf("%s: not image/png's encoding (%v)", name, err)
			}
			continue
		}
		got, err := png.Decode(&buf)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b := img.Bounds()
		if got.Bounds().Dx() != b.Dx() || got.Bounds().Dy() != b.Dy() {
			t.Fatalf("%s: %v, want the size of %v", name, got.Bounds(), b)
		}
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				r1, g1, b1, a1 := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				r2, g2, b2, a2 := got.At(got.Bounds().Min.X+x, got.Bounds().Min.Y+y).RGBA()
				if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
					t.Fatalf("%s: pixel %d,%d is %v, want %v", name, x, y, got.At(x, y), img.At(b.Min.X+x, b.Min.Y+y))
				}
			}
		}
	}
}
