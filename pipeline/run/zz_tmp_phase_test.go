package run
import ("testing";"time";"fmt";"os"
"github.com/apache/arrow-go/v18/arrow/memory"
"github.com/landscapehq/landscape/charts/html"
"github.com/landscapehq/landscape/pipeline/read"
"github.com/landscapehq/landscape/pipeline/export"
"github.com/landscapehq/landscape/pipeline/catalog"
"github.com/landscapehq/landscape/pipeline/identity"
"github.com/landscapehq/landscape/pipeline/taxonomy"
"github.com/landscapehq/landscape/pipeline/analyze"
)
func TestZZPhases(t *testing.T){
 dir := os.Getenv("ZZDIR")
 if dir == "" { t.Skip() }
 mem := memory.DefaultAllocator
 for rep:=0; rep<3; rep++ {
 t0:=time.Now()
 snaps, err := read.Catalog(dir, read.Options{}); if err!=nil {t.Fatal(err)}
 t1:=time.Now()
 h, _ := catalog.NewHistory(mem, "x", snaps)
 t2:=time.Now()
 resolved, _, _ := identity.Apply(mem, h, nil)
 t3:=time.Now()
 tax := taxonomy.Align(resolved, nil)
 aligned, _ := resolved.WithCanonicalCategories(mem, taxonomy.Apply(resolved, tax))
 t4:=time.Now()
 res := analyze.Run(aligned, tax)
 t5:=time.Now()
 out := t.TempDir()
 _, err = WriteOutputs(mem, res, out, html.AssetsLocal, export.DatasetOptions{}); if err!=nil {t.Fatal(err)}
 t6:=time.Now()
 ch := Charts(res, res.Latest())
 _ = renderCharts(ch, html.AssetsLocal)
 t7:=time.Now()
 dd := t.TempDir()
 _, err = export.WriteDataset(mem, res, dd, export.DatasetOptions{}); if err!=nil {t.Fatal(err)}
 t8:=time.Now()
 fmt.Printf("read %v history %v identity %v taxonomy %v analyze %v | writeOutputs %v [charts alone %v, dataset alone %v]\n", t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t4.Sub(t3), t5.Sub(t4), t6.Sub(t5), t7.Sub(t6), t8.Sub(t7))
 }
}
