package main

import "testing"

func TestGCPercentFor(t *testing.T) {
	for _, tt := range []struct {
		live uint64
		want int
	}{
		{0, 400},
		{10 << 20, 400},         // a small catalog: collect rarely
		{gcTarget / 5, 400},     // the next collection at gcTarget
		{gcTarget / 4, 300},     // 64 MB live: at 256 MB
		{gcTarget / 3, 200},     // 85 MB live
		{gcTarget / 2, 100},     // from here on, twice the live heap
		{2 << 30, 100},          // a large history
		{gcTarget*2/5 + 1, 149}, // between: rounded down
	} {
		if got := gcPercentFor(tt.live); got != tt.want {
			t.Errorf("gcPercentFor(%d) = %d, want %d", tt.live, got, tt.want)
		}
	}
}
