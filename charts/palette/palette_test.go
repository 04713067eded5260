package palette

import "testing"

func TestPaletteStableAndDistinct(t *testing.T) {
	a := New([]string{"Serving", "Data", "Training", "Data"})
	b := New([]string{"Training", "Serving", "Data"})
	for _, c := range []string{"Serving", "Data", "Training"} {
		if a.Hex(c) != b.Hex(c) {
			t.Errorf("%s: %s in one chart, %s in another", c, a.Hex(c), b.Hex(c))
		}
	}
	if a.Hex("Data") == a.Hex("Serving") || a.Hex("Serving") == a.Hex("Training") {
		t.Errorf("categories share a colour: %v", a.byName)
	}
	if a.Hex("unknown") != "#999999" {
		t.Errorf("unknown category: %s", a.Hex("unknown"))
	}
	seen := map[string]bool{}
	for _, c := range Colors {
		if seen[c] {
			t.Errorf("colour %s twice in the palette", c)
		}
		seen[c] = true
		if got := ParseHex(c); got.A != 255 {
			t.Errorf("ParseHex(%s) = %v", c, got)
		}
	}
	if got := ParseHex("#ff8000"); got.R != 255 || got.G != 128 || got.B != 0 {
		t.Errorf("ParseHex(#ff8000) = %v", got)
	}
}
