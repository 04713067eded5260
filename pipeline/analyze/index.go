// Package analyze computes growth and churn from a resolved history.
//
// It takes a catalog.History whose tool_id column is filled (package
// identity) and gives plain results — per-release and per-category
// statistics, events between consecutive releases — each convertible to an
// Arrow table (Tables). The functions are pure: same history, same results,
// in a fixed order.
package analyze

// memoized returns f keeping its result for each argument: names and URLs
// repeat from release to release, so each is normalized once.
func memoized(f func(string) string) func(string) string {
	m := map[string]string{}
	return func(raw string) string {
		v, ok := m[raw]
		if !ok {
			v = f(raw)
			m[raw] = v
		}
		return v
	}
}
