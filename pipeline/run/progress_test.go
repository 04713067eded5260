package run

import (
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/read"
)

// TestLoadProgress: Load reports reading with the number of release files,
// then each stage once, in order.
func TestLoadProgress(t *testing.T) {
	var got []Progress
	res, err := Load(memory.DefaultAllocator, mlopsDir, read.Options{}, func(p Progress) { got = append(got, p) })
	if err != nil {
		t.Fatal(err)
	}
	defer res.Release()
	if len(got) == 0 || got[0].Stage != "read" || got[0].Done != 1 || got[0].Total != len(res.Releases) {
		t.Fatalf("first report %+v, want read 1/%d", got, len(res.Releases))
	}
	var stages []string
	for _, p := range got {
		if p.Catalog != "mlops" {
			t.Errorf("catalog %q", p.Catalog)
		}
		if p.Stage != "read" {
			stages = append(stages, p.Stage)
		}
	}
	if want := []string{"identity", "taxonomy", "analyze"}; !slices.Equal(stages, want) {
		t.Errorf("stages %v, want %v", stages, want)
	}
}
