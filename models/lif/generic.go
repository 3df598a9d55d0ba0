package lif

import "gospike/neuron"

// Derivative writes dV/dt of the block into dst:
//
//	dV/dt = (e_l - V)/tau_m + (A - B V + i_e)/c_m
//
// and 0 for a neuron that is refractory during the step.
func (p *Population) Derivative(dst, y []float64, off int, in neuron.Input) {
	n := len(y)
	if len(dst) != n || len(in.A) != n || len(in.B) != n {
		panic("lif: Derivative: length mismatch")
	}
	refEnd, a, b := p.refEnd[off:off+n], in.A[:n], in.B[:n]
	never := notRefractory
	if p.eL.all == nil && p.invTau.all == nil && p.iE.all == nil && p.invC.all == nil {
		eL, invTau, iE, invC := p.eL.x, p.invTau.x, p.iE.x, p.invC.x
		for j, v := range y {
			if refEnd[j] != never {
				dst[j] = 0
				continue
			}
			dst[j] = (eL-v)*invTau + (a[j]-b[j]*v+iE)*invC
		}
		return
	}
	for j, v := range y {
		if refEnd[j] != never {
			dst[j] = 0
			continue
		}
		i := off + j
		dst[j] = (p.eL.at(i)-v)*p.invTau.at(i) + (a[j]-b[j]*v+p.iE.at(i))*p.invC.at(i)
	}
}

// Linear writes dV/dt = a + b V of the block into a and b (exponential
// Euler):
//
//	a = a0 + A/c_m,  b = -1/tau_m - B/c_m,  a0 = e_l/tau_m + i_e/c_m
//
// (a0 made once, the products rounded before they are added) and a = b =
// 0 for a refractory neuron.
func (p *Population) Linear(a, b, y []float64, off int, in neuron.Input) {
	n := len(y)
	if len(a) != n || len(b) != n || len(in.A) != n || len(in.B) != n {
		panic("lif: Linear: length mismatch")
	}
	refEnd, inA, inB := p.refEnd[off:off+n], in.A[:n], in.B[:n]
	a, b = a[:n], b[:n]
	never := notRefractory
	if p.a0.all == nil && p.invTau.all == nil && p.invC.all == nil {
		a0, invTau, invC := p.a0.x, p.invTau.x, p.invC.x
		for j := range y {
			if refEnd[j] != never {
				a[j], b[j] = 0, 0
				continue
			}
			a[j] = a0 + float64(inA[j]*invC)
			b[j] = -invTau - float64(inB[j]*invC)
		}
		return
	}
	for j := range y {
		if refEnd[j] != never {
			a[j], b[j] = 0, 0
			continue
		}
		i := off + j
		invC := p.invC.at(i)
		a[j] = p.a0.at(i) + float64(inA[j]*invC)
		b[j] = -p.invTau.at(i) - float64(inB[j]*invC)
	}
}

// gridSlack is the fraction of a step by which a step end may fall short of
// a refractory end and still end it: it absorbs the rounding of grid times
// (t = k*dt) against t_spike + t_ref.
const gridSlack = 1e-6

// AfterStep handles threshold, reset and refractoriness after a generic
// method (euler, rk4, exponential-euler) advanced the block from t to t+dt;
// prev holds V at t.
//
// A neuron that was refractory during the step is held at v_reset; its
// refractory period ends at this step end if t+dt >= t_spike + t_ref (the
// grid approximation: refractoriness lasts t_ref rounded up to the step
// grid, so that it is longer by less than dt).
//
// Otherwise, V >= v_th is a spike; its time is interpolated linearly
// between (t, prev) and (t+dt, V), V is reset to v_reset and the neuron is
// refractory until t_spike + t_ref (not at all, if that is before t+dt).
func (p *Population) AfterStep(dst []neuron.Spike, prev, y []float64, off int, t, dt float64) []neuron.Spike {
	n := len(y)
	if len(prev) != n {
		panic("lif: AfterStep: length mismatch")
	}
	refEnd, prev := p.refEnd[off:off+n], prev[:n]
	tEnd := t + dt
	ends := tEnd + gridSlack*dt // a refractory end <= ends is over at tEnd
	never := notRefractory
	if p.vTh.all == nil {
		// Most steps of most neurons: no spike, not refractory.
		vTh := p.vTh.x
		for j, v := range y {
			if refEnd[j] != never || v >= vTh {
				dst = p.afterStep1(dst, prev[j], &y[j], &refEnd[j], off+j, t, dt, ends)
			}
		}
		return dst
	}
	for j, v := range y {
		if refEnd[j] != never || v >= p.vTh.at(off+j) {
			dst = p.afterStep1(dst, prev[j], &y[j], &refEnd[j], off+j, t, dt, ends)
		}
	}
	return dst
}

// afterStep1 is AfterStep for neuron i, refractory during the step or at
// or above threshold at its end; v points to its V, refEnd to its clock.
func (p *Population) afterStep1(dst []neuron.Spike, v0 float64, v, refEnd *float64, i int, t, dt, ends float64) []neuron.Spike {
	if *refEnd != notRefractory {
		if !p.hold {
			*v = p.vReset.at(i)
		}
		if *refEnd <= ends {
			*refEnd = notRefractory
		}
		return dst
	}
	vTh := p.vTh.at(i)
	frac := 0.0 // already at threshold at t (a jump between steps)
	if v0 < vTh {
		frac = (vTh - v0) / (*v - v0)
	}
	ts := t + frac*dt
	dst = append(dst, neuron.Spike{Neuron: i, Time: ts})
	*v = p.vReset.at(i)
	if end := ts + p.tRef.at(i); end > ends {
		*refEnd = end
	}
	return dst
}
