"""CUBA (Brian2 examples/CUBA.py, as ../../../shared/bench/brian2_nets.py defines it) for several seeds,
numpy target: mean rate over 0-1000 ms. usage: /usr/bin/python3 scripts/brian2/cuba_seeds.py 1 2 3
(Debian: apt-get install python3-brian). The README compares these with scripts/seed-rates.sh."""
import sys, warnings
warnings.filterwarnings("ignore")
from brian2 import *
prefs.codegen.target = "numpy"
for s in [int(x) for x in sys.argv[1:]]:
    start_scope()
    seed(s)
    defaultclock.dt = 0.1*ms
    N=4000; Ne=3200; p_conn=0.02
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV
    eqs = """
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    """
    P = NeuronGroup(N, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms, method="exact")
    P.v = "Vr + rand() * (Vt - Vr)"
    we = (60 * 0.27 / 10) * mV
    wi = (-20 * 4.5 / 10) * mV
    Ce = Synapses(P, P, on_pre="ge += we")
    Ci = Synapses(P, P, on_pre="gi += wi")
    Ce.connect("i<Ne", p=p_conn)
    Ci.connect("i>=Ne", p=p_conn)
    sm = SpikeMonitor(P)
    run(1*second)
    print("seed", s, "rate", sm.num_spikes/N, flush=True)
