package analyze

import (
	"sort"
	"time"
)

// ToolSpan is one tool's life in the catalog (the survival table).
type ToolSpan struct {
	ToolID    string    `arrow:"tool_id" doc:"the tool's stable id"`
	Name      string    `arrow:"name" doc:"the tool's name in the last release it is listed in"`
	Category  string    `arrow:"category,dict" doc:"canonical category the tool entered in (the first of its categories)"`
	FirstSeen time.Time `arrow:"first_seen" doc:"date of the first release listing the tool"`
	LastSeen  time.Time `arrow:"last_seen" doc:"date of the last release listing the tool"`
	Releases  int       `arrow:"releases_present" doc:"number of releases listing the tool"`
	Gaps      int       `arrow:"gaps" doc:"absences between first and last seen (each run of missing releases counts once)"`
	Duration  int       `arrow:"duration" doc:"releases from first to last seen, both included: the time in the Kaplan-Meier estimate"`
	Censored  bool      `arrow:"censored" doc:"true when the tool is listed in the newest release (still in the catalog: its time is censored)"`
}

// KMPoint is one step of a Kaplan–Meier curve.
type KMPoint struct {
	Group    string  `arrow:"group,dict" doc:"'all' or a canonical category (the one a tool entered in)"`
	Time     int     `arrow:"time" doc:"releases in the catalog"`
	AtRisk   int     `arrow:"at_risk" doc:"tools with duration >= time"`
	Events   int     `arrow:"events" doc:"tools removed after exactly time releases"`
	Censored int     `arrow:"censored" doc:"tools still listed after exactly time releases"`
	Survival float64 `arrow:"survival" doc:"Kaplan-Meier estimate of the probability that a tool stays listed for more than time releases"`
}

// Cohort is the share of tools first listed in one release still listed in
// a later one.
type Cohort struct {
	Cohort  string  `arrow:"cohort" doc:"release in which the tools were first listed"`
	Release string  `arrow:"release" doc:"a release at or after the cohort's"`
	Tools   int     `arrow:"tools" doc:"tools first listed in the cohort release"`
	Listed  int     `arrow:"listed" doc:"of those, tools listed in this release"`
	Share   float64 `arrow:"share" doc:"listed / tools"`
}

// Survival is the survival analysis of a history.
type Survival struct {
	Spans   []ToolSpan
	Curves  []KMPoint // overall ("all") first, then per category, each by time
	Cohorts []Cohort
}

// ComputeSurvival computes every tool's span, the Kaplan–Meier estimate of
// time in the catalog (tools in the newest release are censored), overall
// and per entry category, and the cohort table.
func ComputeSurvival(ix *Index) *Survival {
	n := len(ix.Rel)
	s := &Survival{}
	if n == 0 {
		return s
	}
	present := make([][]bool, len(ix.Tools)) // tool → release → listed
	for t := range present {
		present[t] = make([]bool, n)
	}
	for ri, rel := range ix.Rel {
		for t := range rel.Member {
			present[t][ri] = true
		}
	}
	for t, p := range present {
		first, last, count, gaps := -1, -1, 0, 0
		for ri, ok := range p {
			if !ok {
				continue
			}
			if first < 0 {
				first = ri
			} else if !p[ri-1] {
				gaps++
			}
			last = ri
			count++
		}
		if first < 0 {
			continue
		}
		s.Spans = append(s.Spans, ToolSpan{
			ToolID: ix.Tools[t], Name: ix.Rel[last].Names[t], Category: ix.Cats[ix.Rel[first].Member[t][0]],
			FirstSeen: ix.Releases[first].Date, LastSeen: ix.Releases[last].Date,
			Releases: count, Gaps: gaps, Duration: last - first + 1, Censored: last == n-1,
		})
	}
	sort.Slice(s.Spans, func(i, j int) bool { return s.Spans[i].ToolID < s.Spans[j].ToolID })

	s.Curves = KaplanMeier("all", s.Spans)
	byCat := map[string][]ToolSpan{}
	for _, sp := range s.Spans {
		byCat[sp.Category] = append(byCat[sp.Category], sp)
	}
	cats := make([]string, 0, len(byCat))
	for c := range byCat {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, c := range cats {
		s.Curves = append(s.Curves, KaplanMeier(c, byCat[c])...)
	}
	s.Cohorts = cohorts(ix, present)
	return s
}

// KaplanMeier estimates S(t) = P(duration > t) from spans: at each time t
// with d removals among n tools at risk (duration ≥ t), S falls by the factor
// (1 − d/n); censored tools leave the risk set after their time.
func KaplanMeier(group string, spans []ToolSpan) []KMPoint {
	events, censored := map[int]int{}, map[int]int{}
	for _, sp := range spans {
		if sp.Censored {
			censored[sp.Duration]++
		} else {
			events[sp.Duration]++
		}
	}
	times := make([]int, 0, len(events)+len(censored))
	seen := map[int]bool{}
	for t := range events {
		times, seen[t] = append(times, t), true
	}
	for t := range censored {
		if !seen[t] {
			times = append(times, t)
		}
	}
	sort.Ints(times)
	atRisk := len(spans)
	surv := 1.0
	out := make([]KMPoint, 0, len(times))
	for _, t := range times {
		d := events[t]
		if atRisk > 0 {
			surv *= 1 - float64(d)/float64(atRisk)
		}
		out = append(out, KMPoint{Group: group, Time: t, AtRisk: atRisk, Events: d, Censored: censored[t], Survival: surv})
		atRisk -= d + censored[t]
	}
	return out
}

func cohorts(ix *Index, present [][]bool) []Cohort {
	n := len(ix.Rel)
	first := make([]int, len(present))
	size := make([]int, n)
	for t, p := range present {
		first[t] = -1
		for ri, ok := range p {
			if ok {
				first[t] = ri
				size[ri]++
				break
			}
		}
	}
	listed := make([][]int, n) // cohort → release → listed
	for c := range listed {
		listed[c] = make([]int, n)
	}
	for t, p := range present {
		if first[t] < 0 {
			continue
		}
		for ri := first[t]; ri < n; ri++ {
			if p[ri] {
				listed[first[t]][ri]++
			}
		}
	}
	var out []Cohort
	for c := 0; c < n; c++ {
		if size[c] == 0 {
			continue
		}
		for ri := c; ri < n; ri++ {
			out = append(out, Cohort{Cohort: ix.Releases[c].ID, Release: ix.Releases[ri].ID, Tools: size[c], Listed: listed[c][ri], Share: float64(listed[c][ri]) / float64(size[c])})
		}
	}
	return out
}
