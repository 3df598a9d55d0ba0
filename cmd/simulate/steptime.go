package main

import (
	"strconv"
	"strings"
)

// stepTimes writes the times of a run's steps, i dt, as the decimals
// they are: with dt = 0.1 ms step 3 is at 0.3 ms, where the shortest
// form of float64(3)*0.1 would print 0.30000000000000004 (and step 998
// 99.80000000000001). When dt, written as the shortest decimal that
// reads back as it, has at most maxDecimals digits after the point,
// i dt is computed in integers of that last digit; otherwise, or for a
// time that is not float64(i)*dt, the float is written as it is.
type stepTimes struct {
	dt   float64
	unit int64 // dt in units of 10^-dec ms; 0: write floats
	dec  int   // digits after the decimal point of dt
	pow  int64 // 10^dec
}

// maxDecimals bounds dt's digits after the point for integer times: with
// nine, a run of 10^9 steps of dt <= 9.2 ms still fits in an int64.
const maxDecimals = 9

func newStepTimes(dt float64) stepTimes {
	st := stepTimes{dt: dt}
	s := strconv.FormatFloat(dt, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		st.dec = len(s) - i - 1
		s = s[:i] + s[i+1:]
	}
	u, err := strconv.ParseInt(s, 10, 64)
	if err != nil || !(dt > 0) || st.dec > maxDecimals {
		return stepTimes{dt: dt}
	}
	st.unit, st.pow = u, 1
	for range st.dec {
		st.pow *= 10
	}
	return st
}

// append appends the time t of step i.
func (st stepTimes) append(buf []byte, i int, t float64) []byte {
	if st.unit == 0 || i < 0 || t != float64(i)*st.dt || int64(i) > (1<<63-1)/st.unit {
		return strconv.AppendFloat(buf, t, 'f', -1, 64)
	}
	n := int64(i) * st.unit
	buf = strconv.AppendInt(buf, n/st.pow, 10)
	r := n % st.pow
	if r == 0 {
		return buf
	}
	buf = append(buf, '.')
	d := st.dec
	for r%10 == 0 { // trailing zeros dropped
		r /= 10
		d--
	}
	start := len(buf)
	buf = strconv.AppendInt(buf, r, 10)
	if pad := d - (len(buf) - start); pad > 0 { // leading zeros of the fraction
		buf = append(buf, make([]byte, pad)...)
		copy(buf[start+pad:], buf[start:])
		for k := start; k < start+pad; k++ {
			buf[k] = '0'
		}
	}
	return buf
}
