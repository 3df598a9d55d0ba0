"""Build Brian2 (C++ standalone) the network of bench/coba.toml: 4000 LIF
neurons with exponential conductances under exponential Euler (the shape
of Brette et al. 2007 benchmark 1, COBA; weights and bias as in
bench/coba.toml, not the published ones). Single-threaded, float64,
seed 2007; 1 s at dt 0.1 ms with every spike recorded.

Usage: /usr/bin/python3 brian2_coba.py N DIR   (N = 4000)
"""
import sys
import warnings

warnings.filterwarnings("ignore")
from brian2 import *  # noqa: E402,F401,F403

N, bdir = int(sys.argv[1]), sys.argv[2]
set_device("cpp_standalone", directory=bdir, build_on_run=False)
prefs.devices.cpp_standalone.openmp_threads = 0
seed(2007)
defaultclock.dt = 0.1 * ms
taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
Vt, Vr, El, Ee, Ei = -50 * mV, -60 * mV, -60 * mV, 0 * mV, -80 * mV
C = 200 * pF
gL = C / taum
Ie = 210 * pA
eqs = """
dv/dt = (gL*(El - v) + ge*(Ee - v) + gi*(Ei - v) + Ie)/C : volt (unless refractory)
dge/dt = -ge/taue : siemens
dgi/dt = -gi/taui : siemens
"""
P = NeuronGroup(N, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms, method="exponential_euler")
P.v = "Vr + rand() * (Vt - Vr)"
Ne = int(0.8 * N)
Ce = Synapses(P[:Ne], P, on_pre="ge += 0.6*nS")
Ci = Synapses(P[Ne:], P, on_pre="gi += 6.7*nS")
Ce.connect(p=80.0 / N)
Ci.connect(p=80.0 / N)
s = SpikeMonitor(P)
run(1 * second, report=None)
device.build(directory=bdir, compile=True, run=False)
