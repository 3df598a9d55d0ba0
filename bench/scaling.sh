#!/usr/bin/env bash
# CUBA at 4 000, 16 000 and 64 000 neurons with exactly 80 synapses per neuron (fixed
# indegree: 64 excitatory, 16 inhibitory; otherwise bench/cuba_indegree.toml.in, the
# parameters of scenarios/examples/cuba.toml): for each size, the median over RUNS of
# the run's own time (summary.json wall_seconds: the steps, without construction or
# output), that time per neuron-step, the memory per synapse (bytes_per_synapse,
# index structures included) and the mean rate. Time per neuron-step should stay flat
# as N grows (within 30 %), and memory per synapse at most 16 bytes.
#
# usage (from the project's root):
#   bench/scaling.sh [RUNS] [THREADS]
# RUNS defaults to 3, THREADS (our -threads) to 1.
set -euo pipefail
runs=${1:-3}; threads=${2:-1}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/simulate" ./cmd/simulate
/usr/bin/python3 - "$tmp" "$here/cuba_indegree.toml.in" "$runs" "$threads" <<'PY'
import json, statistics, subprocess, sys
tmp, template, runs, threads = sys.argv[1], open(sys.argv[2]).read(), int(sys.argv[3]), sys.argv[4]
rows = []
for n in (4000, 16000, 64000):
    ne = n * 4 // 5
    path = "%s/cuba_%d.toml" % (tmp, n)
    open(path, "w").write(template.replace("@NE@", str(ne)).replace("@NI@", str(n - ne)))
    walls = []
    for _ in range(runs):
        subprocess.run([tmp + "/simulate", "run", "-q", "-no-plots", "-threads", threads, "-out", tmp + "/out", path],
                       check=True, stdout=subprocess.DEVNULL)
        s = json.load(open(tmp + "/out/summary.json"))
        walls.append(s["wall_seconds"])
    steps = round(s["simulated_ms"] / s["dt_ms"])
    spikes = sum(p["spikes"] for p in s["populations"])
    wall = statistics.median(walls)
    rows.append((n, s["synapses"], s["bytes_per_synapse"], wall, wall / (n * steps) * 1e9,
                 spikes / n / (s["simulated_ms"] / 1000), s["threads"]))
print("%8s %10s %10s %9s %16s %9s %8s" % ("neurons", "synapses", "B/synapse", "run (s)", "ns/neuron-step", "rate (Hz)", "workers"))
for r in rows:
    print("%8d %10d %10.2f %9.3f %16.3f %9.2f %8d" % r)
per = [r[4] for r in rows]
print("time per neuron-step, largest / smallest: %.3f (flat within 30 %%: %s)" % (
    max(per) / min(per), "yes" if max(per) / min(per) <= 1.3 else "no"))
PY
