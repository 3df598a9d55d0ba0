package main

import (
	"math"
	"math/big"
	"strconv"
	"testing"
)

// TestStepTimes: a step's time is written as i times dt's decimal, the
// time the scenario means (exact rational arithmetic checks every row of
// the table), and falls back to the float when dt is no short decimal or
// the time is not float64(i)*dt.
func TestStepTimes(t *testing.T) {
	for _, c := range []struct {
		dt   float64
		i    int
		want string
	}{
		{0.1, 0, "0"},
		{0.1, 3, "0.3"},          // float64(3)*0.1 = 0.30000000000000004
		{0.1, 998, "99.8"},       // 99.80000000000001
		{0.1, 1001, "100.1"},     // 100.10000000000001
		{0.1, 10000, "1000"},     // trailing zeros dropped
		{0.025, 1, "0.025"},      // leading zeros of the fraction kept
		{0.025, 2, "0.05"},       // both
		{0.025, 41, "1.025"},     //
		{0.01, 7, "0.07"},        // 0.07 = float64(7)*0.01
		{0.5, 3, "1.5"},          //
		{2, 5, "10"},             // no decimal point in dt
		{1e-9, 3, "0.000000003"}, // nine digits after the point: still integers
	} {
		st := newStepTimes(c.dt)
		got := string(st.append(nil, c.i, float64(c.i)*c.dt))
		if got != c.want {
			t.Errorf("dt %g, step %d: %q, want %q", c.dt, c.i, got, c.want)
		}
	}
	// dt with more than nine digits after the point, or no short decimal
	// at all: the float, as strconv writes it.
	for _, dt := range []float64{1e-10, 1.0 / 3, math.Nextafter(0.3, 1)} {
		st := newStepTimes(dt)
		if st.unit != 0 {
			t.Errorf("dt %v: written in integers of 10^-%d", dt, st.dec)
		}
		for _, i := range []int{1, 3, 7, 1000} {
			tf := float64(i) * dt
			if got, want := string(st.append(nil, i, tf)), strconv.FormatFloat(tf, 'f', -1, 64); got != want {
				t.Errorf("dt %v, step %d: %q, want %q", dt, i, got, want)
			}
		}
	}
	// A time that is not float64(i)*dt is written as the float it is.
	if got := string(newStepTimes(0.1).append(nil, 3, 0.3)); got != "0.3" {
		t.Errorf("dt 0.1, step 3 at 0.3: %q", got)
	}
	if got := string(newStepTimes(0.1).append(nil, 3, 0.35)); got != "0.35" {
		t.Errorf("dt 0.1, step 3 at 0.35: %q, want the float", got)
	}
	// Every step of long runs: the decimal is exactly i * dt's decimal,
	// and reads back within an ulp of float64(i)*dt.
	for _, dt := range []float64{0.1, 0.01, 0.025, 0.05, 0.2, 0.001} {
		st := newStepTimes(dt)
		dec, _ := new(big.Rat).SetString(strconv.FormatFloat(dt, 'f', -1, 64))
		for i := 0; i < 200000; i += 7 {
			tf := float64(i) * dt
			s := string(st.append(nil, i, tf))
			got, ok := new(big.Rat).SetString(s)
			if !ok {
				t.Fatalf("dt %g, step %d: %q is no number", dt, i, s)
			}
			if want := new(big.Rat).Mul(dec, big.NewRat(int64(i), 1)); got.Cmp(want) != 0 {
				t.Fatalf("dt %g, step %d: %q, want %s", dt, i, s, want.FloatString(12))
			}
			back, _ := strconv.ParseFloat(s, 64)
			if math.Abs(back-tf) > math.Abs(tf)*0x1p-52 {
				t.Fatalf("dt %g, step %d: %q reads back as %v, float64(i)*dt is %v", dt, i, s, back, tf)
			}
		}
	}
}
