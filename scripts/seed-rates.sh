#!/usr/bin/env bash
# Runs a network example for several seeds and prints, per seed, the mean
# rate over all neurons in a time window (from spikes.csv), then the mean
# and standard deviation over the seeds. The README's network figures come
# from this script.
#
# usage (from the project's root):
#   scripts/seed-rates.sh SCENARIO.toml [FROM_MS] [TO_MS] [SEEDS...] [-- RUN FLAGS...]
# e.g.
#   scripts/seed-rates.sh scenarios/examples/cuba.toml 0 1000 1 2 3 4 5 6 7 8 9 10
#   scripts/seed-rates.sh scenarios/examples/brunel.toml 200 1000 1 2 3 4 5 6
#   scripts/seed-rates.sh scenarios/examples/coba.toml 0 1000 1 2 3 -- \
#     -set 'population.exc.params.t_ref="4.9 ms"' -set 'population.inh.params.t_ref="4.9 ms"'
set -euo pipefail
scenario=${1:?scenario file}; from=${2:-0}; to=${3:-1000}; shift $(( $# < 3 ? $# : 3 ))
seeds=(); flags=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do seeds+=("$1"); shift; done
[ $# -gt 0 ] && shift && flags=("$@")
[ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3 4 5)
bin=$(mktemp -d)/simulate; out=$(mktemp -d)
trap 'rm -rf "$(dirname "$bin")" "$out"' EXIT
go build -o "$bin" ./cmd/simulate
for s in "${seeds[@]}"; do
  "$bin" run -q -no-plots -set simulation.seed="$s" ${flags[@]+"${flags[@]}"} -out "$out/run" "$scenario" >/dev/null
  n=$(awk -F, '/"size"/ {gsub(/[^0-9]/, "", $0); total += $0} END {print total}' "$out/run/summary.json")
  awk -F, -v from="$from" -v to="$to" -v n="$n" -v seed="$s" \
    'NR > 1 && $3 >= from && $3 < to {k++} END {printf "seed %s: %.3f Hz\n", seed, k / n / ((to - from) / 1000)}' "$out/run/spikes.csv"
done | tee "$out/rates"
awk '{x = $3; s += x; ss += x * x; k++} END {m = s / k; printf "mean %.3f Hz, sd %.3f Hz over %d seeds\n", m, sqrt((ss - k * m * m) / (k - 1)), k}' "$out/rates"
