package model

// Builders of the release-post charts: launch years, open source, licences,
// status, deals per year, movers and stars, from analyze.Result.

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/landscapehq/landscape/charts/palette"
	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/catalog"
)

// Fixed colours of the series that are not categories.
var (
	colorOpen, colorClosed, colorUnknown = "#3ba272", "#5470c6", "#b6b6b6"
	kindColors                           = map[string]string{catalog.ChangeAcquired: "#5470c6", catalog.ChangeEnded: "#ee6666", catalog.ChangeRelicensed: "#fac858"}
	statusColors                         = map[string]string{"active": "#3ba272", "acquired": "#5470c6", "discontinued": "#ee6666", "archived": "#9a60b4",
		"renamed": "#73c0de", "sandbox": "#fac858", "incubating": "#fc8452", "graduated": "#91cc75", "other": "#8d98b3", "unknown": "#b6b6b6"}
	starColor = "#fac858"
)

// LaunchYearsOf is the newest release's tools by launch year, stacked by
// category (every year from the first to the last, gaps at 0).
func LaunchYearsOf(res *analyze.Result, pal *palette.Palette, title string) Bars {
	b := Bars{Title: title, Unit: "tools"}
	ly := res.Attributes.LaunchYears
	if len(ly) == 0 {
		b.Subtitle = "The catalog gives no launch dates"
		return b
	}
	lo, hi := ly[0].Year, ly[len(ly)-1].Year
	byCat := map[string][]float64{}
	total := 0
	for _, l := range ly {
		v, ok := byCat[l.Category]
		if !ok {
			v = make([]float64, hi-lo+1)
			byCat[l.Category] = v
		}
		v[l.Year-lo] += float64(l.Tools)
		total += l.Tools
	}
	for y := lo; y <= hi; y++ {
		b.Labels = append(b.Labels, strconv.Itoa(y))
	}
	b.Series = categorySeries(byCat, pal)
	b.Subtitle = fmt.Sprintf("%d tools listed in %s, by the year each was launched", total, res.Releases[res.Latest()].ID)
	return b
}

// categorySeries orders per-category values largest total first (at the
// bottom of a stack), ties by name.
func categorySeries(byCat map[string][]float64, pal *palette.Palette) []Series {
	var out []Series
	for c, v := range byCat {
		out = append(out, Series{Name: c, Color: pal.Hex(c), Values: v})
	}
	sum := func(s Series) float64 {
		t := 0.0
		for _, v := range s.Values {
			t += v
		}
		return t
	}
	sort.Slice(out, func(i, j int) bool {
		if a, b := sum(out[i]), sum(out[j]); a != b {
			return a > b
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// DealsOf is acquisitions, ends and relicensings per year they took effect.
func DealsOf(res *analyze.Result, title string) Bars {
	b := Bars{Title: title, Unit: "tools"}
	counts := map[string]map[int]int{}
	lo, hi := 0, 0
	for _, d := range res.Deals {
		if kindColors[d.Kind] == "" {
			continue
		}
		if counts[d.Kind] == nil {
			counts[d.Kind] = map[int]int{}
		}
		counts[d.Kind][d.Year]++
		if lo == 0 || d.Year < lo {
			lo = d.Year
		}
		hi = max(hi, d.Year)
	}
	if lo == 0 {
		b.Subtitle = "No acquisitions, ends or relicensings seen or recorded"
		return b
	}
	for y := lo; y <= hi; y++ {
		b.Labels = append(b.Labels, strconv.Itoa(y))
	}
	for _, k := range []string{catalog.ChangeAcquired, catalog.ChangeEnded, catalog.ChangeRelicensed} {
		v := make([]float64, hi-lo+1)
		for y, n := range counts[k] {
			v[y-lo] = float64(n)
		}
		b.Series = append(b.Series, Series{Name: k, Color: kindColors[k], Values: v})
	}
	b.Subtitle = "By the year each took effect (the release's year where only the period is known)"
	return b
}

// StarsOf is the newest release's tools by GitHub stars (log buckets).
func StarsOf(res *analyze.Result, buckets []string, bucket func(int64) string, title string) Bars {
	b := Bars{Title: title, Unit: "tools", Labels: buckets}
	if len(res.Attributes.Stars) == 0 {
		b.Subtitle = "The catalog has no star counts"
		return b
	}
	v := make([]float64, len(buckets))
	for _, s := range res.Attributes.Stars {
		for i, l := range buckets {
			if bucket(s.Stars) == l {
				v[i]++
			}
		}
	}
	b.Series = []Series{{Name: "tools", Color: starColor, Values: v}}
	b.Subtitle = fmt.Sprintf("%d tools with stars in %s", len(res.Attributes.Stars), res.Releases[res.Latest()].ID)
	return b
}

// overReleases starts a Growth over every release.
func overReleases(res *analyze.Result, title string) (Growth, map[string]int) {
	g := Growth{Title: title}
	pos := map[string]int{}
	for i, r := range res.Releases {
		g.Releases = append(g.Releases, r.ID)
		g.Dates = append(g.Dates, r.Date)
		pos[r.ID] = i
	}
	return g, pos
}

// OpenSourceOf is the tools that are open source, closed and not said,
// over releases (each tool once).
func OpenSourceOf(res *analyze.Result, title string) Growth {
	g, pos := overReleases(res, title)
	open, closed, unknown := make([]float64, len(pos)), make([]float64, len(pos)), make([]float64, len(pos))
	for _, s := range res.Attributes.OpenSource {
		if s.Category == "" {
			i := pos[s.Release]
			open[i], closed[i], unknown[i] = float64(s.OpenSource), float64(s.Closed), float64(s.Unknown)
		}
	}
	g.Series = []Series{{Name: "open source", Color: colorOpen, Values: open}, {Name: "closed source", Color: colorClosed, Values: closed}, {Name: "not said", Color: colorUnknown, Values: unknown}}
	return g.Thin(MaxGrowthPoints)
}

// maxLicenseSeries is how many licences the licence chart names.
const maxLicenseSeries = 7

// LicensesOf is the tools per licence over releases: the most common
// licences of the newest release, the others together, and none given.
func LicensesOf(res *analyze.Result, title string) Growth {
	g, pos := overReleases(res, title)
	byLic := map[string][]float64{}
	for _, l := range res.Attributes.Licenses {
		v, ok := byLic[l.License]
		if !ok {
			v = make([]float64, len(pos))
			byLic[l.License] = v
		}
		v[pos[l.Release]] = float64(l.Tools)
	}
	last := len(pos) - 1
	var names []string
	for l := range byLic {
		if l != "" {
			names = append(names, l)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		if a, b := byLic[names[i]][last], byLic[names[j]][last]; a != b {
			return a > b
		}
		return names[i] < names[j]
	})
	other := make([]float64, len(pos))
	for i, l := range names {
		if i < maxLicenseSeries {
			g.Series = append(g.Series, Series{Name: l, Color: palette.Colors[i%len(palette.Colors)], Values: byLic[l]})
			continue
		}
		for k, v := range byLic[l] {
			other[k] += v
		}
	}
	if len(names) > maxLicenseSeries {
		g.Series = append(g.Series, Series{Name: "other licences", Color: "#8d98b3", Values: other})
	}
	if v, ok := byLic[""]; ok {
		g.Series = append(g.Series, Series{Name: "none given", Color: colorUnknown, Values: v})
	}
	return g.Thin(MaxGrowthPoints)
}

// StatusOf is the tools per status class over releases (a tool in several
// categories counts in each).
func StatusOf(res *analyze.Result, title string) Growth {
	g, pos := overReleases(res, title)
	byClass := map[string][]float64{}
	for _, s := range res.Attributes.Statuses {
		v, ok := byClass[s.Status]
		if !ok {
			v = make([]float64, len(pos))
			byClass[s.Status] = v
		}
		v[pos[s.Release]] += float64(s.Tools)
	}
	last := len(pos) - 1
	for c, v := range byClass {
		col := statusColors[c]
		if col == "" {
			col = statusColors["other"]
		}
		g.Series = append(g.Series, Series{Name: c, Color: col, Values: v})
	}
	sort.Slice(g.Series, func(i, j int) bool {
		a, b := g.Series[i], g.Series[j]
		if a.Values[last] != b.Values[last] {
			return a.Values[last] > b.Values[last]
		}
		return a.Name < b.Name
	})
	return g.Thin(MaxGrowthPoints)
}

// MoversOf is the tools added to and removed from each category over the
// last year (the growth-rate window "year"), moves between categories
// included: the churn behind the top movers.
func MoversOf(res *analyze.Result, pal *palette.Palette, title string) Churn {
	c := Churn{Title: title}
	var from string
	for _, r := range res.Rates {
		if r.Window == analyze.WindowYear {
			from = r.From
			break
		}
	}
	if from == "" {
		return c
	}
	c.Previous, c.Release = from, res.Releases[res.Latest()].ID
	in := false
	added, removed := map[string]int{}, map[string]int{}
	for _, r := range res.Releases {
		if r.ID == from {
			in = true
		}
	}
	if !in {
		return c
	}
	started := false
	for _, s := range res.Growth.Categories {
		if s.Release == from {
			started = true
			continue
		}
		if !started || s.Date.Before(dateOf(res, from)) {
			continue
		}
		added[s.Category] += s.Added + s.MovedIn
		removed[s.Category] += s.Removed + s.MovedOut
	}
	var cats []string
	for k := range added {
		if added[k]+removed[k] > 0 {
			cats = append(cats, k)
		}
	}
	sort.Slice(cats, func(i, j int) bool {
		if a, b := added[cats[i]]-removed[cats[i]], added[cats[j]]-removed[cats[j]]; a != b {
			return a > b
		}
		return cats[i] < cats[j]
	})
	for _, k := range cats {
		c.Categories = append(c.Categories, k)
		c.Colors = append(c.Colors, pal.Hex(k))
		c.Added = append(c.Added, added[k])
		c.Removed = append(c.Removed, removed[k])
	}
	return c
}

func dateOf(res *analyze.Result, id string) (d time.Time) {
	for _, r := range res.Releases {
		if r.ID == id {
			return r.Date
		}
	}
	return d
}
