// Package synth generates synthetic landscape catalogs: N releases of about M
// tools each, with the churn real catalogs show — tools added, removed and
// re-added after an absence, moved between categories, renamed, listed twice
// (in two subcategories or two categories) — and categories renamed and split.
//
// The generator is deterministic: the same Options give the same releases,
// byte for byte, in every output. Identity is known by construction, so the
// history it gives has tool_id and canonical_category filled: a tool keeps its
// id through renames and moves; a category's canonical name is its name in the
// newest release (a split category continues as its larger part, under a new
// name, and the smaller part is a new category). Outputs: canonical release
// files (WriteCatalog, docs/snapshot-format.md), the history table as Parquet,
// streamed row group by row group (WriteParquet), and the history in memory
// (History).
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/identity"
)

// Version names the generator and its writers: it changes whenever the same
// Options would give different bytes (benchmark caches are keyed by it).
const Version = "2"

// DefaultTools is the number of tools per release ForRows uses: a large
// landscape (the CNCF landscape lists about 2,500 items).
const DefaultTools = 2500

// Options shape a synthetic catalog. Zero values take the defaults given.
type Options struct {
	Seed       uint64
	Releases   int       // number of releases (default 20)
	Tools      int       // tools listed per release, kept about steady (default DefaultTools)
	Categories int       // categories of the first release (default 24)
	End        time.Time // date of the newest release (default 2026-06-30)
	StepDays   int       // days between releases (default 1: a release per commit, say)

	// Expected events per release, as a share of Tools (defaults in
	// parentheses). Removals balance additions and re-additions so that the
	// number of tools stays near Tools.
	AddRate    float64 // new tools (0.002)
	ReAddRate  float64 // tools back after an absence (0.0003)
	MoveRate   float64 // tools moved to another category (0.001)
	RenameRate float64 // tools renamed (0.0005)
	DupShare   float64 // share of tools listed twice (0.01)
	DupRate    float64 // second listings added, and as many dropped (0.0005)

	// Probabilities per release.
	CategoryRenameRate float64 // a category is renamed (0.01)
	CategorySplitRate  float64 // a category splits in two (0.004)
	SplitShare         float64 // share of a split category's tools that go to the new part (0.4)
}

// WithDefaults returns o with its zero fields set to the defaults.
func (o Options) WithDefaults() Options {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	if o.Releases <= 0 {
		o.Releases = 20
	}
	if o.Tools <= 0 {
		o.Tools = DefaultTools
	}
	if o.Categories <= 0 {
		o.Categories = 24
	}
	if o.End.IsZero() {
		o.End = time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	}
	if o.StepDays <= 0 {
		o.StepDays = 1
	}
	def(&o.AddRate, 0.002)
	def(&o.ReAddRate, 0.0003)
	def(&o.MoveRate, 0.001)
	def(&o.RenameRate, 0.0005)
	def(&o.DupShare, 0.01)
	def(&o.DupRate, 0.0005)
	def(&o.CategoryRenameRate, 0.01)
	def(&o.CategorySplitRate, 0.004)
	def(&o.SplitShare, 0.4)
	return o
}

// ForRows gives the options of a catalog of about rows (release, tool)
// listings: DefaultTools tools per release and as many releases as it takes.
func ForRows(rows int, seed uint64) Options {
	o := Options{Seed: seed, Tools: DefaultTools}.WithDefaults()
	o.Releases = o.ReleasesFor(rows)
	return o
}

// ReleasesFor is the number of releases that gives about rows listings
// with o's tools per release and share of tools listed twice.
func (o Options) ReleasesFor(rows int) int {
	o = o.WithDefaults()
	per := float64(o.Tools) * (1 + o.DupShare)
	return max(2, int(math.Round(float64(rows)/per)))
}

// Release is one generated release: its snapshot (listings in file order,
// with the line each has in the release file WriteCatalog writes) and, per
// listing, the tool id, how identity joins it and its canonical category.
type Release struct {
	Snapshot  catalog.Snapshot
	ToolIDs   []string
	JoinedBy  []string
	Canonical []string
}

// Generate produces the releases of o, oldest first, calling visit with each.
// The Release and its slices are reused: visit must copy what it keeps.
func Generate(o Options, visit func(*Release) error) error {
	o = o.WithDefaults()
	if o.Categories > 600 {
		return fmt.Errorf("synth: %d categories: at most 600", o.Categories)
	}
	g := newGen(o)
	for r := 0; r < o.Releases; r++ {
		g.step(r)
		if err := visit(g.emit(r)); err != nil {
			return err
		}
	}
	return nil
}

// Category and tool names are made of these.
var (
	catAreas = []string{"Data", "Model", "Feature", "Stream", "Batch", "Cloud", "Edge", "Security", "Identity", "Network",
		"Storage", "Runtime", "Service", "Event", "Metric", "Trace", "Log", "Policy", "Cost", "Container",
		"Workflow", "Experiment", "Vector", "Graph", "Query", "Schema", "Secret", "Key", "API", "Chaos"}
	catKinds = []string{"Pipelines", "Serving", "Stores", "Orchestration", "Monitoring", "Management", "Mesh", "Gateways",
		"Platforms", "Registries", "Engines", "Tooling", "Observability", "Labelling", "Testing", "Governance",
		"Catalogs", "Scheduling", "Analytics", "Databases"}
	subNames  = []string{"Open source", "Managed services", "Libraries", "Frameworks", "Platforms", "Hosted", "Self-hosted", "Extensions", "Operators", "Clients"}
	syllables = []string{"ka", "lo", "mi", "ra", "ven", "tor", "zen", "qua", "bri", "dex", "lum", "nor", "pix", "sol", "tra",
		"vy", "xo", "yel", "gri", "fen", "ar", "bo", "cel", "dra", "el", "fi", "go", "hal", "ix", "jor", "kel", "mar"}
	adjectives = []string{"Open-source", "Managed", "Lightweight", "Distributed", "Cloud-native", "Embedded", "Scalable", "Declarative"}
	nouns      = []string{"engine", "platform", "library", "framework", "service", "toolkit", "operator", "runtime"}
	licenses   = []string{"Apache-2.0", "MIT", "BSD-3-Clause", "MPL-2.0", "GPL-3.0-only", "AGPL-3.0-only"}
)

// category is a category over its life: its names change by renames and
// splits; canon is its name in the newest release.
type category struct {
	name, canon string
	subs        []string
	weight      float64
}

type catEvent struct {
	split        bool
	cat, child   int
	name, second string // new name of cat; name of the new part (split)
}

type tool struct {
	id, repo, home, desc, launched, license, status string
	name                                            string
	oss                                             bool
	stars, starsStep                                int64 // stars in the release it first appears, and growth per release; 0: no stars
	cat, dupCat                                     int32 // dupCat -1: listed once
	sub, dupSub                                     int16
	born                                            int32
	seen                                            int32 // 1 + the last release that listed it; 0: never listed
}

// set is a set of tool indexes with O(1) insert, delete and random pick.
type set struct {
	items []int32
	pos   map[int32]int
}

func newSet() *set { return &set{pos: map[int32]int{}} }

func (s *set) add(t int32) {
	s.pos[t] = len(s.items)
	s.items = append(s.items, t)
}

func (s *set) del(t int32) {
	i := s.pos[t]
	last := s.items[len(s.items)-1]
	s.items[i] = last
	s.pos[last] = i
	s.items = s.items[:len(s.items)-1]
	delete(s.pos, t)
}

func (s *set) pick(rng *rand.Rand) int32 { return s.items[rng.IntN(len(s.items))] }

type gen struct {
	o      Options
	rng    *rand.Rand // tools
	cats   []*category
	alive  int // categories 0..alive-1 exist in the current release
	cum    []float64
	events [][]catEvent // per release
	tools  []tool
	live   *set
	gone   *set
	usedCN map[string]bool
	dups   int

	rel   Release
	keys  []uint64
	stars []int64
}

func newGen(o Options) *gen {
	g := &gen{o: o, rng: rand.New(rand.NewPCG(o.Seed, 2)), live: newSet(), gone: newSet(), usedCN: map[string]bool{}}
	g.plan()
	return g
}

// plan decides the category timeline first (its own random stream), so that
// canonical names are known before the first release is written.
func (g *gen) plan() {
	rng := rand.New(rand.NewPCG(g.o.Seed, 1))
	newName := func() string {
		for {
			n := catAreas[rng.IntN(len(catAreas))] + " " + catKinds[rng.IntN(len(catKinds))]
			if !g.usedCN[n] {
				g.usedCN[n] = true
				return n
			}
		}
	}
	newCat := func() *category {
		c := &category{name: newName(), weight: math.Pow(rng.Float64()+0.05, 2)}
		k := 2 + rng.IntN(4)
		perm := rng.Perm(len(subNames))
		for _, i := range perm[:k] {
			c.subs = append(c.subs, subNames[i])
		}
		return c
	}
	for range g.o.Categories {
		g.cats = append(g.cats, newCat())
	}
	g.alive = len(g.cats)
	names := make([]string, len(g.cats))
	for i, c := range g.cats {
		names[i] = c.name
	}
	g.events = make([][]catEvent, g.o.Releases)
	for r := 1; r < g.o.Releases; r++ {
		if rng.Float64() < g.o.CategoryRenameRate {
			c := rng.IntN(len(names))
			e := catEvent{cat: c, name: newName()}
			names[c] = e.name
			g.events[r] = append(g.events[r], e)
		}
		if rng.Float64() < g.o.CategorySplitRate && len(names) < 3*g.o.Categories && len(g.usedCN) < len(catAreas)*len(catKinds)-10 {
			c := rng.IntN(len(names))
			child := newCat()
			e := catEvent{split: true, cat: c, child: len(g.cats), name: newName(), second: child.name}
			g.cats = append(g.cats, child)
			names[c] = e.name
			names = append(names, child.name)
			g.events[r] = append(g.events[r], e)
		}
	}
	for i, c := range g.cats {
		c.canon = names[i]
	}
	g.weights()
}

// weights recomputes the cumulative weights of the categories that exist.
func (g *gen) weights() {
	g.cum = g.cum[:0]
	sum := 0.0
	for _, c := range g.cats[:g.alive] {
		sum += c.weight
		g.cum = append(g.cum, sum)
	}
}

// pickCat draws a category by weight.
func (g *gen) pickCat() int32 {
	x := g.rng.Float64() * g.cum[len(g.cum)-1]
	i, _ := slices.BinarySearch(g.cum, x)
	return int32(min(i, len(g.cum)-1))
}

func (g *gen) syl(n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(syllables[g.rng.IntN(len(syllables))])
	}
	return b.String()
}

func (g *gen) newTool(r int) int32 {
	i := int32(len(g.tools))
	code := strings.ToUpper(strconv.FormatInt(int64(i), 36))
	stem := g.syl(2 + g.rng.IntN(2))
	t := tool{name: strings.ToUpper(stem[:1]) + stem[1:] + " " + code, born: int32(r), dupCat: -1}
	slug := stem + "-" + strings.ToLower(code)
	t.home = "https://" + slug + ".io"
	if g.rng.Float64() < 0.75 {
		t.repo = "https://github.com/" + g.syl(2) + "/" + slug
		t.id = identity.RepoKey(t.repo)
		t.stars = int64(math.Exp(g.rng.Float64() * 10))
		t.starsStep = int64(g.rng.IntN(4))
	} else {
		t.id = identity.HomeKey(t.home)
	}
	t.cat = g.pickCat()
	t.sub = int16(g.rng.IntN(len(g.cats[t.cat].subs)))
	t.desc = adjectives[g.rng.IntN(len(adjectives))] + " " + nouns[g.rng.IntN(len(nouns))] + " for " + strings.ToLower(g.cats[t.cat].name) + "."
	if g.rng.Float64() < 0.9 {
		y := 2005 + g.rng.IntN(21)
		if g.rng.IntN(2) == 0 {
			t.launched = strconv.Itoa(y)
		} else {
			t.launched = fmt.Sprintf("%d-%02d", y, 1+g.rng.IntN(12))
		}
	}
	t.oss = t.repo != "" && g.rng.Float64() < 0.9
	if t.oss && g.rng.Float64() < 0.9 {
		t.license = licenses[g.rng.IntN(len(licenses))]
	}
	if g.rng.Float64() < 0.9 {
		t.status = "active"
	}
	g.tools = append(g.tools, t)
	g.live.add(i)
	return i
}

// poisson draws from a Poisson distribution (normal approximation above 30).
func (g *gen) poisson(mean float64) int {
	if mean <= 0 {
		return 0
	}
	if mean > 30 {
		return max(0, int(math.Round(mean+math.Sqrt(mean)*g.rng.NormFloat64())))
	}
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= g.rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// setDup gives tool t a second listing: in another subcategory of its
// category, or in another category.
func (g *gen) setDup(t *tool) {
	c := g.cats[t.cat]
	if len(c.subs) > 1 && g.rng.IntN(2) == 0 {
		t.dupCat = t.cat
		t.dupSub = int16((int(t.sub) + 1 + g.rng.IntN(len(c.subs)-1)) % len(c.subs))
		return
	}
	for range 8 {
		if d := g.pickCat(); d != t.cat {
			t.dupCat, t.dupSub = d, int16(g.rng.IntN(len(g.cats[d].subs)))
			return
		}
	}
}

// step applies release r's changes.
func (g *gen) step(r int) {
	M := float64(g.o.Tools)
	if r == 0 {
		for range g.o.Tools {
			g.newTool(0)
		}
		for range int(math.Round(g.o.DupShare * M)) {
			t := &g.tools[g.live.pick(g.rng)]
			if t.dupCat < 0 {
				g.setDup(t)
				if t.dupCat >= 0 {
					g.dups++
				}
			}
		}
		return
	}
	// Categories: renames and splits.
	for _, e := range g.events[r] {
		g.cats[e.cat].name = e.name
		if !e.split {
			continue
		}
		g.alive = e.child + 1
		g.weights()
		for _, i := range g.live.items {
			t := &g.tools[i]
			if t.cat == int32(e.cat) && g.rng.Float64() < g.o.SplitShare {
				t.cat, t.sub = int32(e.child), int16(g.rng.IntN(len(g.cats[e.child].subs)))
			}
			if t.dupCat == int32(e.cat) && g.rng.Float64() < g.o.SplitShare {
				t.dupCat, t.dupSub = int32(e.child), int16(g.rng.IntN(len(g.cats[e.child].subs)))
			}
			g.fixDup(t)
		}
	}
	adds := g.poisson(g.o.AddRate * M)
	readds := min(g.poisson(g.o.ReAddRate*M), len(g.gone.items))
	pop := float64(len(g.live.items))
	removes := min(g.poisson(max(0, (g.o.AddRate+g.o.ReAddRate)*M+(pop-M)*0.1)), len(g.live.items)-1)
	for range removes {
		i := g.live.pick(g.rng)
		g.live.del(i)
		g.gone.add(i)
		if g.tools[i].dupCat >= 0 {
			g.tools[i].dupCat = -1
			g.dups--
		}
	}
	for range readds {
		i := g.gone.pick(g.rng)
		g.gone.del(i)
		g.live.add(i)
		if g.rng.IntN(4) == 0 { // back in another category
			t := &g.tools[i]
			t.cat = g.pickCat()
			t.sub = int16(g.rng.IntN(len(g.cats[t.cat].subs)))
		}
	}
	for range adds {
		g.newTool(r)
	}
	for range g.poisson(g.o.MoveRate * M) {
		t := &g.tools[g.live.pick(g.rng)]
		for range 8 {
			if d := g.pickCat(); d != t.cat {
				t.cat, t.sub = d, int16(g.rng.IntN(len(g.cats[d].subs)))
				break
			}
		}
		g.fixDup(t)
	}
	for range g.poisson(g.o.RenameRate * M) {
		t := &g.tools[g.live.pick(g.rng)]
		code := t.name[strings.LastIndexByte(t.name, ' ')+1:]
		stem := g.syl(2 + g.rng.IntN(2))
		t.name = strings.ToUpper(stem[:1]) + stem[1:] + " " + code
	}
	// Second listings: some added, about as many dropped, around DupShare.
	want := g.o.DupShare * float64(len(g.live.items))
	on := g.poisson(g.o.DupRate*M + max(0, want-float64(g.dups))*0.1)
	off := g.poisson(g.o.DupRate*M + max(0, float64(g.dups)-want)*0.1)
	for range on {
		t := &g.tools[g.live.pick(g.rng)]
		if t.dupCat < 0 {
			g.setDup(t)
			if t.dupCat >= 0 {
				g.dups++
			}
		}
	}
	for range off {
		t := &g.tools[g.live.pick(g.rng)]
		if t.dupCat >= 0 {
			t.dupCat = -1
			g.dups--
		}
	}
}

// fixDup drops a second listing that landed on the first one.
func (g *gen) fixDup(t *tool) {
	if t.dupCat == t.cat && t.dupSub == t.sub {
		t.dupCat = -1
		g.dups--
	}
}

var (
	yes = true
	no  = false
)

// Lines of a release file before the first category (see WriteCatalog).
const headerLines = 6

// emit lays out release r: categories in creation order, subcategories in
// their order, tools by index (the order they were first listed).
func (g *gen) emit(r int) *Release {
	g.keys = g.keys[:0]
	for _, i := range g.live.items {
		t := &g.tools[i]
		g.keys = append(g.keys, uint64(t.cat)<<48|uint64(t.sub)<<40|uint64(i))
		if t.dupCat >= 0 {
			g.keys = append(g.keys, uint64(t.dupCat)<<48|uint64(t.dupSub)<<40|uint64(i)|1<<39)
		}
	}
	slices.Sort(g.keys)
	date := g.o.End.AddDate(0, 0, -g.o.StepDays*(g.o.Releases-1-r))
	id := date.Format("2006-01-02")
	rel := &g.rel
	rel.Snapshot.Release = catalog.Release{ID: id, Date: date, Title: "Synthetic landscape", File: id + ".yaml", Format: "canonical"}
	rel.Snapshot.Listings = rel.Snapshot.Listings[:0]
	rel.ToolIDs, rel.JoinedBy, rel.Canonical = rel.ToolIDs[:0], rel.JoinedBy[:0], rel.Canonical[:0]
	if cap(g.stars) < len(g.keys) {
		g.stars = make([]int64, len(g.keys))
	}
	stars := g.stars[:len(g.keys)]
	line := headerLines + 1
	lastCat, lastSub := int32(-1), int16(-1)
	for k, key := range g.keys {
		cat, sub, i := int32(key>>48), int16(key>>40&0xff), int32(key&(1<<39-1))
		if cat != lastCat {
			line += 2 // "- name:", "subcategories:"
			lastCat, lastSub = cat, -1
		}
		if sub != lastSub {
			line += 2 // "- name:", "tools:"
			lastSub = sub
		}
		t := &g.tools[i]
		c := g.cats[cat]
		l := catalog.Listing{Name: t.name, Category: c.name, Subcategory: c.subs[sub], HomepageURL: t.home, RepoURL: t.repo,
			Description: t.desc, Launched: t.launched, License: t.license, Status: t.status, Line: line}
		if t.oss {
			l.OpenSource = &yes
		} else {
			l.OpenSource = &no
		}
		if t.stars > 0 {
			stars[k] = t.stars + t.starsStep*int64(r-int(t.born))
			l.Stars = &stars[k]
		}
		line += 1 + fields(&l)
		join := identity.JoinRepo
		switch {
		case t.seen == int32(r)+1: // its first listing in the file is above
			join = identity.JoinListing
		case t.seen == 0:
			join = identity.JoinNew
		case t.repo == "":
			join = identity.JoinHome
		}
		t.seen = int32(r) + 1
		rel.Snapshot.Listings = append(rel.Snapshot.Listings, l)
		rel.ToolIDs = append(rel.ToolIDs, t.id)
		rel.JoinedBy = append(rel.JoinedBy, join)
		rel.Canonical = append(rel.Canonical, c.canon)
	}
	return rel
}

// fields counts the lines of a listing after its name: one per value given.
func fields(l *catalog.Listing) int {
	n := 0
	for _, s := range []string{l.HomepageURL, l.RepoURL, l.Description, l.Launched, l.License, l.Status} {
		if s != "" {
			n++
		}
	}
	if l.OpenSource != nil {
		n++
	}
	if l.Stars != nil {
		n++
	}
	return n
}
