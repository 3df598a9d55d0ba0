package quantity

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/unit"
)

// Unit is a unit of measurement: its dimensions (a gonum *unit.Unit of
// value 1 in SI base units), its size as a power of ten of the SI unit,
// and, for degC, the SI value of its zero. Keeping the size as a decimal
// exponent makes conversions between prefixes exact to the last bit
// ("0.5 nA" is 500 pA, not 500.00000000000006). The zero Unit is
// dimensionless with size 1.
type Unit struct {
	text   string
	dims   *unit.Unit // dimensions, value 1
	exp10  int        // one of this unit is 10^exp10 SI base units
	offset float64    // SI value of this unit's zero (273.15 for degC), else 0
}

// Quantity is a number with a unit, as written: Value is in Unit.
type Quantity struct {
	Value float64
	Unit  Unit
}

// Error is a quantity or unit that cannot be read.
type Error struct {
	Input  string // the text as given
	Reason string // what is wrong, for a user
}

func (e *Error) Error() string { return fmt.Sprintf("quantity: %q: %s", e.Input, e.Reason) }

// DimensionError is a conversion between units of different dimensions.
type DimensionError struct {
	From, To Unit
}

func (e *DimensionError) Error() string {
	return fmt.Sprintf("quantity: cannot convert %s (%s) to %s (%s)", e.From, e.From.Kind(), e.To, e.To.Kind())
}

var prefixes = []struct {
	sym string
	exp int
}{
	{"µ", -6}, {"μ", -6}, // micro sign U+00B5 and Greek mu U+03BC
	{"T", 12}, {"G", 9}, {"M", 6}, {"k", 3}, {"d", -1}, {"c", -2},
	{"m", -3}, {"u", -6}, {"n", -9}, {"p", -12}, {"f", -15}, {"a", -18},
}

// symbols maps unit symbols without prefix to their dimensions (gonum's SI
// types, value 1) and size as a power of ten.
var symbols = map[string]struct {
	dims unit.Uniter
	exp  int
}{
	"s":   {unit.Second, 0},
	"Hz":  {unit.Hertz, 0},
	"V":   {unit.Volt, 0},
	"A":   {unit.Ampere, 0},
	"S":   {unit.Siemens, 0},
	"F":   {unit.Farad, 0},
	"ohm": {unit.Ohm, 0},
	"Ohm": {unit.Ohm, 0},
	"Ω":   {unit.Ohm, 0},
	"m":   {unit.Metre, 0},
	"C":   {unit.Coulomb, 0},
	"K":   {unit.Kelvin, 0},
	"mol": {unit.Mol, 0},
	"M":   {unit.New(1, unit.Dimensions{unit.MoleDim: 1, unit.LengthDim: -3}), 3}, // mol/L = 1e3 mol/m^3
}

// Celsius spellings: an absolute temperature with an offset.
var celsius = map[string]bool{"degC": true, "°C": true, "℃": true}

const celsiusZero = 273.15 // K

// maxPower bounds the power of a term, so that absurd input cannot make
// parsing slow.
const maxPower = 9

var superscripts = strings.NewReplacer("²", "^2", "³", "^3", "⁻¹", "^-1", "⁻²", "^-2", "·", "*")

// ParseUnit reads a unit such as "mS/cm^2"; "" is dimensionless.
func ParseUnit(s string) (Unit, error) {
	text := strings.TrimSpace(s)
	if text == "" || text == "1" {
		return Unit{text: text}, nil
	}
	if celsius[text] {
		return Unit{text: text, dims: unit.Kelvin.Unit(), offset: celsiusZero}, nil
	}
	norm := superscripts.Replace(text)
	num, den, hasDen := strings.Cut(norm, "/")
	if hasDen && strings.Contains(den, "/") {
		return Unit{}, &Error{s, "more than one \"/\": every term after the \"/\" is in the denominator, e.g. \"mS/cm^2\", \"mol/m^2*s\""}
	}
	u := Unit{text: text, dims: unit.New(1, unit.Dimensions{})}
	if err := u.mulTerms(num, 1, s); err != nil {
		return Unit{}, err
	}
	if hasDen {
		if strings.TrimSpace(den) == "" {
			return Unit{}, &Error{s, "nothing after \"/\""}
		}
		if err := u.mulTerms(den, -1, s); err != nil {
			return Unit{}, err
		}
	}
	return u, nil
}

// MustUnit is ParseUnit for units fixed in code; it panics on an error.
func MustUnit(s string) Unit {
	u, err := ParseUnit(s)
	if err != nil {
		panic(err)
	}
	return u
}

// mulTerms multiplies u by the terms of s ("uF", "cm^2", "1", "A*s"),
// each raised to sign times its power.
func (u *Unit) mulTerms(s string, sign int, input string) error {
	terms := strings.FieldsFunc(s, func(r rune) bool { return r == '*' || r == ' ' || r == '\t' })
	for _, t := range terms {
		if t == "1" {
			continue
		}
		sym, pow := t, 1
		if base, p, ok := strings.Cut(t, "^"); ok {
			n, err := strconv.Atoi(p)
			if err != nil || n == 0 || n > maxPower || n < -maxPower {
				return &Error{input, fmt.Sprintf("bad power %q in %q: want a whole number such as 2 or -1", p, t)}
			}
			sym, pow = base, n
		}
		dims, exp, err := symbol(sym, input)
		if err != nil {
			return err
		}
		pow *= sign
		u.exp10 += pow * exp
		for range abs(pow) {
			if pow > 0 {
				u.dims.Mul(dims)
			} else {
				u.dims.Div(dims)
			}
		}
	}
	return nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// symbol returns the dimensions and the size (a power of ten) of one
// prefixed symbol such as "uF" or "Mohm".
func symbol(sym, input string) (unit.Uniter, int, error) {
	if celsius[sym] {
		return nil, 0, &Error{input, fmt.Sprintf("%s is an absolute temperature and cannot be part of a compound unit; use K", sym)}
	}
	if u, ok := symbols[sym]; ok {
		return u.dims, u.exp, nil
	}
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(sym, p.sym); ok {
			if u, ok := symbols[rest]; ok {
				return u.dims, u.exp + p.exp, nil
			}
		}
	}
	reason := fmt.Sprintf("unknown unit %q", sym)
	if s := suggestUnit(sym); s != "" {
		reason += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return nil, 0, &Error{input, reason}
}

// common lists units users of this package write, for suggestions.
var common = []string{
	"ms", "s", "us", "mV", "V", "uV", "pA", "nA", "uA", "mA", "A", "pS", "nS", "uS", "mS", "S",
	"pF", "nF", "uF", "F", "Hz", "kHz", "ohm", "kohm", "Mohm", "GOhm", "um", "mm", "cm", "m",
	"pC", "nC", "K", "degC", "mol", "mM", "uM",
}

func suggestUnit(sym string) string {
	for _, c := range common {
		if strings.EqualFold(c, sym) {
			return c
		}
	}
	best, bestD := "", 2 // at most one edit away
	for _, c := range common {
		if d := Distance(c, sym); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// Distance is the edit distance (Levenshtein, in runes) between a and b.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Parse reads a quantity such as "10 ms", "-65mV" or "1e-3 mS/cm^2". A
// number alone ("3") is a dimensionless quantity.
func Parse(s string) (Quantity, error) {
	t := strings.TrimSpace(s)
	n := numberPrefix(t)
	if n == 0 {
		if t == "" {
			return Quantity{}, &Error{s, "empty; want a number and a unit, e.g. \"10 ms\""}
		}
		return Quantity{}, &Error{s, "does not start with a number; want a number and a unit, e.g. \"10 ms\""}
	}
	x, err := strconv.ParseFloat(t[:n], 64)
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
		return Quantity{}, &Error{s, fmt.Sprintf("number %q is out of range", t[:n])}
	}
	u, err := ParseUnit(t[n:])
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Input = s
		}
		return Quantity{}, err
	}
	return Quantity{Value: x, Unit: u}, nil
}

// numberPrefix returns the length of the decimal number at the start of s:
// [+-] digits [. digits] [(e|E) [+-] digits], with at least one digit.
func numberPrefix(s string) int {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && isDigit(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := j
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		if k > j {
			i = k
		}
	}
	return i
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// Name returns the unit as written ("" for dimensionless).
func (u Unit) Name() string {
	if u.text == "1" {
		return ""
	}
	return u.text
}

// String returns the unit as written, "1" for dimensionless.
func (u Unit) String() string {
	if u.text == "" {
		return "1"
	}
	return u.text
}

// SI returns the size of one of u in SI base units, with its dimensions.
func (u Unit) SI() *unit.Unit {
	return unit.New(scale(1, u.exp10), u.Dimensions())
}

// Dimensions returns the dimensions of u.
func (u Unit) Dimensions() unit.Dimensions {
	if u.dims == nil {
		return unit.Dimensions{}
	}
	return u.dims.Dimensions()
}

// Dimensionless reports whether u has no dimensions.
func (u Unit) Dimensionless() bool { return len(u.Dimensions()) == 0 }

// Compatible reports whether u and v have the same dimensions.
func (u Unit) Compatible(v Unit) bool { return unit.DimensionsMatch(u.dimensions(), v.dimensions()) }

var dimensionless = unit.New(1, unit.Dimensions{})

// dimensions returns u's dimensions (value 1) without copying them.
func (u Unit) dimensions() *unit.Unit {
	if u.dims == nil {
		return dimensionless
	}
	return u.dims
}

// Mul returns the unit u*v, e.g. for a density and an area.
func (u Unit) Mul(v Unit) Unit {
	if u.Affine() || v.Affine() {
		panic("quantity: Mul of an absolute temperature")
	}
	d := u.SI()
	d.Mul(v.SI())
	d.SetValue(1)
	return Unit{text: u.String() + "*" + v.String(), dims: d, exp10: u.exp10 + v.exp10}
}

// Div returns the unit u/v.
func (u Unit) Div(v Unit) Unit {
	if u.Affine() || v.Affine() {
		panic("quantity: Div of an absolute temperature")
	}
	d := u.SI()
	d.Div(v.SI())
	d.SetValue(1)
	return Unit{text: u.String() + "/(" + v.String() + ")", dims: d, exp10: u.exp10 - v.exp10}
}

// scale returns x*10^e, correctly rounded for |e| <= 22 (powers of ten up
// to 1e22 are exact in float64, so one multiplication or division rounds
// once).
func scale(x float64, e int) float64 {
	switch {
	case e == 0:
		return x
	case e > 0 && e <= 22:
		return x * math.Pow10(e)
	case e < 0 && e >= -22:
		return x / math.Pow10(-e)
	}
	return x * math.Pow10(e)
}

// Affine reports whether u has an offset zero (degC).
func (u Unit) Affine() bool { return u.offset != 0 }

// Kind names the physical quantity u measures, with an article: "a time",
// "a conductance density". Unfamiliar dimensions are named by gonum.
func (u Unit) Kind() string {
	for _, k := range kinds {
		if u.Compatible(k.unit) {
			return k.name
		}
	}
	return "a quantity of dimension " + u.Dimensions().String()
}

var kinds = func() []struct {
	unit Unit
	name string
} {
	list := []struct{ unit, name string }{
		{"", "a dimensionless number"},
		{"ms", "a time"}, {"Hz", "a frequency"}, {"mV", "a voltage"}, {"nA", "a current"},
		{"nS", "a conductance"}, {"pF", "a capacitance"}, {"Mohm", "a resistance"},
		{"uA/cm^2", "a current density"}, {"mS/cm^2", "a conductance density"},
		{"uF/cm^2", "a capacitance density"}, {"um", "a length"}, {"um^2", "an area"},
		{"pC", "a charge"}, {"K", "a temperature"}, {"mM", "a concentration"},
	}
	out := make([]struct {
		unit Unit
		name string
	}, len(list))
	for i, k := range list {
		out[i].unit, out[i].name = MustUnit(k.unit), k.name
	}
	return out
}()

// SI returns q in SI base units.
func (q Quantity) SI() float64 { return scale(q.Value, q.Unit.exp10) + q.Unit.offset }

// In returns q in unit u, or a *DimensionError.
func (q Quantity) In(u Unit) (float64, error) {
	f, err := Converter(q.Unit, u)
	if err != nil {
		return 0, err
	}
	return f(q.Value), nil
}

// Converter returns the function that converts a number in unit from to
// unit to, or a *DimensionError; for converting many numbers.
func Converter(from, to Unit) (func(float64) float64, error) {
	if !from.Compatible(to) {
		return nil, &DimensionError{From: from, To: to}
	}
	e := from.exp10 - to.exp10
	if from.offset == to.offset {
		return func(x float64) float64 { return scale(x, e) }, nil
	}
	return func(x float64) float64 {
		return scale(scale(x, from.exp10)+from.offset-to.offset, -to.exp10)
	}, nil
}

// String formats q as "%g unit".
func (q Quantity) String() string {
	if q.Unit.Name() == "" {
		return strconv.FormatFloat(q.Value, 'g', -1, 64)
	}
	return strconv.FormatFloat(q.Value, 'g', -1, 64) + " " + q.Unit.Name()
}

// Convert reads s and returns it in the unit to, e.g.
// Convert("0.5 nA", "pA") = 500.
func Convert(s, to string) (float64, error) {
	q, err := Parse(s)
	if err != nil {
		return 0, err
	}
	u, err := ParseUnit(to)
	if err != nil {
		return 0, err
	}
	return q.In(u)
}
