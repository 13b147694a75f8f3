#!/usr/bin/env bash
# Benchmark of the sweep machinery (issue 10): 200 runs of the quickstart on this machine's cores.
#   bench/sweep.sh [RUNS]
# Times: the runs one after another from a shell loop (`fleettwin run` alone: the floor), the same runs through
# `fleettwin sweep --jobs 1` (the difference is the machinery's cost per run: validating the points, the manifest,
# two status files and a log per run, the child's start-up and wait), through `--jobs 2`, and the merge. Not a test:
# nothing is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/fleettwin
[ -x "$bin" ] || { echo "build first: scripts/bootstrap.sh bench" >&2; exit 1; }
runs=${1:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/sweep.yaml" <<YAML
base: $PWD/scenarios/quickstart.yaml
parameters: [{name: label, key: description, values: [bench]}]
replicas: $runs
seeds: independent
metrics: [total_cost_usd, unprotected_machine_hours]
series: [hourly_cost_usd]
YAML
now() { date +%s.%N; }
mapfile -t seeds < <("$bin" sweep "$work/sweep.yaml" --list | awk '/^run /{print $9}' | tr -d :)
t0=$(now)
for i in $(seq 0 $((runs - 1))); do
  "$bin" run scenarios/quickstart.yaml -o "$work/loop.h5" --seed "${seeds[$i]}" --quiet --threads 1 \
    --set description=bench
done
t1=$(now)
"$bin" sweep "$work/sweep.yaml" -o "$work/j1" --jobs 1 --quiet >/dev/null
t2=$(now)
"$bin" sweep "$work/sweep.yaml" -o "$work/j2" --jobs 2 --quiet >/dev/null
t3=$(now)
"$bin" merge "$work/j2" -o "$work/merged.h5" >/dev/null
t4=$(now)
"$bin" sweep "$work/sweep.yaml" -o "$work/j2" --jobs 2 --quiet >/dev/null  # nothing left to do
t5=$(now)
python3 - "$runs" "$t0" "$t1" "$t2" "$t3" "$t4" "$t5" <<'PY'
import sys
n = int(sys.argv[1]); t = [float(x) for x in sys.argv[2:]]
loop, j1, j2, merge, rerun = t[1] - t[0], t[2] - t[1], t[3] - t[2], t[4] - t[3], t[5] - t[4]
run = loop / n
print(f"{n} quickstart runs on {__import__('os').cpu_count()} cores")
print(f"  one after another (shell loop): {loop:7.2f} s  {n / loop:6.1f} runs/s  ({run * 1000:.1f} ms a run)")
print(f"  sweep --jobs 1:                 {j1:7.2f} s  {n / j1:6.1f} runs/s  machinery {(j1 - loop) / n * 1000:+.2f} ms a run "
      f"({(j1 - loop) / loop * 100:+.1f} % of a run)")
print(f"  sweep --jobs 2:                 {j2:7.2f} s  {n / j2:6.1f} runs/s  ({loop / j2:.2f}x the loop)")
print(f"  merge (2 metrics, 1 series):    {merge:7.2f} s  ({merge / n * 1000:.2f} ms a run)")
print(f"  rerun with nothing to do:       {rerun:7.2f} s")
PY
