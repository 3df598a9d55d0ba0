#!/usr/bin/env bash
# Times `simulate run` built from an earlier revision against the working tree on one
# scenario, one thread and all cores, whole process against whole process, alternating
# the four runs, and prints medians and each build's speedup (one thread over all cores).
#
# usage (from the project's root):
#   bench/ab.sh REV scenarios/examples/cobahh.toml [RUNS]
#   OURS_FLAGS=-no-plots bench/ab.sh REV scenarios/examples/cobahh.toml
# RUNS defaults to 7.
set -euo pipefail
rev=${1:?revision to compare with}; scenario=${2:?scenario file}; runs=${3:-7}; flags=${OURS_FLAGS:-}
tmp=$(mktemp -d)
trap 'git worktree remove --force "$tmp/tree" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git worktree add -q --detach "$tmp/tree" "$rev"
(cd "$tmp/tree" && go build -o "$tmp/before" ./cmd/simulate)
go build -o "$tmp/after" ./cmd/simulate
/usr/bin/python3 - "$tmp" "$scenario" "$runs" "$flags" "$rev" <<'PY'
import statistics, subprocess, sys, time
tmp, scenario, runs, flags, rev = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
def timed(build, threads):
    t = time.perf_counter()
    subprocess.run([tmp + "/" + build, "run", "-threads", str(threads), *flags.split(), "-out",
                    "%s/out_%s_%d" % (tmp, build, threads), scenario],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t
keys = [(b, th) for b in ("before", "after") for th in (1, 0)]
for k in keys:
    timed(*k)  # warm-up
res = {k: [] for k in keys}
for _ in range(runs):
    for k in keys:
        res[k].append(timed(*k))
print("%s vs working tree, %s %s, %d runs each" % (rev, scenario, flags, runs))
for (b, th), v in res.items():
    print("%-6s %-9s median %.3f s  (min %.3f, max %.3f)" % (b, "1 thread" if th == 1 else "all cores", statistics.median(v), min(v), max(v)))
for b in ("before", "after"):
    sp = sorted(x / y for x, y in zip(res[(b, 1)], res[(b, 0)]))
    print("%-6s speedup 1 thread / all cores: median %.3f  (min %.3f, max %.3f)" % (b, statistics.median(sp), sp[0], sp[-1]))
PY
