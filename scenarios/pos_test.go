package scenarios

import (
	"strings"
	"testing"
)

func TestPositions(t *testing.T) {
	// Lines and columns counted by hand in src (columns in characters).
	src := strings.Join([]string{
		`title = """`,                            // 1
		`[[population]] x = 1"""`,                // 2: inside a multi-line string
		`[simulation]`,                           // 3
		`dt = "0.1 ms" # [[no]]`,                 // 4
		`[[population]]`,                         // 5
		`name = 'a'`,                             // 6
		`params.g_na = "µ" ; "x"`,                // 7 (the ; is TOML junk the scanner must survive)
		`[population.init]`,                      // 8
		`"v m" = [ "1 mV",`,                      // 9
		`  # comment`,                            // 10
		`  "2 mV", ]`,                            // 11
		`[[population]]`,                         // 12
		`c = { rule = "x", p = { a = [1, 2] } }`, // 13
		`   d.e  =  4`,                           // 14
	}, "\n")
	pos := indexPositions(src)
	for _, c := range []struct {
		path     string
		key, val position
	}{
		{"title", position{1, 1}, position{1, 9}},
		{"simulation", position{3, 1}, position{3, 1}},
		{"simulation.dt", position{4, 1}, position{4, 6}},
		{"population[0]", position{5, 1}, position{5, 1}},
		{"population[0].name", position{6, 1}, position{6, 8}},
		{"population[0].params.g_na", position{7, 1}, position{7, 15}},
		{"population[0].init", position{8, 1}, position{8, 1}},
		{`population[0].init."v m"`, position{9, 1}, position{9, 9}},
		{`population[0].init."v m"[0]`, position{9, 11}, position{9, 11}},
		{`population[0].init."v m"[1]`, position{11, 3}, position{11, 3}},
		{"population[1]", position{12, 1}, position{12, 1}},
		{"population[1].c", position{13, 1}, position{13, 5}},
		{"population[1].c.rule", position{13, 7}, position{13, 14}},
		{"population[1].c.p.a[1]", position{13, 33}, position{13, 33}},
		{"population[1].d.e", position{14, 4}, position{14, 12}},
	} {
		if got := pos.key[c.path]; got != c.key {
			t.Errorf("key of %s at %v, want %v", c.path, got, c.key)
		}
		if got := pos.val[c.path]; got != c.val {
			t.Errorf("value of %s at %v, want %v", c.path, got, c.val)
		}
	}
	if _, ok := pos.key["population[2]"]; ok {
		t.Error("the [[population]] inside a string was taken for a header")
	}
	// CRLF line ends count as one line end
	crlf := indexPositions("a = 1\r\n[b]\r\nc = 2\r\n")
	if got := crlf.val["b.c"]; got != (position{3, 5}) {
		t.Errorf("CRLF: b.c at %v, want 3:5", got)
	}
}

func TestParentPath(t *testing.T) {
	for _, c := range [][2]string{
		{"population[1].params.c_m", "population[1].params"},
		{"population[1].params", "population[1]"},
		{"population[1]", "population"},
		{"population", ""},
		{`population[0].params."tau m"`, "population[0].params"},
		{`"a.b"`, ""},
		{`x."a\"b"`, "x"},
	} {
		if got := parentPath(c[0]); got != c[1] {
			t.Errorf("parentPath(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}
