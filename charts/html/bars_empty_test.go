package html

import (
	"bytes"
	"strings"
	"testing"

	"github.com/landscapehq/landscape/charts/model"
)

// TestBarsWithoutData: a bar chart with nothing to draw says so in its
// place, and its element is marked data-landscape-empty; one with a bar is
// not.
func TestBarsWithoutData(t *testing.T) {
	tests := []struct {
		name  string
		bars  model.Bars
		empty bool
	}{
		{"no labels", model.Bars{Title: "Stars", Subtitle: "no star counts in this catalog"}, true},
		{"zeros", model.Bars{Title: "Deals", Labels: []string{"2024"}, Series: []model.Series{{Name: "ended", Values: []float64{0}}}}, true},
		{"a bar", model.Bars{Title: "Deals", Labels: []string{"2024"}, Series: []model.Series{{Name: "ended", Values: []float64{1}}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Bars(&buf, tt.bars, Options{}); err != nil {
				t.Fatal(err)
			}
			s := buf.String()
			if got := strings.Contains(s, `data-landscape-empty="true"`); got != tt.empty {
				t.Errorf("data-landscape-empty: %v, want %v", got, tt.empty)
			}
			msg := "No data in this catalog"
			if tt.bars.Subtitle != "" {
				msg = tt.bars.Subtitle
			}
			// the message is drawn as a graphic: in the option twice (the
			// subtitle and the graphic) or once (no subtitle)
			want := 0
			if tt.empty {
				want = 1
				if tt.bars.Subtitle != "" {
					want = 2
				}
			}
			if got := strings.Count(s, msg); tt.bars.Subtitle == "" && got != want || tt.bars.Subtitle != "" && got < want {
				t.Errorf("%q appears %d times, want %d", msg, got, want)
			}
		})
	}
}
