package html

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"strings"
	"testing"
)

// oracleSafe is what safeJSON wrote before appendSafe: encoding/json, then
// asciiJSON.
func oracleSafe(v interface{}) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return asciiJSON(b), nil
}

func TestAppendSafeMatchesEncodingJSON(t *testing.T) {
	var all strings.Builder
	for b := 0; b < 256; b++ {
		all.WriteByte(byte(b))
	}
	tests := []struct {
		name string
		v    interface{}
	}{
		{"null", nil},
		{"bools", []interface{}{true, false}},
		{"every byte", all.String()},
		{"html and quotes", `<script>alert("x")</script> & \ back`},
		{"line separators", "a\u2028b\u2029c"},
		{"astral and bmp", "é中😀\U0010FFFF\uFFFD"},
		{"invalid utf-8", "a\xffb\xc3(c\xed\xa0\x80d"},
		{"numbers", []interface{}{json.Number("0"), json.Number("-1.5e+10"), json.Number("12.25"), 3, 2.5, -0.0, 1e21, float32(0.1)}},
		{"sorted keys", map[string]interface{}{"b": 1, "a": "x", "<k>": []interface{}{}, "é": nil, "": map[string]interface{}{}}},
		{"nil slice", []interface{}(nil)},
		{"struct fallback", []interface{}{fnRef{Path: []interface{}{"tooltip", "formatter"}, Fn: "axisTip"}, []fnRef{{Fn: "a<b"}}}},
		{"nested", map[string]interface{}{"series": []interface{}{map[string]interface{}{"data": []interface{}{map[string]interface{}{"name": "Weights & Biases™", "value": json.Number("3")}}}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, err := oracleSafe(tc.v)
			if err != nil {
				t.Fatal(err)
			}
			got, err := appendSafe(nil, tc.v)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("appendSafe:\n got %s\nwant %s", got, want)
			}
		})
	}
	// Random strings over a mix of ASCII, control, multi-byte and
	// invalid bytes.
	rng := rand.New(rand.NewSource(1))
	pieces := []string{"a", "Z", " ", "\"", "\\", "<", ">", "&", "\n", "\x00", "\x1f", "\x7f", "é", "中", "😀", "\u2028", "\xff", "\xe4\xb8", "\xed\xa0\x80"}
	for i := 0; i < 2000; i++ {
		var s strings.Builder
		for j := rng.Intn(12); j > 0; j-- {
			s.WriteString(pieces[rng.Intn(len(pieces))])
		}
		v := map[string]interface{}{s.String(): s.String()}
		want, _ := oracleSafe(v)
		got, err := appendSafe(nil, v)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%q: got %s (%v), want %s", s.String(), got, err, want)
		}
	}
}

func TestValidNumber(t *testing.T) {
	for _, tc := range []struct {
		s  string
		ok bool
	}{
		{"0", true}, {"-0", true}, {"12", true}, {"1.5", true}, {"1e5", true}, {"-1.5E-3", true}, {"0.0", true},
		{"", false}, {"-", false}, {"01", false}, {"1.", false}, {".5", false}, {"1e", false}, {"+1", false}, {"1..2", false}, {"NaN", false}, {" 1", false}, {"0x10", false},
	} {
		if got := validNumber(tc.s); got != tc.ok {
			t.Errorf("validNumber(%q) = %v, want %v", tc.s, got, tc.ok)
		}
		// encoding/json agrees: a json.Number that is not valid fails to marshal.
		_, err := json.Marshal(json.Number(tc.s))
		if tc.s != "" && (err == nil) != tc.ok {
			t.Errorf("encoding/json on %q: err %v, validNumber %v", tc.s, err, tc.ok)
		}
	}
}
