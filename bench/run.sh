#!/usr/bin/env bash
# Benchmark: wall time, events/s, peak RSS and bytes per machine for fleets of N machines over D days.
#   bench/run.sh                 # 10k, 100k, 1M machines x 30 and 365 days
#   bench/run.sh 100000:365      # one point
# Figures come from the run's own /run attributes (fleettwin summary --json). Not a test: nothing is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/fleettwin
[ -x "$bin" ] || { echo "build first: scripts/bootstrap.sh bench" >&2; exit 1; }
points=("$@")
[ ${#points[@]} -gt 0 ] || points=(10000:30 10000:365 100000:30 100000:365 1000000:30 1000000:365)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf "%10s %6s %10s %12s %14s %10s %14s\n" machines days wall_s events "events/s" peak_MiB "bytes/machine"
for p in "${points[@]}"; do
  n=${p%%:*}; days=${p##*:}
  mapfile -t sets < <(bench/fleet-args "$n" "$days")
  "$bin" run bench/fleet.yaml -o "$out/b.h5" --quiet "${sets[@]}"
  /usr/bin/python3 - "$out/b.h5" "$n" "$days" <<'PY'
import sys, h5py
f = h5py.File(sys.argv[1], "r"); r = f["run"].attrs; n = int(sys.argv[2])
print(f"{n:10d} {sys.argv[3]:>6} {r['wall_seconds']:10.2f} {r['events']:12d} {r['events_per_second']:14.3e} "
      f"{r['peak_rss_bytes']/2**20:10.1f} {r['peak_rss_bytes']/n:14.1f}")
PY
  rm -f "$out/b.h5"
done
