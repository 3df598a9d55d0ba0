package scenarios

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"gospike/scenarios/quantity"
)

// Error is one problem of a scenario. Parse and Load return every problem
// of a file at once, joined with errors.Join (one per line, in file
// order); each is an *Error.
type Error struct {
	File      string
	Line, Col int    // from 1; 0 when the problem has no place in the file
	Override  string // the -set argument the value comes from, if it does
	Key       string // full path of the key: "population[1].params.c_m"
	Given     string // the value as written, "" if none
	Msg       string // what is wrong, what is expected, and an example
}

// Error formats e on one line as "FILE:LINE:COL: KEY = GIVEN: MSG", or
// "FILE: -set OVERRIDE: KEY = GIVEN: MSG" for a value from an override.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	switch {
	case e.Override != "":
		fmt.Fprintf(&b, ": -set %s", e.Override)
	case e.Line > 0:
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key)
		if e.Given != "" {
			b.WriteString(" = ")
			b.WriteString(e.Given)
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return oneLine.Replace(b.String())
}

// oneLine keeps an error on one line (a TOML message may quote a newline).
var oneLine = strings.NewReplacer("\r\n", `\n`, "\n", `\n`, "\r", `\r`)

// sortErrors orders errors as a reader meets them: overrides first, then
// by line and column.
func sortErrors(errs []*Error) {
	sort.SliceStable(errs, func(i, j int) bool {
		a, b := errs[i], errs[j]
		if (a.Override != "") != (b.Override != "") {
			return a.Override != ""
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// show formats a TOML value as a user wrote it, shortened.
func show(v any) string {
	var s string
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		s = strconv.Quote(v)
	case int64:
		s = strconv.FormatInt(v, 10)
	case float64:
		s = strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		s = strconv.FormatBool(v)
	case time.Time:
		s = v.Format(time.RFC3339)
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = show(x)
		}
		s = "[" + strings.Join(parts, ", ") + "]"
	case []map[string]any:
		s = "[" + strconv.Itoa(len(v)) + " tables]"
	case map[string]any:
		keys := sortedKeys(v)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = join("", k) + " = " + show(v[k])
		}
		s = "{ " + strings.Join(parts, ", ") + " }"
	default:
		s = fmt.Sprint(v)
	}
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "..."
	}
	return s
}

// typeName names the TOML type of a value.
func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case time.Time, time.Duration:
		return "a date-time"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a %T", v)
}

// suggest returns the candidate closest to got, if one is close enough to
// be a likely typo, else "".
func suggest(got string, candidates []string) string {
	for _, c := range candidates {
		if strings.EqualFold(c, got) {
			return c
		}
	}
	for _, c := range candidates { // "tau" for "tau_m"
		if len(got) >= 2 && strings.HasPrefix(c, got) {
			return c
		}
	}
	best, bestD := "", max(1, len([]rune(got))/3)+1
	for _, c := range candidates {
		if d := quantity.Distance(got, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// didYouMean returns ` (did you mean "x"?)` or "".
func didYouMean(got string, candidates []string) string {
	if s := suggest(got, candidates); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
