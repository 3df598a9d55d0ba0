#!/usr/bin/env bash
# Times our `simulate run` on one thread against all cores (-threads 0), whole process
# against whole process, alternating runs, and prints the medians and the speedup
# (one thread over all cores), with the workers the run used (summary.json "threads":
# a network too small to be worth a second worker runs on one).
#
# usage (from the project's root):
#   bench/threads.sh scenarios/examples/cobahh.toml [RUNS]
#   OURS_FLAGS=-no-plots bench/threads.sh scenarios/examples/cobahh.toml
# RUNS defaults to 5.
set -euo pipefail
scenario=${1:?scenario file}; runs=${2:-5}; flags=${OURS_FLAGS:-}
bin=$(mktemp -d)/simulate
go build -o "$bin" ./cmd/simulate
out=$(mktemp -d)
trap 'rm -rf "$out" "$(dirname "$bin")"' EXIT
/usr/bin/python3 - "$bin" "$scenario" "$out" "$runs" "$flags" <<'PY'
import json, os, statistics, subprocess, sys, time
bin_, scenario, out, runs, flags = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
def ours(threads):
    t = time.perf_counter()
    subprocess.run([bin_, "run", "-threads", str(threads), *flags.split(), "-out", out + "/t%d" % threads, scenario],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t
ours(1); ours(0)  # warm-up
one, all_ = [], []
for _ in range(runs):
    one.append(ours(1)); all_.append(ours(0))
workers = json.load(open(out + "/t0/summary.json"))["threads"]
speedups = sorted(x / y for x, y in zip(one, all_))
print("cores: %d%s" % (os.cpu_count(), "  " + flags if flags else ""))
print("1 thread:  median %.3f s  (min %.3f, max %.3f)" % (statistics.median(one), min(one), max(one)))
print("all cores: median %.3f s  (min %.3f, max %.3f)  on %d worker%s" % (
    statistics.median(all_), min(all_), max(all_), workers, "" if workers == 1 else "s"))
print("speedup 1 thread / all cores: median %.3f  (min %.3f, max %.3f)" % (
    statistics.median(speedups), speedups[0], speedups[-1]))
PY
