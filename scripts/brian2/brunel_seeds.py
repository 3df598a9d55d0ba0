"""Brunel 2000 panel C (Brian2 examples/frompapers/Brunel_2000.py as brian2_nets.py defines it) for
several seeds, numpy target: mean rate over 200-1000 ms and mean CV of the ISI (neurons with >= 2 ISIs).
usage: /usr/bin/python3 scripts/brian2/brunel_seeds.py 1 2 3 (minutes per seed)."""
import sys, warnings
warnings.filterwarnings("ignore")
import numpy as np
from brian2 import *
prefs.codegen.target = "numpy"
for s in [int(x) for x in sys.argv[1:]]:
    start_scope(); seed(s)
    defaultclock.dt = 0.1*ms
    N = 12500; Ne = 10000
    tau, theta, V_r, tau_rp, J, D, g, eta = 20 * ms, 20 * mV, 10 * mV, 2 * ms, 0.1 * mV, 1.5 * ms, 5.0, 2.0
    C_E = int(0.1 * Ne)
    P = NeuronGroup(N, "dv/dt = -v/tau : volt (unless refractory)", threshold="v > theta",
                    reset="v = V_r", refractory=tau_rp, method="exact")
    Ce = Synapses(P[:Ne], P, on_pre="v += J", delay=D)
    Ci = Synapses(P[Ne:], P, on_pre="v += -g*J", delay=D)
    Ce.connect(p=0.1); Ci.connect(p=0.1)
    ext = PoissonInput(target=P, target_var="v", N=C_E, rate=eta * theta / (J * C_E * tau), weight=J)
    sm = SpikeMonitor(P)
    run(1*second)
    t = sm.t/ms; i = sm.i[:]
    m = t >= 200
    rate = m.sum()/N/0.8
    cvs = []
    for n, ts in sm.spike_trains().items():
        ts = ts/ms; ts = ts[ts >= 200]
        if len(ts) >= 3:
            d = np.diff(ts); cvs.append(d.std()/d.mean())
    print("seed", s, "rate", rate, "cv", np.mean(cvs), flush=True)
