#!/usr/bin/env bash
# Benchmark: wall time, events/s, peak RSS and bytes per machine for fleets of N machines over D days.
#   bench/run.sh                       # 10k, 100k, 1M machines x 30 and 365 days, on 1 and on 2 threads
#   bench/run.sh 100000:365            # one point, on every processor (the program's default)
#   bench/run.sh 1000000:365:1 1000000:365:2
#   bench/run.sh 1000000:365:2:threats       # the same fleet with threats on at their defaults (issue 8)
#   bench/run.sh 1000000:365:2:vulns         # vulnerability management on (issue 9); threats,vulns for both
#   bench/run.sh 1000000:365:2:all           # every model on at its defaults (issue 11): threats and vulns
# Figures come from the run's own /run attributes (memory by structure: the memory_*_bytes high-water marks, per machine). Not a test: nothing is asserted. The fleet is bench/fleet.yaml
# scaled by bench/fleet-args.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${FLEETTWIN_BIN:-build/fleettwin}  # FLEETTWIN_BIN: another build, to compare two binaries alternating
[ -x "$bin" ] || { echo "build first: scripts/bootstrap.sh bench" >&2; exit 1; }
points=("$@")
if [ ${#points[@]} -eq 0 ]; then
  for p in 10000:30 10000:365 100000:30 100000:365 1000000:30 1000000:365; do points+=("$p:1" "$p:2"); done
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf "%10s %6s %7s %7s %6s %5s %9s %12s %11s %9s %13s %9s | %s\n" machines days threads threats vulns sites wall_s \
  events "events/s" peak_MiB "bytes/machine" alerts "B/machine by structure: store calendar health threats vulns output"
for p in "${points[@]}"; do
  IFS=: read -r n days threads threats <<<"$p"
  mapfile -t sets < <(bench/fleet-args "$n" "$days")
  cfg=()
  [ -n "${threads:-}" ] && cfg=(--threads "$threads")
  case ",${threats:-}," in *,threats,* | *,all,*) cfg+=(--set threats.enabled=true) ;; esac
  case ",${threats:-}," in *,vulns,* | *,all,*) cfg+=(--set vulnerabilities.enabled=true) ;; esac
  "$bin" run bench/fleet.yaml -o "$out/b.h5" --quiet "${sets[@]}" "${cfg[@]}"
  /usr/bin/python3 - "$out/b.h5" "$n" "$days" <<'PY'
import sys, h5py
f = h5py.File(sys.argv[1], "r"); r = f["run"].attrs; n = int(sys.argv[2])
on = int(f["threats"].attrs["enabled"])
vulns = int(f["vulnerabilities"].attrs["enabled"])
print(f"{n:10d} {sys.argv[3]:>6} {r['threads']:7d} {('on' if on else 'off'):>7} {('on' if vulns else 'off'):>6} "
      f"{r['sites']:5d} {r['wall_seconds']:9.2f} "
      f"{r['events']:12d} {r['events_per_second']:11.3e} {r['peak_rss_bytes']/2**20:9.1f} "
      f"{r['peak_rss_bytes']/n:13.1f} {len(f['alerts/time']):9d} | " +
      " ".join(f"{r['memory_' + k + '_bytes'] / n:.1f}"
               for k in ("fleet_store", "calendar", "health", "threats", "vulnerabilities", "output")))
PY
  rm -f "$out/b.h5"
done
