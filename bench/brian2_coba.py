"""Build Brian2 (C++ standalone) a conductance-based LIF network under
exponential Euler: 4000 LIF neurons (3200 excitatory, 800 inhibitory),
p = 0.02, exponential conductances (5 ms, 0 mV; 10 ms, -80 mV), C 200 pF,
tau_m 20 ms, E_L = V_r = -60 mV, V_t = -50 mV, 5 ms refractory, V(0)
uniform in [V_r, V_t]. Single-threaded, float64, seed 2007; 1 s at dt
0.1 ms with every spike recorded.

  coba         Brette et al. 2007 benchmark 1 (scenarios/examples/coba.toml):
               6 nS and 67 nS (0.6 and 6.7 g_L), a 200 pA drive (20 mV g_L)
  coba-shaped  bench/coba.toml: 0.6 nS and 6.7 nS, 210 pA (a quieter network,
               the speed check of sessions 4 and 5)

Usage: /usr/bin/python3 brian2_coba.py MODEL N DIR   (N = 4000)
"""
import sys
import warnings

warnings.filterwarnings("ignore")
from brian2 import *  # noqa: E402,F401,F403

model, N, bdir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
we, wi, Ie = {"coba": (6 * nS, 67 * nS, 200 * pA), "coba-shaped": (0.6 * nS, 6.7 * nS, 210 * pA)}[model]
set_device("cpp_standalone", directory=bdir, build_on_run=False)
prefs.devices.cpp_standalone.openmp_threads = 0
seed(2007)
defaultclock.dt = 0.1 * ms
taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
Vt, Vr, El, Ee, Ei = -50 * mV, -60 * mV, -60 * mV, 0 * mV, -80 * mV
C = 200 * pF
gL = C / taum
eqs = """
dv/dt = (gL*(El - v) + ge*(Ee - v) + gi*(Ei - v) + Ie)/C : volt (unless refractory)
dge/dt = -ge/taue : siemens
dgi/dt = -gi/taui : siemens
"""
P = NeuronGroup(N, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms, method="exponential_euler")
P.v = "Vr + rand() * (Vt - Vr)"
Ne = int(0.8 * N)
Ce = Synapses(P[:Ne], P, on_pre="ge += we")
Ci = Synapses(P[Ne:], P, on_pre="gi += wi")
Ce.connect(p=80.0 / N)
Ci.connect(p=80.0 / N)
s = SpikeMonitor(P)
run(1 * second, report=None)
device.build(directory=bdir, compile=True, run=False)
