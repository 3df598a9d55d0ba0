"""HH spike times from Brian2's own state updaters, to compare ours with.

Run (from models/hodgkinhuxley; Debian: apt-get install python3-brian):
    /usr/bin/python3 testdata/scripts/hh_brian2.py
Writes testdata/hh_brian2_spikes_I10.csv. Same equations as the shared
reference's hh_scipy.py (NEURON's hh.mod at 6.3 degC, EL = -54.387 mV, no rate
tables), I = 10 uA/cm^2 from the steady state at -65 mV, 200 ms, dt 0.01 ms,
numpy target; v recorded at the end of every step; spike = upward crossing of
0 mV interpolated linearly between the two samples (as common.py's crossings()).
"""
import os
import warnings

warnings.filterwarnings("ignore")
import numpy as np
from brian2 import (NeuronGroup, StateMonitor, Network, defaultclock, prefs, ms, mV, cm,
                    uF, msiemens, uA, exprel)

prefs.codegen.target = "numpy"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "hh_brian2_spikes_I10.csv")

ns = dict(Cm=1 * uF / cm**2, gna=120 * msiemens / cm**2, gk=36 * msiemens / cm**2,
          gl=0.3 * msiemens / cm**2, ENa=50 * mV, EK=-77 * mV, El=-54.387 * mV,
          I=10 * uA / cm**2)
eqs = """
dv/dt = (I - gna*m**3*h*(v - ENa) - gk*n**4*(v - EK) - gl*(v - El))/Cm : volt
dm/dt = am*(1 - m) - bm*m : 1
dh/dt = ah*(1 - h) - bh*h : 1
dn/dt = an*(1 - n) - bn*n : 1
am = 1/exprel(-(v + 40*mV)/(10*mV))/ms : Hz
bm = 4*exp(-(v + 65*mV)/(18*mV))/ms : Hz
ah = 0.07*exp(-(v + 65*mV)/(20*mV))/ms : Hz
bh = 1/(exp(-(v + 35*mV)/(10*mV)) + 1)/ms : Hz
an = 0.1/exprel(-(v + 55*mV)/(10*mV))/ms : Hz
bn = 0.125*exp(-(v + 65*mV)/(80*mV))/ms : Hz
"""


def rates(v):
    am = 0.1 * (-(v + 40)) / (np.exp(-(v + 40) / 10) - 1)
    bm = 4 * np.exp(-(v + 65) / 18)
    ah = 0.07 * np.exp(-(v + 65) / 20)
    bh = 1 / (np.exp(-(v + 35) / 10) + 1)
    an = 0.01 * (-(v + 55)) / (np.exp(-(v + 55) / 10) - 1)
    bn = 0.125 * np.exp(-(v + 65) / 80)
    return am, bm, ah, bh, an, bn


rows = []
for method in ["exponential_euler", "euler", "rk4"]:
    defaultclock.dt = 0.01 * ms
    g = NeuronGroup(1, eqs, method=method, namespace=ns)
    am, bm, ah, bh, an, bn = rates(-65.0)
    g.v = -65 * mV
    g.m, g.h, g.n = am / (am + bm), ah / (ah + bh), an / (an + bn)
    mon = StateMonitor(g, "v", record=0, when="end")
    net = Network(g, mon)
    net.run(200 * ms, namespace=ns)
    t = np.concatenate([[0.0], mon.t / ms + 0.01])
    v = np.concatenate([[-65.0], mon.v[0] / mV])
    idx = np.nonzero((v[:-1] < 0) & (v[1:] >= 0))[0] + 1
    ti = t[idx - 1] + (0 - v[idx - 1]) * (t[idx] - t[idx - 1]) / (v[idx] - v[idx - 1])
    rows += [(method, k, s) for k, s in enumerate(ti)]
    print(method, len(ti), ti[:1], ti[-1:])
with open(OUT, "w") as f:
    f.write("# Brian2 2.5.1 (numpy target) HH, I=10 uA/cm^2 from rest, dt 0.01 ms, 200 ms; made by scripts/hh_brian2.py\n")
    f.write("# spike = upward crossing of 0 mV by v sampled at the end of every step, linear interpolation\n")
    f.write("method,k,t_ms\n")
    for r in rows:
        f.write("%s,%d,%.10g\n" % r)
print("wrote", OUT)
