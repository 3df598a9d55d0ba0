#!/usr/bin/env bash
# Times our `simulate run` against Brian2's C++ standalone binary on the same benchmark
# network, whole process against whole process, alternating runs, and prints the
# medians, the ratio ours/Brian2 and the mean rates of both sides.
#
# Adapted from the performance issue's measuring script (shared benchmark kit,
# compare-brian2.sh); same method and defaults, plus: Brian2's and our mean rates,
# THREADS (our -threads, default 1, as Brian2's single thread) and OURS_FLAGS (extra
# flags for simulate run, e.g. -no-plots, to time the run without drawing figures).
#
# usage (from the project's root):
#   bench/compare-brian2.sh cuba   scenarios/examples/cuba.toml   [N] [RUNS]
#   bench/compare-brian2.sh cobahh scenarios/examples/cobahh.toml [N] [RUNS]
#   bench/compare-brian2.sh brunel scenarios/examples/brunel.toml 12500 [RUNS]
#   bench/compare-brian2.sh coba   scenarios/examples/coba.toml   4000 [RUNS]   (bench/brian2_coba.py)
#   bench/compare-brian2.sh coba-shaped bench/coba.toml           4000 [RUNS]   (bench/brian2_coba.py)
#   OURS_FLAGS=-no-plots bench/compare-brian2.sh cuba scenarios/examples/cuba.toml
# N (default 4000) must match the scenario's network size; RUNS defaults to 5.
# Brian2's binaries are built once into $BRIAN2_BENCH_DIR (default /tmp/brian2-bench),
# with Debian's python3-brian (installed on first use).
set -euo pipefail
model=${1:?model: cuba, cobahh, brunel, coba or coba-shaped}; scenario=${2:?scenario file}; n=${3:-4000}; runs=${4:-5}
threads=${THREADS:-1}; flags=${OURS_FLAGS:-}
here=$(cd "$(dirname "$0")" && pwd)
if ! /usr/bin/python3 -c 'import brian2' 2>/dev/null; then
  echo "installing python3-brian (Debian) ..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-brian g++ >/dev/null) >&2
fi
root=${BRIAN2_BENCH_DIR:-/tmp/brian2-bench}
bdir=$root/${model}_${n}
if [ ! -x "$bdir/main" ]; then
  echo "building Brian2 standalone $model N=$n in $bdir ..." >&2
  if [ "$model" = coba ] || [ "$model" = coba-shaped ]; then
    /usr/bin/python3 "$here/brian2_coba.py" "$model" "$n" "$bdir" >&2
  else
    /usr/bin/python3 "$here/brian2_nets.py" "$model" "$n" "$bdir" >&2
  fi
fi
bin=$(mktemp -d)/simulate
go build -o "$bin" ./cmd/simulate
out=$(mktemp -d)
trap 'rm -rf "$out" "$(dirname "$bin")"' EXIT
/usr/bin/python3 - "$bdir" "$bin" "$scenario" "$out" "$runs" "$threads" "$n" "$flags" <<'PY'
import glob, json, statistics, struct, subprocess, sys, time
bdir, bin_, scenario, out, runs, threads, n, flags = sys.argv[1:9]
runs, n = int(runs), int(n)
def timed(cmd, cwd=None):
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t
brian = lambda: timed(["./main"], cwd=bdir)
ours = lambda: timed([bin_, "run", "-threads", threads, *flags.split(), "-out", out + "/run", scenario])
brian(); ours()  # warm-up
b, o = [], []
for _ in range(runs):
    b.append(brian()); o.append(ours())
ratios = sorted(x / y for x, y in zip(o, b))
print("brian2 standalone: median %.3f s  (min %.3f, max %.3f)" % (statistics.median(b), min(b), max(b)))
print("ours, %s thread%s:   median %.3f s  (min %.3f, max %.3f)%s" % (
    threads, "" if threads == "1" else "s", statistics.median(o), min(o), max(o), "  " + flags if flags else ""))
print("ratio ours/brian2: median %.3f  (min %.3f, max %.3f)" % (statistics.median(ratios), ratios[0], ratios[-1]))
# Mean rates: Brian2's spike monitor count (an int32 in results/), ours from summary.json.
count = struct.unpack("<i", open(glob.glob(bdir + "/results/_array_spikemonitor_N_*")[0], "rb").read(4))[0]
s = json.load(open(out + "/run/summary.json"))
spikes = sum(p["spikes"] for p in s["populations"])
neurons = sum(p["size"] for p in s["populations"])
ours_rate = spikes / neurons / (s["simulated_ms"] / 1000)
brian_rate = count / n / 1.0
print("mean rate: brian2 %.2f Hz, ours %.2f Hz (ours/brian2 %.3f); our workers: %d" % (
    brian_rate, ours_rate, ours_rate / brian_rate, s["threads"]))
PY
