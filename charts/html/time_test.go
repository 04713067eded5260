package html

import (
	"bytes"
	"strings"
	"testing"

	"github.com/landscapehq/landscape/charts/model"
)

// TestGrowthTimeAxis: growth with dates is drawn over a time axis with
// [date, value] points (1,769 daily releases thinned to months), without
// dates over a category axis with the runtime's axis tooltip.
func TestGrowthTimeAxis(t *testing.T) {
	names := []string{"Observability", "Orchestration", "Security"}
	tests := []struct {
		name      string
		g         model.Growth
		axis      string
		points    int
		firstX    interface{}
		formatter bool   // the runtime's axisTip
		subtitle  string // a part of it
	}{
		{"half-yearly", realisticGrowth(), "time", 5, "2024-06-30", false, "2024-06-30 \u2192 2026-06-30 \u00b7 5 releases"},
		{"1769 daily releases", dailyGrowth(1769, names), "time", 110, "2018-01-31", false, "1769 releases, the last of each month shown"},
		{"no dates", hostileGrowth(), "category", 3, nil, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, render := range []func(*bytes.Buffer) error{
				func(b *bytes.Buffer) error { return GrowthArea(b, tt.g, Options{Assets: AssetsLocal}) },
				func(b *bytes.Buffer) error { return GrowthLines(b, tt.g, 2, Options{Assets: AssetsLocal}) },
			} {
				var buf bytes.Buffer
				if err := render(&buf); err != nil {
					t.Fatal(err)
				}
				_, opt := optionOf(t, buf.Bytes())
				x := opt["xAxis"].([]interface{})[0].(map[string]interface{})
				if x["type"] != tt.axis {
					t.Errorf("x axis type %v, want %s", x["type"], tt.axis)
				}
				series := opt["series"].([]interface{})
				data := series[0].(map[string]interface{})["data"].([]interface{})
				if len(data) != tt.points {
					t.Errorf("%d points, want %d", len(data), tt.points)
				}
				v := data[0].(map[string]interface{})["value"]
				if pair, ok := v.([]interface{}); ok != (tt.firstX != nil) || ok && pair[0] != tt.firstX {
					t.Errorf("first point %v, want x %v", v, tt.firstX)
				}
				hasTip := strings.Contains(buf.String(), `"fn":"axisTip"`)
				if hasTip != tt.formatter {
					t.Errorf("axisTip formatter: %v, want %v", hasTip, tt.formatter)
				}
				sub, _ := opt["title"].(map[string]interface{})["subtext"].(string)
				if !strings.Contains(sub, tt.subtitle) {
					t.Errorf("subtitle %q, want it to contain %q", sub, tt.subtitle)
				}
			}
		})
	}
}

// TestSurvivalAxes: the x axis is named by the unit, the y axis starts at
// the lowest share rounded down to 10%.
func TestSurvivalAxes(t *testing.T) {
	tests := []struct {
		name string
		s    model.Survival
		unit string
		ymin float64
	}{
		{"months", realisticSurvival(), "months", 0.3},
		{"years", model.Survival{Unit: "years", Curves: []model.SurvivalCurve{{Name: "all", Time: []float64{0, 1, 2}, Prob: []float64{1, 0.93, 0.91}}}}, "years", 0.9},
		{"releases", model.Survival{Curves: []model.SurvivalCurve{{Name: "all", Time: []float64{0, 1}, Prob: []float64{1, 0.45}}}}, "releases", 0.4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Survival(&buf, tt.s, Options{Assets: AssetsLocal}); err != nil {
				t.Fatal(err)
			}
			_, opt := optionOf(t, buf.Bytes())
			x := opt["xAxis"].([]interface{})[0].(map[string]interface{})
			y := opt["yAxis"].([]interface{})[0].(map[string]interface{})
			if x["name"] != tt.unit {
				t.Errorf("x axis name %v, want %s", x["name"], tt.unit)
			}
			if got, _ := y["min"].(float64); got < tt.ymin-1e-9 || got > tt.ymin+1e-9 || y["max"] != 1.0 {
				t.Errorf("y axis %v … %v, want %v … 1", y["min"], y["max"], tt.ymin)
			}
		})
	}
}
