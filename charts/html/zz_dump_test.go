package html

import (
	"os"
	"testing"
)

func TestZZDump(t *testing.T) {
	for _, c := range allChartCases() {
		f, _ := os.Create("/tmp/lc/" + c.name + ".html")
		if err := c.render(f, Options{Assets: AssetsCDN}); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
}
