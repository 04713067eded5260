package analyze_test
import ("testing";"context"
"github.com/landscapehq/landscape/pipeline/analyze"
"github.com/landscapehq/landscape/pipeline/synth")
func BenchmarkFastTmp(b *testing.B){
  path:=p2File(b, synth.ForRows(10_000_000,1))
  for i:=0;i<b.N;i++{ if _,err:=analyze.FastParquet(context.Background(),[]string{path},analyze.FastOptions{}); err!=nil {b.Fatal(err)} }
}
