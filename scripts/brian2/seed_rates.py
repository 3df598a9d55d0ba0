"""The benchmark networks in Brian2 2.5.1 (numpy target) for several seeds: the mean rate over a time
window, and for brunel the mean CV of the ISI there (neurons with >= 2 ISIs), one line per seed. The
networks are those bench/brian2_nets.py builds for the timings (Brian2's examples/CUBA.py,
examples/COBAHH.py, examples/frompapers/Brunel_2000.py panel C); that file stays a verbatim copy of
the shared benchmark kit, so they are written out again here, without its C++ standalone device.
coba is scenarios/examples/coba.toml's network (Brette et al. 2007 benchmark 1).

usage: /usr/bin/python3 scripts/brian2/seed_rates.py MODEL FROM_MS TO_MS SEEDS...
  e.g. scripts/brian2/seed_rates.py cuba 0 1000 1 2 3
       scripts/brian2/seed_rates.py brunel 200 1000 11 12 13
(Debian: apt-get install python3-brian; seconds per seed for cuba and cobahh, about half a minute
for brunel.) The README compares these with scripts/seed-rates.sh."""
import sys, warnings
warnings.filterwarnings("ignore")
import numpy as np
from brian2 import *
prefs.codegen.target = "numpy"


def cuba():
    N, Ne, p_conn = 4000, 3200, 0.02
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
    return P, [P, Ce, Ci], locals()


def cobahh():
    N, Ne = 4000, 3200
    p_conn = 80.0 / N
    area = 20000 * umetre**2
    Cm = (1 * ufarad * cm**-2) * area
    gl = (5e-5 * siemens * cm**-2) * area
    El, EK, ENa = -60 * mV, -90 * mV, 50 * mV
    g_na = (100 * msiemens * cm**-2) * area
    g_kd = (30 * msiemens * cm**-2) * area
    VT = -63 * mV
    taue, taui = 5 * ms, 10 * ms
    Ee, Ei = 0 * mV, -80 * mV
    we, wi = 6 * nS, 67 * nS
    eqs = Equations("""
    dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-
             g_na*(m*m*m)*h*(v-ENa)-
             g_kd*(n*n*n*n)*(v-EK))/Cm : volt
    dm/dt = alpha_m*(1-m)-beta_m*m : 1
    dn/dt = alpha_n*(1-n)-beta_n*n : 1
    dh/dt = alpha_h*(1-h)-beta_h*h : 1
    dge/dt = -ge*(1./taue) : siemens
    dgi/dt = -gi*(1./taui) : siemens
    alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
    beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
    alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
    beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
    alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
    beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
    """)
    P = NeuronGroup(N, model=eqs, threshold="v>-20*mV", refractory=3 * ms, method="exponential_euler")
    Ce = Synapses(P[:Ne], P, on_pre="ge+=we")
    Ci = Synapses(P[Ne:], P, on_pre="gi+=wi")
    Ce.connect(p=p_conn)
    Ci.connect(p=p_conn)
    P.v = "El + (randn() * 5 - 5)*mV"
    P.ge = "(randn() * 1.5 + 4) * 10.*nS"
    P.gi = "(randn() * 12 + 20) * 10.*nS"
    return P, [P, Ce, Ci], locals()


def coba(delay=0 * ms):
    # Brette et al. 2007 benchmark 1 (Vogels & Abbott 2005) as the simulator
    # benchmarks write it (ANNarchy's and BrainPy's COBA): conductances in
    # units of g_L = C/taum = 10 nS (we 0.6, wi 6.7), a 20 mV drive; no
    # delay, or (coba-delay) ours, one step.
    N, Ne, p_conn = 4000, 3200, 0.02
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    Vt, Vr, El, Ee, Ei, I = -50 * mV, -60 * mV, -60 * mV, 0 * mV, -80 * mV, 20 * mV
    eqs = """
    dv/dt = (ge*(Ee-v) + gi*(Ei-v) - (v-El) + I)/taum : volt (unless refractory)
    dge/dt = -ge/taue : 1
    dgi/dt = -gi/taui : 1
    """
    P = NeuronGroup(N, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms, method="exponential_euler")
    P.v = "Vr + rand() * (Vt - Vr)"
    Ce = Synapses(P[:Ne], P, on_pre="ge += 0.6", delay=delay)
    Ci = Synapses(P[Ne:], P, on_pre="gi += 6.7", delay=delay)
    Ce.connect(p=p_conn)
    Ci.connect(p=p_conn)
    return P, [P, Ce, Ci], locals()


def brunel():
    N, Ne = 12500, 10000
    tau, theta, V_r, tau_rp, J, D, g, eta = 20 * ms, 20 * mV, 10 * mV, 2 * ms, 0.1 * mV, 1.5 * ms, 5.0, 2.0
    C_E = int(0.1 * Ne)
    P = NeuronGroup(N, "dv/dt = -v/tau : volt (unless refractory)", threshold="v > theta",
                    reset="v = V_r", refractory=tau_rp, method="exact")
    Ce = Synapses(P[:Ne], P, on_pre="v += J", delay=D)
    Ci = Synapses(P[Ne:], P, on_pre="v += -g*J", delay=D)
    Ce.connect(p=0.1)
    Ci.connect(p=0.1)
    ext = PoissonInput(target=P, target_var="v", N=C_E, rate=eta * theta / (J * C_E * tau), weight=J)
    return P, [P, Ce, Ci, ext], locals()


networks = {"cuba": cuba, "coba": coba, "coba-delay": lambda: coba(0.1 * ms), "cobahh": cobahh, "brunel": brunel}
model, lo, hi = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
for s in [int(x) for x in sys.argv[4:]]:
    start_scope()
    seed(s)
    defaultclock.dt = 0.1 * ms
    P, objects, names = networks[model]()  # names: the constants the equations refer to
    sm = SpikeMonitor(P)
    Network(*objects, sm).run(1 * second, namespace=names)
    t = sm.t / ms
    rate = ((t >= lo) & (t < hi)).sum() / len(P) / ((hi - lo) / 1000)
    line = "seed %d rate %s" % (s, rate)
    if model == "brunel":
        cvs = []
        for ts in sm.spike_trains().values():
            ts = ts / ms
            ts = ts[(ts >= lo) & (ts < hi)]
            if len(ts) >= 3:
                d = np.diff(ts)
                cvs.append(d.std() / d.mean())
        line += " cv %s" % np.mean(cvs)
    print(line, flush=True)
