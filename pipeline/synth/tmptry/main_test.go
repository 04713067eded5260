package synthtry
import ("testing";"time";"os"
"github.com/landscapehq/landscape/pipeline/synth")
func TestGen(t *testing.T){
  st:=time.Now()
  s,err:=synth.WriteParquetFile("/tmp/synthtry/1m.parquet","synth",synth.ForRows(1_000_000,1))
  if err!=nil{t.Fatal(err)}
  fi,_:=os.Stat("/tmp/synthtry/1m.parquet")
  t.Logf("%+v %v %d bytes", s, time.Since(st), fi.Size())
}
