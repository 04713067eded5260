package catalog

import (
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// TestDictArray checks dictArray against interning by value, first seen
// first: strings that share their bytes (the same string, a prefix of
// another) and equal strings with bytes of their own, enough of them to
// grow its table.
func TestDictArray(t *testing.T) {
	long := "tool-a/tool-b"
	many := make([]string, 0, 3000)
	for i := range 1000 {
		s := fmt.Sprintf("id-%d", i%400)
		many = append(many, s, s, strings.Clone(s))
	}
	tests := []struct {
		name   string
		values []string
	}{
		{"empty", nil},
		{"runs", []string{"a", "a", "b", "b", "a"}},
		{"shared bytes", []string{long, long[:6], long, long[:6], long[7:]}},
		{"equal values apart", []string{"x", strings.Clone("x"), "y", strings.Clone("y"), "x"}},
		{"with the empty string", []string{"", "a", "", strings.Clone("a")}},
		{"growing", many},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			arr := dictArray(mem, tt.values)
			defer arr.Release()
			d := arr.(*array.Dictionary)
			dict := d.Dictionary().(*array.String)
			var want []string
			pos := map[string]int{}
			for _, v := range tt.values {
				if _, ok := pos[v]; !ok {
					pos[v] = len(want)
					want = append(want, v)
				}
			}
			if dict.Len() != len(want) {
				t.Fatalf("dictionary of %d values, want %d", dict.Len(), len(want))
			}
			for i, v := range want {
				if dict.Value(i) != v {
					t.Fatalf("dictionary[%d] = %q, want %q", i, dict.Value(i), v)
				}
			}
			for i, v := range tt.values {
				if got := d.GetValueIndex(i); got != pos[v] {
					t.Fatalf("row %d (%q): code %d, want %d", i, v, got, pos[v])
				}
			}
		})
	}
}
