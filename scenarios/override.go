package scenarios

import (
	"fmt"
	"strconv"
	"strings"
)

// An override "KEY=VALUE" sets one key of a scenario before it is
// validated, as `simulate run -set KEY=VALUE` does:
//
//	simulation.dt=0.05 ms             a string needs no quotes...
//	simulation.dt="0.05 ms"           ...but may have them
//	simulation.seed=3                 VALUE is read as TOML when it can be
//	population.hh.size=10             a population by name
//	population[0].params.g_na=100 mS/cm^2
//	stimulus[0].amplitude={ linspace = ["0 nA", "1 nA"] }
//	projection[1].connect.p=0.05
//
// KEY is a dotted path; [i] picks element i of an array of tables, and a
// name after "population." picks the population of that name. Missing
// tables on the way are created; a missing array element is an error.
// VALUE is a TOML value when it reads as one, else a string.

// keySeg is one step of an override's key: a key, or an index.
type keySeg struct {
	key     string
	index   int
	isIndex bool
}

func (l *loader) overrideError(arg, format string, args ...any) {
	l.errs = append(l.errs, &Error{File: l.file, Override: arg, Msg: fmt.Sprintf(format, args...)})
}

// override applies one "KEY=VALUE" to m.
func (l *loader) override(m map[string]any, arg string) {
	key, val, ok := strings.Cut(arg, "=")
	if !ok {
		l.overrideError(arg, `expected KEY=VALUE, e.g. -set simulation.dt="0.05 ms"`)
		return
	}
	segs, err := splitKey(strings.TrimSpace(key))
	if err != "" {
		l.overrideError(arg, "%s; a key is a dotted path, e.g. simulation.dt, population.NAME.size or stimulus[0].amplitude", err)
		return
	}
	path, err := set(m, segs, parseValue(val))
	if err != "" {
		l.overrideError(arg, "%s", err)
		return
	}
	l.overrides[path] = arg
}

// splitKey reads a dotted key with [i] indices; quoted keys may hold any
// character.
func splitKey(s string) ([]keySeg, string) {
	var out []keySeg
	i := 0
	for {
		if i >= len(s) {
			return nil, fmt.Sprintf("key %q ends where a name should be", s)
		}
		var k string
		if s[i] == '"' {
			j := i + 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) {
				return nil, fmt.Sprintf("key %q: unclosed quote", s)
			}
			u, err := strconv.Unquote(s[i : j+1])
			if err != nil {
				return nil, fmt.Sprintf("key %q: bad quoted name %s", s, s[i:j+1])
			}
			k, i = u, j+1
		} else {
			j := i
			for j < len(s) && isBare(s[j:j+1]) {
				j++
			}
			if j == i {
				return nil, fmt.Sprintf("key %q: unexpected %q at %d", s, s[i:i+1], i+1)
			}
			k, i = s[i:j], j
		}
		out = append(out, keySeg{key: k})
		for i < len(s) && s[i] == '[' {
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				return nil, fmt.Sprintf("key %q: unclosed [", s)
			}
			n, err := strconv.Atoi(s[i+1 : i+j])
			if err != nil || n < 0 {
				return nil, fmt.Sprintf("key %q: %q is not an index", s, s[i+1:i+j])
			}
			out = append(out, keySeg{index: n, isIndex: true})
			i += j + 1
		}
		if i == len(s) {
			return out, ""
		}
		if s[i] != '.' {
			return nil, fmt.Sprintf("key %q: unexpected %q at %d", s, s[i:i+1], i+1)
		}
		i++
	}
}

// parseValue reads VALUE as TOML, else as a string.
func parseValue(s string) any {
	var m map[string]any
	if err := decode("v = "+s, &m); err == nil && len(m) == 1 {
		if v, ok := m["v"]; ok {
			return v
		}
	}
	return strings.TrimSpace(s)
}

// set puts v at segs in m and returns the path it set (with indices, not
// names), or a message saying why it cannot.
func set(m map[string]any, segs []keySeg, v any) (string, string) {
	var cur any = m
	path := ""
	for i := 0; i < len(segs); i++ {
		sg, last := segs[i], i == len(segs)-1
		if sg.isIndex {
			arr := elements(cur)
			if arr == nil {
				return "", fmt.Sprintf("%s is not an array", path)
			}
			if sg.index >= len(arr) {
				return "", fmt.Sprintf("there is no %s: the file has %d", index(path, sg.index), len(arr))
			}
			path = index(path, sg.index)
			if last {
				if _, isTable := arr[sg.index].(map[string]any); isTable {
					return "", fmt.Sprintf("%s is a table: set its keys, e.g. %s.size=10", path, path)
				}
				if a, ok := cur.([]any); ok {
					a[sg.index] = v
					return path, ""
				}
				return "", fmt.Sprintf("%s is a table: set its keys", path)
			}
			cur = arr[sg.index]
			continue
		}
		t, ok := cur.(map[string]any)
		if !ok {
			return "", fmt.Sprintf("%s is not a table, so it has no key %q", path, sg.key)
		}
		next := join(path, sg.key)
		if last {
			t[sg.key] = v
			return next, ""
		}
		child, has := t[sg.key]
		if !has {
			child = map[string]any{}
			t[sg.key] = child
		}
		// population.NAME: pick an element of an array of tables by name
		if arr := elements(child); arr != nil && !segs[i+1].isIndex {
			name := segs[i+1].key
			var names []string
			found := -1
			for j, e := range arr {
				if em, ok := e.(map[string]any); ok {
					if n, ok := em["name"].(string); ok {
						names = append(names, n)
						if n == name && found < 0 {
							found = j
						}
					}
				}
			}
			if found < 0 {
				return "", fmt.Sprintf("no %s is named %q%s; names: %s", sg.key, name, didYouMean(name, names), quoteAll(names))
			}
			segs[i+1] = keySeg{index: found, isIndex: true}
		}
		path, cur = next, child
	}
	return path, "" // not reached: segs is never empty
}

// elements returns the elements of an array (of tables or values), or nil.
func elements(v any) []any {
	switch a := v.(type) {
	case []any:
		return a
	case []map[string]any:
		out := make([]any, len(a))
		for i, e := range a {
			out[i] = e
		}
		return out
	}
	return nil
}
