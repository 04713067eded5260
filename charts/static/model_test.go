package static

import (
	"fmt"
	"math"
	"time"

	"github.com/landscapehq/landscape/charts/model"
	"github.com/landscapehq/landscape/charts/palette"
)

// A realistic test catalog: 12 categories, 60 subcategories, about 500
// tools with long names, 15 releases. Everything is derived from a fixed
// seed with a generator of our own, so golden files do not depend on
// math/rand's algorithms.

type splitmix uint64

func (s *splitmix) next() uint64 {
	*s += 0x9e3779b97f4a7c15
	z := uint64(*s)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (s *splitmix) float() float64 { return float64(s.next()>>11) / (1 << 53) }
func (s *splitmix) intn(n int) int { return int(s.next() % uint64(n)) }

var testCategories = []struct {
	name string
	subs []string
}{
	{"App Definition & Development", []string{"Application Definition & Image Build", "Database", "Streaming & Messaging", "Continuous Integration & Delivery", "Scheduling & Orchestration"}},
	{"Orchestration & Management", []string{"Scheduling & Orchestration", "Coordination & Service Discovery", "Remote Procedure Call", "Service Proxy", "API Gateway", "Service Mesh"}},
	{"Runtime", []string{"Cloud Native Storage", "Container Runtime", "Cloud Native Network", "Container Registry"}},
	{"Provisioning", []string{"Automation & Configuration", "Container Registry", "Security & Compliance", "Key Management", "Image Scanning & Supply Chain"}},
	{"Observability & Analysis", []string{"Monitoring", "Logging", "Tracing", "Chaos Engineering", "Continuous Optimization", "Feature Flagging"}},
	{"Platform", []string{"Certified Kubernetes - Distribution", "Certified Kubernetes - Hosted", "Certified Kubernetes - Installer", "PaaS/Container Service", "Internal Developer Portals"}},
	{"Serverless", []string{"Framework", "Hosted Platform", "Installable Platform", "Tools", "Security"}},
	{"Special: Kubernetes Certified Service Providers", []string{"Kubernetes Certified Service Provider", "Kubernetes Training Partner", "Cloud Native Consulting"}},
	{"Security & Compliance", []string{"Policy as Code", "Runtime Security", "Identity & Access Management", "Secret Management", "Vulnerability Scanning", "Compliance Automation"}},
	{"Continuous Integration & Delivery", []string{"Build Systems", "GitOps Controllers", "Progressive Delivery", "Artifact Management", "Pipeline Orchestration"}},
	{"Database & Streaming", []string{"Relational Databases", "NoSQL & Document Stores", "Time Series Databases", "Event Streaming", "Message Queues"}},
	{"Wasm & Edge Computing", []string{"WebAssembly Runtimes", "Edge Orchestration", "IoT Device Management", "Edge Networking", "Embedded Kubernetes"}},
}

var (
	namePrefix   = []string{"Kube", "Cloud", "Open", "Hyper", "Nebula", "Stack", "Data", "Flux", "Argo", "Vault", "Helm", "Port", "Grafa", "Tekton", "Cilium", "Linker", "Strimzi", "Dapr", "Knative", "Crossplane", "Falco", "Keda", "Thanos", "Cortex", "Jaeger", "Envoy", "Contour", "Emissary", "Kyverno", "Notary"}
	nameStem     = []string{"flow", "mesh", "guard", "scope", "forge", "pipe", "lens", "grid", "shift", "sync", "sail", "keeper", "watch", "hub", "ops", "base", "craft", "nest"}
	nameSuffix   = []string{"", "", "", "", " Operator", " Enterprise Edition", " Controller for Multi-Cluster Deployments", " Cloud", " Community Edition", " for Kubernetes", " Platform (Self-Hosted)", " by Example Systems, Inc."}
	testReleases = []string{"2022-01", "2022-03", "2022-05", "2022-07", "2022-09", "2022-11", "2023-01", "2023-03", "2023-05", "2023-07", "2023-09", "2023-11", "2024-01", "2024-03", "2024-05"}
)

type testModel struct {
	tree     model.Tree // every tool of value 1, as model.TreeOf makes it
	stars    model.Tree // the same tree with tools weighted (by stars, say)
	flat     model.Tree // the same tools without subcategories (an awesome list)
	growth   model.Growth
	churn    model.Churn
	flows    model.Flows
	survival model.Survival
}

func newTestModel() testModel {
	rng := splitmix(20240501)
	var names []string
	for _, c := range testCategories {
		names = append(names, c.name)
	}
	pal := palette.New(names)
	last := len(testReleases) - 1

	root := &model.Node{Name: "Landscape"}
	uroot := &model.Node{Name: "Landscape"}
	used := map[string]bool{}
	counts := make([]int, len(testCategories))
	for ci, c := range testCategories {
		cat := &model.Node{Name: c.name, Color: pal.Hex(c.name), Growth: 0.4*rng.float() - 0.1}
		ucat := &model.Node{Name: c.name, Color: cat.Color, Growth: cat.Growth}
		for si, s := range c.subs {
			// a skewed number of tools per subcategory, about 500 in all
			n := 1 + int(16*math.Pow(rng.float(), 1.6))
			if si == 0 {
				n += 5
			}
			sub := &model.Node{Name: s, Growth: 1.2*rng.float() - 0.5}
			usub := &model.Node{Name: s, Growth: sub.Growth}
			for range n {
				var name string
				for {
					name = namePrefix[rng.intn(len(namePrefix))] + nameStem[rng.intn(len(nameStem))] + nameSuffix[rng.intn(len(nameSuffix))]
					if !used[name] {
						break
					}
					name += fmt.Sprintf(" %d", 2+rng.intn(8))
					if !used[name] {
						break
					}
				}
				used[name] = true
				v := 1 + math.Floor(math.Pow(rng.float(), 6)*60)
				sub.Children = append(sub.Children, &model.Node{Name: name, Value: v, Description: "A tool.", URL: "https://example.com/" + fmt.Sprint(len(used))})
				usub.Children = append(usub.Children, &model.Node{Name: name, Value: 1})
				sub.Value += v
				usub.Value++
			}
			cat.Children = append(cat.Children, sub)
			ucat.Children = append(ucat.Children, usub)
			cat.Value += sub.Value
			ucat.Value += usub.Value
			counts[ci] += n
		}
		root.Children = append(root.Children, cat)
		uroot.Children = append(uroot.Children, ucat)
		root.Value += cat.Value
		uroot.Value += ucat.Value
	}

	m := testModel{
		tree:  model.Tree{Title: "The Cloud Native Landscape", Release: testReleases[last], Root: uroot},
		stars: model.Tree{Title: "The Cloud Native Landscape by stars", Release: testReleases[last], Root: root},
	}
	froot := &model.Node{Name: "flat"}
	for _, c := range uroot.Children {
		fc := &model.Node{Name: c.Name, Color: c.Color, Value: c.Value}
		for _, s := range c.Children {
			fc.Children = append(fc.Children, s.Children...)
		}
		froot.Children = append(froot.Children, fc)
	}
	m.flat = model.Tree{Title: "An awesome list", Release: testReleases[last], Root: froot}

	// growth: each category grows to its count, some start late
	m.growth = model.Growth{Title: "Tools per category", Releases: append([]string(nil), testReleases...)}
	for r, id := range testReleases { // irregular days within the month
		d, _ := time.Parse("2006-01", id)
		m.growth.Dates = append(m.growth.Dates, d.AddDate(0, 0, (r*11)%27))
	}
	series := make([][]float64, len(testCategories))
	for ci, c := range testCategories {
		start := 0
		if ci == len(testCategories)-1 {
			start = 6
		}
		gamma := 0.6 + 1.6*rng.float()
		v := make([]float64, len(testReleases))
		for r := range v {
			if r < start {
				continue
			}
			x := float64(r-start) / float64(last-start)
			v[r] = math.Round(float64(counts[ci]) * (0.3 + 0.7*math.Pow(x, gamma)))
		}
		v[last] = float64(counts[ci])
		series[ci] = v
		m.growth.Series = append(m.growth.Series, model.Series{Name: c.name, Color: pal.Hex(c.name), Values: v})
	}

	// churn between the last two releases
	m.churn = model.Churn{Title: "Churn", Release: testReleases[last], Previous: testReleases[last-1]}
	for ci, c := range testCategories {
		removed := rng.intn(5)
		if ci == 7 {
			removed = 0
		}
		added := int(series[ci][last]-series[ci][last-1]) + removed
		if ci == 7 {
			added = 0 // an unchanged category
		}
		m.churn.Categories = append(m.churn.Categories, c.name)
		m.churn.Colors = append(m.churn.Colors, pal.Hex(c.name))
		m.churn.Added = append(m.churn.Added, added)
		m.churn.Removed = append(m.churn.Removed, removed)
	}

	// flows: most tools stay, some move, some come and go
	m.flows = model.Flows{Title: "Where tools moved", Release: testReleases[last], Previous: testReleases[last-1]}
	for ci, c := range testCategories {
		stay := int(series[ci][last-1]) - m.churn.Removed[ci]
		moves := 0
		for k := range 2 {
			to := (ci + 1 + rng.intn(len(testCategories)-1)) % len(testCategories)
			n := 1 + rng.intn(6)
			if k == 1 && rng.intn(2) == 0 || n >= stay {
				continue
			}
			moves += n
			m.flows.Flows = append(m.flows.Flows, model.Flow{From: c.name, To: testCategories[to].name, Tools: n})
		}
		m.flows.Flows = append(m.flows.Flows, model.Flow{From: c.name, To: c.name, Tools: stay - moves})
		if a := m.churn.Added[ci]; a > 0 {
			m.flows.Flows = append(m.flows.Flows, model.Flow{From: "(new)", To: c.name, Tools: a})
		}
		if r := m.churn.Removed[ci]; r > 0 {
			m.flows.Flows = append(m.flows.Flows, model.Flow{From: c.name, To: "(removed)", Tools: r})
		}
	}

	// survival: a few Kaplan–Meier curves
	m.survival = model.Survival{Title: "How long tools stay listed", Unit: "months"}
	for k, g := range []struct {
		name   string
		lambda float64
	}{{"All tools", 0.06}, {"Open source projects", 0.035}, {"Commercial products", 0.09}, {"Certified service providers", 0.13}} {
		c := model.SurvivalCurve{Name: g.name, Color: palette.Colors[k]}
		p := 1.0
		for t := 1; t <= last-k; t++ {
			p *= math.Exp(-g.lambda * (0.5 + rng.float()))
			c.Time = append(c.Time, 2*float64(t))
			c.Prob = append(c.Prob, math.Round(p*1000)/1000)
		}
		m.survival.Curves = append(m.survival.Curves, c)
	}
	return m
}
