package html

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/landscapehq/landscape/charts/model"
	"github.com/landscapehq/landscape/charts/palette"
)

// Hostile strings: markup and script that must never run or render as HTML.
var hostileStrings = []string{
	`</script><script>window.__pwned=1</script>`,
	`<img src=x onerror="window.__pwned=1">`,
	`"'><svg onload=window.__pwned=1>`,
	"<!--<script>window.__pwned=1//\u2028\u2029",
	`__f__function(){window.__pwned=1}__f__ %MY_ECHARTS% {a|b} ${window.__pwned=1}`,
	`</SCRIPT ><iframe srcdoc="<script>parent.__pwned=1</script>">`,
	`__proto__`,
}

var hostileURLs = []string{
	`javascript:window.__pwned=1`,
	` JaVaScRiPt:window.__pwned=1`,
	`data:text/html,<script>window.__pwned=1</script>`,
	`https://example.com/"><img src=x onerror="window.__pwned=1">`,
	`vbscript:msgbox(1)`,
	`//evil.example/x`,
}

var hostileColors = []string{`red;background:url(javascript:window.__pwned=1)`, `#fff" onmouseover="window.__pwned=1`, `</script>`}

func hostile(i int) string    { return hostileStrings[i%len(hostileStrings)] }
func hostileURL(i int) string { return hostileURLs[i%len(hostileURLs)] }

// The realistic catalog: category › subcategory › tools.
var realCatalog = []struct {
	category string
	subs     []struct {
		name  string
		tools []string
	}
}{
	{"App Definition and Development", []struct {
		name  string
		tools []string
	}{
		{"Database", []string{"Vitess", "TiKV", "CockroachDB", "etcd", "PostgreSQL", "Redis", "MongoDB", "Cassandra"}},
		{"Streaming & Messaging", []string{"NATS", "Kafka", "Pulsar", "RabbitMQ", "Strimzi"}},
		{"Application Definition & Image Build", []string{"Helm", "Buildpacks", "Kaniko", "Dapr", "KubeVela", "Backstage"}},
		{"Continuous Integration & Delivery", []string{"Argo", "Flux", "Tekton", "Jenkins", "Spinnaker", "Keptn", "OpenKruise"}},
	}},
	{"Orchestration & Management", []struct {
		name  string
		tools []string
	}{
		{"Scheduling & Orchestration", []string{"Kubernetes", "Nomad", "Volcano", "Karmada", "Crossplane"}},
		{"Service Mesh", []string{"Istio", "Linkerd", "Cilium Service Mesh", "Kuma", "Consul"}},
		{"API Gateway", []string{"Envoy Gateway", "Kong", "Emissary-ingress", "APISIX"}},
		{"Coordination & Service Discovery", []string{"CoreDNS", "ZooKeeper"}},
	}},
	{"Runtime", []struct {
		name  string
		tools []string
	}{
		{"Container Runtime", []string{"containerd", "CRI-O", "gVisor", "Kata Containers", "WasmEdge"}},
		{"Cloud Native Storage", []string{"Rook", "Longhorn", "OpenEBS", "Ceph", "MinIO", "Velero"}},
		{"Cloud Native Network", []string{"Cilium", "Calico", "Flannel", "CNI", "Antrea"}},
	}},
	{"Observability and Analysis", []struct {
		name  string
		tools []string
	}{
		{"Monitoring", []string{"Prometheus", "Thanos", "Cortex", "Grafana", "Zabbix", "Nagios"}},
		{"Logging", []string{"Fluentd", "Fluent Bit", "Loki", "Vector"}},
		{"Tracing", []string{"Jaeger", "OpenTelemetry", "Zipkin", "Tempo"}},
		{"Chaos Engineering", []string{"Chaos Mesh", "Litmus", "Chaos Monkey"}},
	}},
	{"Provisioning", []struct {
		name  string
		tools []string
	}{
		{"Automation & Configuration", []string{"Terraform", "OpenTofu", "Ansible", "Pulumi", "Chef", "Puppet"}},
		{"Security & Compliance", []string{"Falco", "OPA", "Kyverno", "Notary", "TUF", "in-toto", "Trivy", "cert-manager"}},
		{"Key Management", []string{"SPIFFE", "SPIRE", "Vault"}},
	}},
}

func realisticTree() model.Tree {
	var cats []string
	for _, c := range realCatalog {
		cats = append(cats, c.category)
	}
	pal := palette.New(cats)
	root := &model.Node{Name: "CNCF Landscape"}
	for ci, c := range realCatalog {
		cn := &model.Node{Name: c.category, Color: pal.Hex(c.category), Growth: []float64{0.12, -0.08, 0.3, 0.05, -0.35}[ci%5]}
		for si, s := range c.subs {
			sn := &model.Node{Name: s.name, Color: cn.Color, Growth: float64((si*7+ci*3)%9-4) / 10}
			for _, t := range s.tools {
				slug := strings.ToLower(strings.NewReplacer(" ", "-", "&", "and").Replace(t))
				sn.Children = append(sn.Children, &model.Node{
					Name:        t,
					Value:       1,
					Description: fmt.Sprintf("%s is a project in %s (%s).", t, s.name, c.category),
					URL:         "https://github.com/example/" + slug,
					Color:       cn.Color,
				})
				sn.Value++
			}
			cn.Children = append(cn.Children, sn)
			cn.Value += sn.Value
		}
		root.Children = append(root.Children, cn)
		root.Value += cn.Value
	}
	return model.Tree{Title: "CNCF Landscape", Release: "2026-06-30", Root: root}
}

func hostileTree() model.Tree {
	root := &model.Node{Name: hostile(0)}
	k := 0
	for ci := 0; ci < 4; ci++ {
		cn := &model.Node{Name: hostile(ci), Color: hostileColors[ci%len(hostileColors)], Growth: 0.2 * float64(ci-1), Description: hostile(ci + 1), URL: hostileURL(ci)}
		if ci == 0 {
			cn.Color = "#5470c6"
		}
		for si := 0; si < 3; si++ {
			sn := &model.Node{Name: hostile(ci + si + 1), Growth: -0.1 * float64(si)}
			for ti := 0; ti < 4; ti++ {
				k++
				sn.Children = append(sn.Children, &model.Node{
					Name:        hostile(k),
					Value:       float64(1 + ti%3),
					Description: hostile(k+2) + " " + hostile(k+3),
					URL:         hostileURL(k),
					Color:       hostileColors[k%len(hostileColors)],
				})
				sn.Value += float64(1 + ti%3)
			}
			cn.Children = append(cn.Children, sn)
			cn.Value += sn.Value
		}
		root.Children = append(root.Children, cn)
		root.Value += cn.Value
	}
	return model.Tree{Title: hostile(1), Release: hostile(2), Root: root}
}

// flatTree is an awesome list: categories holding tools, no subcategories
// (model.Tree.Flat): Sunburst draws it as CategoryBars.
func flatTree(hostileModels bool) model.Tree {
	if hostileModels {
		root := &model.Node{Name: hostile(3)}
		for ci := 0; ci < 5; ci++ {
			cn := &model.Node{Name: hostile(ci), Color: hostileColors[ci%len(hostileColors)], Description: hostile(ci + 2)}
			for ti := 0; ti <= ci*4; ti++ {
				cn.Children = append(cn.Children, &model.Node{Name: hostile(ci + ti), Value: 1, Description: hostile(ti), URL: hostileURL(ti)})
			}
			root.Children = append(root.Children, cn)
		}
		return model.Tree{Title: hostile(4), Release: hostile(5), Root: root}
	}
	t := realisticTree()
	root := &model.Node{Name: "awesome list"}
	for _, c := range t.Root.Children {
		cn := &model.Node{Name: c.Name, Color: c.Color, Description: "Tools for " + strings.ToLower(c.Name) + "."}
		for _, s := range c.Children {
			cn.Children = append(cn.Children, s.Children...)
		}
		root.Children = append(root.Children, cn)
	}
	return model.Tree{Title: "An awesome list", Release: "2026-06-30", Root: root}
}

var realReleases = []string{"2024-06-30", "2024-12-31", "2025-06-30", "2025-12-31", "2026-06-30"}

func realisticGrowth() model.Growth {
	g := model.Growth{Title: "Tools per category", Releases: realReleases}
	for _, r := range realReleases {
		d, _ := time.Parse("2006-01-02", r)
		g.Dates = append(g.Dates, d)
	}
	var cats []string
	for _, c := range realCatalog {
		cats = append(cats, c.category)
	}
	pal := palette.New(cats)
	for ci, c := range cats {
		s := model.Series{Name: c, Color: pal.Hex(c)}
		for r := range realReleases {
			s.Values = append(s.Values, float64(20+ci*7+r*(ci%3+1)*3))
		}
		g.Series = append(g.Series, s)
	}
	return g
}

func hostileGrowth() model.Growth {
	g := model.Growth{Title: hostile(0), Releases: []string{hostile(1), hostile(2), hostile(3)}}
	for i := 0; i < 5; i++ {
		g.Series = append(g.Series, model.Series{Name: hostile(i), Color: hostileColors[i%len(hostileColors)], Values: []float64{float64(i), float64(2 * i), float64(3*i + 1)}})
	}
	return g
}

func realisticChurn() model.Churn {
	ch := model.Churn{Title: "Churn", Release: "2026-06-30", Previous: "2025-12-31"}
	for ci, c := range realCatalog {
		ch.Categories = append(ch.Categories, c.category)
		ch.Colors = append(ch.Colors, palette.Colors[ci])
		ch.Added = append(ch.Added, 3+ci*2)
		ch.Removed = append(ch.Removed, 1+(ci*3)%5)
	}
	return ch
}

func hostileChurn() model.Churn {
	ch := model.Churn{Title: hostile(3), Release: hostile(0), Previous: hostile(1)}
	for i := 0; i < 6; i++ {
		ch.Categories = append(ch.Categories, hostile(i))
		ch.Colors = append(ch.Colors, hostileColors[i%len(hostileColors)])
		ch.Added = append(ch.Added, i+1)
		ch.Removed = append(ch.Removed, 6-i)
	}
	return ch
}

func realisticFlows() model.Flows {
	f := model.Flows{Title: "Tools moving between categories", Release: "2026-06-30", Previous: "2025-12-31"}
	cats := []string{"App Definition and Development", "Observability and Analysis", "Orchestration & Management", "Provisioning", "Runtime"}
	for i, a := range cats {
		for j, b := range cats {
			n := 0
			switch {
			case i == j:
				n = 20 + 5*i
			case (i+j)%3 == 0:
				n = 1 + (i+2*j)%4
			}
			if n > 0 {
				f.Flows = append(f.Flows, model.Flow{From: a, To: b, Tools: n})
			}
		}
		f.Flows = append(f.Flows, model.Flow{From: "(new)", To: a, Tools: 2 + i}, model.Flow{From: a, To: "(removed)", Tools: 1 + i%2})
	}
	return f
}

func hostileFlows() model.Flows {
	f := model.Flows{Title: hostile(2), Release: hostile(0), Previous: hostile(0)}
	for i := 0; i < 5; i++ {
		f.Flows = append(f.Flows, model.Flow{From: hostile(i), To: hostile(i), Tools: 5 + i})
		f.Flows = append(f.Flows, model.Flow{From: hostile(i), To: hostile(i + 1), Tools: 1 + i})
	}
	// a category named like another's suffixed node
	f.Flows = append(f.Flows, model.Flow{From: "Data (after)", To: "Data", Tools: 2})
	return f
}

func realisticSurvival() model.Survival {
	s := model.Survival{Title: "How long tools stay listed", Unit: "months"}
	for ci, c := range []string{"All tools", "Graduated projects", "Open source only"} {
		cu := model.SurvivalCurve{Name: c, Color: palette.Colors[ci]}
		p := 1.0
		for t := 0; t <= 8; t++ {
			cu.Time = append(cu.Time, float64(6*t))
			cu.Prob = append(cu.Prob, p)
			p *= 0.97 - 0.04*float64(ci)
		}
		s.Curves = append(s.Curves, cu)
	}
	return s
}

func hostileSurvival() model.Survival {
	s := model.Survival{Title: hostile(4), Unit: "years"}
	for i := 0; i < 4; i++ {
		s.Curves = append(s.Curves, model.SurvivalCurve{Name: hostile(i), Color: hostileColors[i%len(hostileColors)], Time: []float64{0, 1, 2, 3}, Prob: []float64{1, 0.8, 0.6 - 0.1*float64(i), 0.5}})
	}
	return s
}

// dailyGrowth is a catalog cut every day its file changed: n releases at
// irregular dates (gaps of 1 to 9 days) from 2018-01-01, with the hostile
// names, thinned as model.GrowthOf thins it.
func dailyGrowth(n int, names []string) model.Growth {
	g := model.Growth{Title: names[0]}
	d := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		g.Releases = append(g.Releases, d.Format("2006-01-02"))
		g.Dates = append(g.Dates, d)
		d = d.AddDate(0, 0, 1+(i*7)%9/4*(i%3))
	}
	for k, nm := range names {
		s := model.Series{Name: nm, Color: hostileColors[k%len(hostileColors)]}
		for i := 0; i < n; i++ {
			s.Values = append(s.Values, float64(10+k*5+i*(k+1)/40))
		}
		g.Series = append(g.Series, s)
	}
	return g.Thin(model.MaxGrowthPoints)
}

// chartCase is one chart kind rendered from one model.
type chartCase struct {
	name   string // file stem
	kind   string // the data-landscape-chart value
	render func(w io.Writer, o Options) error
}

func chartCases(hostileModels bool) []chartCase {
	t, g, ch, f, s := realisticTree(), realisticGrowth(), realisticChurn(), realisticFlows(), realisticSurvival()
	prefix := "real"
	daily := dailyGrowth(1769, []string{"Observability", "Orchestration", "Security", "Storage", "Streaming"})
	if hostileModels {
		t, g, ch, f, s = hostileTree(), hostileGrowth(), hostileChurn(), hostileFlows(), hostileSurvival()
		prefix = "hostile"
		daily = dailyGrowth(1769, []string{hostile(0), hostile(1), hostile(2), hostile(3), hostile(4)})
	}
	return []chartCase{
		{prefix + "-sunburst", "sunburst", func(w io.Writer, o Options) error { return Sunburst(w, t, o) }},
		{prefix + "-treemap", "treemap", func(w io.Writer, o Options) error { return Treemap(w, t, o) }},
		{prefix + "-growth-area", "growth-area", func(w io.Writer, o Options) error { return GrowthArea(w, g, o) }},
		{prefix + "-growth-lines", "growth-lines", func(w io.Writer, o Options) error { return GrowthLines(w, g, 3, o) }},
		{prefix + "-churn", "churn", func(w io.Writer, o Options) error { return Churn(w, ch, o) }},
		{prefix + "-flows", "flows", func(w io.Writer, o Options) error { return Flows(w, f, o) }},
		{prefix + "-survival", "survival", func(w io.Writer, o Options) error { return Survival(w, s, o) }},
		{prefix + "-growth-daily", "growth-lines", func(w io.Writer, o Options) error { return GrowthLines(w, daily, 4, o) }},
		// a flat list's sunburst is bars of categories
		{prefix + "-categories", "categories", func(w io.Writer, o Options) error { return Sunburst(w, flatTree(hostileModels), o) }},
	}
}

func allChartCases() []chartCase { return append(chartCases(false), chartCases(true)...) }
