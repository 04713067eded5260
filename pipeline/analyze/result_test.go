package analyze

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// TestGrowthSpan checks Span against reading every row.
func TestGrowthSpan(t *testing.T) {
	g := &Growth{Releases: []ReleaseStat{{Release: "r0"}, {Release: "r1"}, {Release: "r2"}, {Release: "r3"}}}
	stats := []GroupStat{{Release: "r0", Category: "a"}, {Release: "r0", Category: "b"}, {Release: "r2", Category: "a"},
		{Release: "r3", Category: "a"}, {Release: "r3", Category: "c"}}
	tests := []struct {
		from, to int
	}{{0, 0}, {1, 1}, {2, 2}, {3, 3}, {0, 3}, {1, 2}, {0, 1}, {2, 3}, {2, 1}}
	for _, tt := range tests {
		var want []GroupStat
		for _, s := range stats {
			for ri := tt.from; ri <= tt.to; ri++ {
				if s.Release == g.Releases[ri].Release {
					want = append(want, s)
				}
			}
		}
		if got := g.Span(stats, tt.from, tt.to); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
			t.Errorf("Span(%d, %d) = %v, want %v", tt.from, tt.to, got, want)
		}
	}
}

// TestTableNames checks that TableNames names the tables Tables makes, in
// order, on the bundled catalog.
func TestTableNames(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	h, tax := ResolvedHistory(t, mem, filepath.Join("..", "..", "snapshots", "mlops"))
	defer h.Release()
	res := Run(h, tax)
	var got []string
	for _, tb := range res.Tables(mem) {
		got = append(got, tb.Name)
		tb.Release()
	}
	if want := res.TableNames(); !reflect.DeepEqual(got, want) || len(got) == 0 {
		t.Errorf("Tables made %v, TableNames gives %v", got, want)
	}
}
