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
	Duration  int       `arrow:"duration" doc:"releases from first to last seen, both included"`
	Days      int       `arrow:"days" doc:"days in the catalog, the time in the Kaplan-Meier estimate: from first seen to the first release without the tool after its last listing (its removal), or to the newest release when censored"`
	Censored  bool      `arrow:"censored" doc:"true when the tool is listed in the newest release (still in the catalog: its time is censored)"`
}

// KMPoint is one step of a Kaplan–Meier curve.
type KMPoint struct {
	Group    string  `arrow:"group,dict" doc:"'all' or a canonical category (the one a tool entered in)"`
	Time     int     `arrow:"time" doc:"days in the catalog"`
	AtRisk   int     `arrow:"at_risk" doc:"tools with duration >= time"`
	Events   int     `arrow:"events" doc:"tools removed after exactly time days"`
	Censored int     `arrow:"censored" doc:"tools still listed after exactly time days"`
	Survival float64 `arrow:"survival" doc:"Kaplan-Meier estimate of the probability that a tool stays listed for more than time days"`
}

// Cohort is the share of tools first listed in one release still listed in
// a later one.
type Cohort struct {
	Cohort  string  `arrow:"cohort" doc:"the release (or, for a history of many releases, the month, quarter or year: 2024-05, 2024-Q2, 2024) in which the tools were first listed"`
	Release string  `arrow:"release" doc:"the release at which the cohort is counted: a release at or after the cohort's (the last release of each period)"`
	Tools   int     `arrow:"tools" doc:"tools first listed in the cohort"`
	Listed  int     `arrow:"listed" doc:"of those, tools listed in this release"`
	Share   float64 `arrow:"share" doc:"listed / tools"`
}

// Survival is the survival analysis of a history.
type Survival struct {
	Spans   []ToolSpan
	Curves  []KMPoint // overall ("all") first, then per category, each by time
	Cohorts []Cohort
}

// KaplanMeier estimates S(t) = P(duration > t) from spans: at each time t
// (in days) with d removals among n tools at risk (Days ≥ t), S falls by the factor
// (1 − d/n); censored tools leave the risk set after their time.
func KaplanMeier(group string, spans []ToolSpan) []KMPoint {
	events, censored := map[int]int{}, map[int]int{}
	for _, sp := range spans {
		if sp.Censored {
			censored[sp.Days]++
		} else {
			events[sp.Days]++
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
