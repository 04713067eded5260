package taxonomy

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortPairs: sortPairs gives what slices.Sort gives, for pairs that fit
// its packed radix sort (a few bits to 32 in all) and pairs that do not.
func TestSortPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var buf []uint64
	for _, tc := range []struct {
		n                 int
		toolBits, catBits uint
	}{
		{0, 8, 4}, {1, 8, 4}, {63, 14, 10}, {64, 14, 10}, {1650, 14, 10}, {5000, 20, 12},
		{3000, 0, 6}, {3000, 14, 0}, {2000, 24, 9}, {2000, 31, 31},
	} {
		pairs := make([]uint64, tc.n)
		for i := range pairs {
			tool := rng.Uint64() & (1<<tc.toolBits - 1)
			cat := rng.Uint64() & (1<<tc.catBits - 1)
			pairs[i] = tool<<32 | cat
		}
		want := slices.Clone(pairs)
		slices.Sort(want)
		buf = sortPairs(pairs, buf)
		if !slices.Equal(pairs, want) {
			t.Errorf("%d pairs of %d+%d bits: not sorted as slices.Sort sorts them", tc.n, tc.toolBits, tc.catBits)
		}
	}
}
