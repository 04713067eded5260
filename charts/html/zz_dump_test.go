package html

import (
	"os"
	"testing"
)

func TestZZDump(t *testing.T) {
	os.RemoveAll("/tmp/lc")
	os.MkdirAll("/tmp/lc", 0o755)
	for _, c := range allChartCases() {
		f, _ := os.Create("/tmp/lc/" + c.name + ".html")
		if err := c.render(f, Options{}); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
}
