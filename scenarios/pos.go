package scenarios

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// BurntSushi/toml v1.6.0 does not export where a key was written: its
// MetaData keeps positions keyed by the flattened key ("population.size"),
// so every element of an array of tables shares the last element's entry,
// and a position reaches the caller only through a decoding error. The
// scanner below therefore indexes the positions itself. It runs on text
// the TOML parser has already accepted, so it need only follow TOML's
// lexical structure (tables, arrays of tables, dotted and quoted keys,
// inline tables, arrays, the four kinds of strings, comments); on anything
// else it moves on, and it always terminates.

// position is a place in the file: line and column (in characters) from 1.
type position struct{ line, col int }

// positions maps paths (see join and index) to where their key, and their
// value, start. For a table the key position is its header.
type positions struct {
	key, val map[string]position
}

// join returns the path of key in the table at parent: parent.key, with
// the key quoted when it is not a bare TOML key.
func join(parent, key string) string {
	if !isBare(key) {
		key = strconv.Quote(key)
	}
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// index returns the path of element i of the array at parent: parent[i].
func index(parent string, i int) string { return parent + "[" + strconv.Itoa(i) + "]" }

// parentPath strips the last key or index from a path.
func parentPath(p string) string {
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i >= 0 {
			return p[:i]
		}
		return ""
	}
	if strings.HasSuffix(p, `"`) && len(p) >= 2 {
		// a quoted key: find its opening quote (one not escaped)
		for i := len(p) - 2; i >= 0; i-- {
			if p[i] == '"' && (i == 0 || p[i-1] != '\\') {
				return strings.TrimSuffix(p[:i], ".")
			}
		}
		return ""
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}

func isBare(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		if c := k[i]; !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

type scanner struct {
	s      string
	i      int
	arrays map[string]int // elements of each array of tables so far
	key    map[string]int // byte offsets
	val    map[string]int
}

// indexPositions returns the positions of every key and value of src.
func indexPositions(src string) positions {
	sc := &scanner{s: src, arrays: map[string]int{}, key: map[string]int{}, val: map[string]int{}}
	sc.document()
	lines := []int{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			lines = append(lines, i+1)
		}
	}
	conv := func(in map[string]int) map[string]position {
		out := make(map[string]position, len(in))
		for k, off := range in {
			out[k] = offsetPosition(src, lines, off)
		}
		return out
	}
	return positions{key: conv(sc.key), val: conv(sc.val)}
}

// offsetPosition converts a byte offset into a line and a column counted in
// characters.
func offsetPosition(src string, lines []int, off int) position {
	off = max(0, min(off, len(src)))
	l := sort.Search(len(lines), func(i int) bool { return lines[i] > off }) - 1
	l = max(l, 0)
	return position{line: l + 1, col: utf8.RuneCountInString(src[lines[l]:off]) + 1}
}

func (sc *scanner) eof() bool { return sc.i >= len(sc.s) }

// skip skips spaces and tabs, and with newlines also line ends and comments.
func (sc *scanner) skip(newlines bool) {
	for !sc.eof() {
		switch sc.s[sc.i] {
		case ' ', '\t':
			sc.i++
		case '\r', '\n':
			if !newlines {
				return
			}
			sc.i++
		case '#':
			if !newlines {
				return
			}
			for !sc.eof() && sc.s[sc.i] != '\n' {
				sc.i++
			}
		default:
			return
		}
	}
}

// skipLine moves to the start of the next line.
func (sc *scanner) skipLine() {
	for !sc.eof() && sc.s[sc.i] != '\n' {
		if c := sc.s[sc.i]; c == '"' || c == '\'' {
			sc.str()
			continue
		}
		sc.i++
	}
}

func (sc *scanner) document() {
	table := ""
	for {
		sc.skip(true)
		if sc.eof() {
			return
		}
		start := sc.i
		if sc.s[sc.i] == '[' {
			array := strings.HasPrefix(sc.s[sc.i:], "[[")
			if array {
				sc.i += 2
			} else {
				sc.i++
			}
			keys := sc.keys()
			sc.skipLine()
			if len(keys) == 0 {
				continue
			}
			if array {
				p := join(sc.resolve("", keys[:len(keys)-1]), keys[len(keys)-1])
				n := sc.arrays[p]
				sc.arrays[p] = n + 1
				if _, ok := sc.key[p]; !ok {
					sc.key[p] = start
				}
				table = index(p, n)
			} else {
				table = sc.resolve("", keys)
			}
			sc.key[table] = start
			sc.val[table] = start
			continue
		}
		sc.keyval(table)
		sc.skip(false)
		if sc.i == start {
			sc.i++ // never stall on unexpected input
		}
		sc.skipLine()
	}
}

// resolve returns the path of the dotted keys under base, where a key that
// names an array of tables means its last element.
func (sc *scanner) resolve(base string, keys []string) string {
	p := base
	for _, k := range keys {
		p = join(p, k)
		if n, ok := sc.arrays[p]; ok && n > 0 {
			p = index(p, n-1)
		}
	}
	return p
}

// keys reads a dotted key: bare or quoted parts separated by dots.
func (sc *scanner) keys() []string {
	var out []string
	for {
		sc.skip(false)
		if sc.eof() {
			return out
		}
		switch c := sc.s[sc.i]; {
		case c == '"' || c == '\'':
			out = append(out, sc.str())
		default:
			j := sc.i
			for j < len(sc.s) && isBare(sc.s[j:j+1]) {
				j++
			}
			if j == sc.i {
				return out
			}
			out = append(out, sc.s[sc.i:j])
			sc.i = j
		}
		sc.skip(false)
		if sc.eof() || sc.s[sc.i] != '.' {
			return out
		}
		sc.i++
	}
}

// keyval reads "key = value" in the table at path table.
func (sc *scanner) keyval(table string) {
	start := sc.i
	keys := sc.keys()
	if len(keys) == 0 {
		return
	}
	sc.skip(false)
	if sc.eof() || sc.s[sc.i] != '=' {
		return
	}
	sc.i++
	sc.skip(false)
	p := sc.resolve(table, keys[:len(keys)-1])
	p = join(p, keys[len(keys)-1])
	sc.key[p] = start
	sc.value(p)
}

// value reads a value and records where it, and everything in it, starts.
func (sc *scanner) value(p string) {
	if sc.eof() {
		return
	}
	sc.val[p] = sc.i
	switch sc.s[sc.i] {
	case '{':
		sc.i++
		for {
			sc.skip(true)
			if sc.eof() {
				return
			}
			switch sc.s[sc.i] {
			case '}':
				sc.i++
				return
			case ',':
				sc.i++
				continue
			}
			before := sc.i
			sc.keyval(p)
			if sc.i == before {
				sc.i++
			}
		}
	case '[':
		sc.i++
		for n := 0; ; {
			sc.skip(true)
			if sc.eof() {
				return
			}
			switch sc.s[sc.i] {
			case ']':
				sc.i++
				return
			case ',':
				sc.i++
				continue
			}
			before := sc.i
			e := index(p, n)
			sc.key[e] = sc.i
			sc.value(e)
			n++
			if sc.i == before {
				sc.i++
			}
		}
	case '"', '\'':
		sc.str()
	default:
		for !sc.eof() && !strings.ContainsRune(",]}\r\n#", rune(sc.s[sc.i])) {
			sc.i++
		}
	}
}

// str reads a string of any of TOML's four kinds and returns its value
// (escapes decoded for basic strings).
func (sc *scanner) str() string {
	q := sc.s[sc.i]
	multi := strings.HasPrefix(sc.s[sc.i:], strings.Repeat(string(q), 3))
	n := 1
	if multi {
		n = 3
	}
	sc.i += n
	start := sc.i
	for !sc.eof() {
		c := sc.s[sc.i]
		if c == '\\' && q == '"' {
			sc.i += 2
			continue
		}
		if c == '\n' && !multi {
			break
		}
		if c == q && (!multi || strings.HasPrefix(sc.s[sc.i:], strings.Repeat(string(q), 3))) {
			if multi {
				// up to two more quotes may belong to the string
				for sc.i+3 < len(sc.s) && sc.s[sc.i+3] == q {
					sc.i++
				}
			}
			raw := sc.s[start:sc.i]
			sc.i += n
			if q == '"' && !multi {
				if v, err := strconv.Unquote(`"` + raw + `"`); err == nil {
					return v
				}
			}
			return raw
		}
		sc.i++
	}
	sc.i = min(sc.i, len(sc.s))
	return sc.s[start:sc.i]
}
