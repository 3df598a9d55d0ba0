package quantity

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// tol is the relative tolerance of a conversion: prefix factors are
// products of powers of ten in floating point, exact to a few ulps.
const tol = 1e-12

func TestConvert(t *testing.T) {
	// Every expected value follows from the SI prefix and unit definitions
	// (BIPM SI Brochure, 9th ed., 2019: tables 4 and 7); the comment shows
	// the arithmetic.
	for _, c := range []struct {
		in, to string
		want   float64
	}{
		{"10 ms", "s", 10e-3},
		{"1 s", "ms", 1e3},
		{"-65 mV", "V", -65e-3},
		{"-65mV", "mV", -65},
		{"1 uF/cm^2", "F/m^2", 1e-6 / 1e-4},
		{"1 µF/cm^2", "uF/cm^2", 1},        // micro sign U+00B5
		{"1 μF/cm²", "uF/cm^2", 1},         // Greek mu U+03BC, superscript two
		{"120 mS/cm^2", "S/m^2", 120 * 10}, // 1e-3 S / 1e-4 m^2
		{"10 uA/cm^2", "A/m^2", 10 * 1e-2}, // 1e-6 A / 1e-4 m^2
		{"6 nS", "mS", 6e-6},
		{"0.5 nA", "pA", 500},
		{"200 pF", "uF", 200e-6},
		{"20000 um^2", "cm^2", 20000 * 1e-8}, // 1 um^2 = 1e-12 m^2 = 1e-8 cm^2
		{"5 Hz", "1/ms", 5e-3},
		{"0.04 /ms", "Hz", 40},
		{"0.04 ms^-1", "Hz", 40},
		{"10 Mohm", "ohm", 1e7},
		{"1 GOhm", "Mohm", 1e3},
		{"2 kΩ", "ohm", 2e3},
		{"3 cm", "um", 3e4},
		{"1 mm^2", "um^2", 1e6},
		{"1 V/ohm", "A", 1},      // Ohm's law
		{"2 A*s", "C", 2},        // 1 C = 1 A s
		{"1 nA*Mohm", "mV", 1},   // 1e-9 A * 1e6 ohm = 1e-3 V
		{"1 pF/ms", "nS", 1},     // 1e-12 F / 1e-3 s = 1e-9 S
		{"37 degC", "K", 310.15}, // 0 degC = 273.15 K
		{"6.3 °C", "degC", 6.3},
		{"300 K", "degC", 300 - 273.15},
		{"1 mM", "mol/m^3", 1}, // 1e-3 mol / 1e-3 m^3
		{"+2.5e3 ms", "s", 2.5},
		{".5 s", "ms", 500},
		{"7", "", 7},
	} {
		got, err := Convert(c.in, c.to)
		if err != nil {
			t.Errorf("Convert(%q, %q): %v", c.in, c.to, err)
			continue
		}
		if math.Abs(got-c.want) > tol*math.Abs(c.want) {
			t.Errorf("Convert(%q, %q) = %v, want %v", c.in, c.to, got, c.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"10 mv", `unknown unit "mv" (did you mean "mV"?)`},
		{"10 msec", `unknown unit "msec"`},
		{"ms", "does not start with a number"},
		{"", "empty"},
		{"1 m^99", "bad power"},
		{"1 m^x", "bad power"},
		{"1 degC*s", "absolute temperature"},
		{"1 mS/cm/s", `more than one "/"`},
		{"1 mS/", `nothing after "/"`},
		{"1e999 ms", "out of range"},
		{"1.5.2 ms", `unknown unit ".2"`},
	} {
		_, err := Parse(c.in)
		var qe *Error
		if !errors.As(err, &qe) {
			t.Errorf("Parse(%q): err = %v, want a *Error", c.in, err)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%q): %v, want it to contain %q", c.in, err, c.want)
		}
	}
}

func TestDimensionError(t *testing.T) {
	for _, c := range []struct{ in, to, want string }{
		{"0.1 mV", "ms", "cannot convert mV (a voltage) to ms (a time)"},
		{"6 nS", "mS/cm^2", "nS (a conductance) to mS/cm^2 (a conductance density)"},
		{"3", "mV", "1 (a dimensionless number) to mV"},
		{"2 mol/s", "A", "a quantity of dimension mol s^-1"},
	} {
		_, err := Convert(c.in, c.to)
		var de *DimensionError
		if !errors.As(err, &de) {
			t.Errorf("Convert(%q, %q): err = %v, want a *DimensionError", c.in, c.to, err)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("Convert(%q, %q): %v, want it to contain %q", c.in, c.to, err, c.want)
		}
	}
}

func TestKind(t *testing.T) {
	for _, c := range []struct{ unit, want string }{
		{"s", "a time"}, {"kHz", "a frequency"}, {"1/ms", "a frequency"}, {"uA/cm^2", "a current density"},
		{"nA/um^2", "a current density"}, {"GOhm", "a resistance"}, {"degC", "a temperature"},
	} {
		if got := MustUnit(c.unit).Kind(); got != c.want {
			t.Errorf("Kind(%q) = %q, want %q", c.unit, got, c.want)
		}
	}
}

func TestDistance(t *testing.T) {
	// Levenshtein distances worked out by hand.
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"hogkin-huxley", "hodgkin-huxley", 1},
		{"durration", "duration", 1}, {"µs", "us", 1},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func ExampleConvert() {
	for _, c := range [][2]string{{"0.5 nA", "pA"}, {"20000 um^2", "cm^2"}, {"6 nS", "mS/cm^2"}} {
		x, err := Convert(c[0], c[1])
		fmt.Println(c[0], "in", c[1]+":", x, err)
	}
	// Output:
	// 0.5 nA in pA: 500 <nil>
	// 20000 um^2 in cm^2: 0.0002 <nil>
	// 6 nS in mS/cm^2: 0 quantity: cannot convert nS (a conductance) to mS/cm^2 (a conductance density)
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"10 ms", "-65 mV", "1 uF/cm^2", "0.04 /ms", "1 m^9", "37 degC", "1 µF", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			return
		}
		_ = q.Unit.Kind()
		if _, err := q.In(q.Unit); err != nil {
			t.Fatalf("%q: a quantity does not convert to its own unit: %v", s, err)
		}
	})
}

func TestConvertExact(t *testing.T) {
	// A change of prefix is one multiplication or division by an exact
	// power of ten, so it is correctly rounded: the results equal the
	// decimal literals (0.5 nA = 500 pA by the SI prefixes).
	for _, c := range []struct {
		in, to string
		want   float64
	}{
		{"0.5 nA", "pA", 500}, {"20000 um^2", "cm^2", 0.0002}, {"0.1 ms", "s", 0.0001},
		{"6 nS", "uS", 0.006}, {"1.1 mV", "uV", 1100}, {"120 mS/cm^2", "S/m^2", 1200},
		{"6.3 degC", "°C", 6.3}, // same zero: no round trip through kelvin
	} {
		got, err := Convert(c.in, c.to)
		if err != nil || got != c.want {
			t.Errorf("Convert(%q, %q) = %v, %v; want exactly %v", c.in, c.to, got, err, c.want)
		}
	}
}
