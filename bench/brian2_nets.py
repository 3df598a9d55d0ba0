"""Build Brian2 (C++ standalone) binaries of the Brette et al. 2007 benchmark networks.

Copied unchanged (but for this paragraph) from the project's shared benchmark kit,
../shared/bench/brian2_nets.py, so that bench/compare-brian2.sh stands on its own; the
networks are Brian2's examples/CUBA.py, examples/COBAHH.py and
examples/frompapers/Brunel_2000.py as they are.

Usage: /usr/bin/python3 brian2_nets.py MODEL N DIR
  MODEL  cuba | cobahh | brunel   (as Brian2's examples/CUBA.py, examples/COBAHH.py and
         examples/frompapers/Brunel_2000.py panel C: g = 5, nu_ext = 2 nu_thr)
  N      number of neurons; cuba, cobahh: connection probability 80/N (0.02 at N = 4000);
         brunel: 80 % excitatory, connection probability 0.1 (N = 12500 as published)
  DIR    build folder; afterwards `cd DIR && ./main` runs the whole simulation
         (network construction, 1 s of biological time at dt = 0.1 ms, spike
         recording) and can be timed as a process.
Single-threaded (no OpenMP), float64, seed 2007.
"""
import sys
import warnings

warnings.filterwarnings("ignore")
from brian2 import *  # noqa: E402,F401,F403

model, N, bdir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
set_device("cpp_standalone", directory=bdir, build_on_run=False)
prefs.devices.cpp_standalone.openmp_threads = 0
seed(2007)
defaultclock.dt = 0.1 * ms
p_conn = 80.0 / N
Ne = int(0.8 * N)

if model == "cuba":
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
elif model == "cobahh":
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
elif model == "brunel":
    tau, theta, V_r, tau_rp, J, D, g, eta = 20 * ms, 20 * mV, 10 * mV, 2 * ms, 0.1 * mV, 1.5 * ms, 5.0, 2.0
    C_E = int(0.1 * Ne)
    P = NeuronGroup(N, "dv/dt = -v/tau : volt (unless refractory)", threshold="v > theta",
                    reset="v = V_r", refractory=tau_rp, method="exact")
    Ce = Synapses(P[:Ne], P, on_pre="v += J", delay=D)
    Ci = Synapses(P[Ne:], P, on_pre="v += -g*J", delay=D)
    Ce.connect(p=0.1)
    Ci.connect(p=0.1)
    ext = PoissonInput(target=P, target_var="v", N=C_E, rate=eta * theta / (J * C_E * tau), weight=J)
else:
    sys.exit("model must be cuba, cobahh or brunel")

spikes = SpikeMonitor(P)
run(1 * second)
device.build(directory=bdir, compile=True, run=True)
print("%s N=%d: %d spikes, mean rate %.2f Hz, %d synapses" % (
    model, N, spikes.num_spikes, spikes.num_spikes / N, len(Ce) + len(Ci)))
