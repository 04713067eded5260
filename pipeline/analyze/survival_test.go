package analyze

import (
	"fmt"
	"math"
	"testing"
)

// TestKaplanMeierByHand checks the estimate against a case computed by hand.
//
// Six tools with times in the catalog (days) 1, 2, 2+, 3, 4+, 4 (+ = censored):
//
//	t=1: at risk 6, 1 removed  → S = 5/6           = 0.8333
//	t=2: at risk 5, 1 removed, 1 censored → S = 5/6 · 4/5 = 0.6667
//	t=3: at risk 3, 1 removed  → S = 0.6667 · 2/3  = 0.4444
//	t=4: at risk 2, 1 removed, 1 censored → S = 0.4444 · 1/2 = 0.2222
func TestKaplanMeierByHand(t *testing.T) {
	spans := []ToolSpan{
		{Days: 1}, {Days: 2}, {Days: 2, Censored: true},
		{Days: 3}, {Days: 4, Censored: true}, {Days: 4},
	}
	want := []KMPoint{
		{Group: "g", Time: 1, AtRisk: 6, Events: 1, Survival: 5.0 / 6},
		{Group: "g", Time: 2, AtRisk: 5, Events: 1, Censored: 1, Survival: 4.0 / 6},
		{Group: "g", Time: 3, AtRisk: 3, Events: 1, Survival: 4.0 / 9},
		{Group: "g", Time: 4, AtRisk: 2, Events: 1, Censored: 1, Survival: 2.0 / 9},
	}
	got := KaplanMeier("g", spans)
	if len(got) != len(want) {
		t.Fatalf("got %d points, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Time != w.Time || g.AtRisk != w.AtRisk || g.Events != w.Events || g.Censored != w.Censored || math.Abs(g.Survival-w.Survival) > 1e-12 {
			t.Errorf("point %d: got %+v, want %+v", i, g, w)
		}
	}
}

func TestKaplanMeierAllCensored(t *testing.T) {
	got := KaplanMeier("g", []ToolSpan{{Days: 3, Censored: true}, {Days: 5, Censored: true}})
	for _, p := range got {
		if p.Survival != 1 {
			t.Errorf("survival with no events = %v, want 1", p.Survival)
		}
	}
	if fmt.Sprint(len(got)) != "2" {
		t.Errorf("points: %+v", got)
	}
}
