"""COBAHH (Brian2 examples/COBAHH.py, as bench/brian2_nets.py defines it) for several seeds, numpy
target: mean rate over 0-1000 ms. usage: /usr/bin/python3 scripts/brian2/cobahh_seeds.py 1 2 3
(Debian: apt-get install python3-brian; a minute or two per seed). The README compares these with
scripts/seed-rates.sh."""
import sys, warnings
warnings.filterwarnings("ignore")
from brian2 import *
prefs.codegen.target = "numpy"
for s in [int(x) for x in sys.argv[1:]]:
    start_scope()
    seed(s)
    defaultclock.dt = 0.1 * ms
    N = 4000; Ne = 3200; p_conn = 80.0 / N
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
    sm = SpikeMonitor(P)
    run(1 * second)
    print("seed", s, "rate", sm.num_spikes / N, flush=True)
