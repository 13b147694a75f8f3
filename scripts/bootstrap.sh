#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs what is missing, builds, then
#   run  [SCENARIO]  runs a scenario (default scenarios/quickstart.yaml) and prints its summary
#   test             runs every test through CTest
#   bench [ARGS]     runs the benchmark (bench/run.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config libsimgrid-dev libeigen3-dev libhdf5-dev catch2 libcli11-dev
          libyaml-cpp-dev tzdata python3 python3-h5py python3-numpy python3-xarray python3-h5netcdf
          python3-matplotlib libopenmpi-dev openmpi-bin)

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "bootstrap: installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build -j "$(nproc)"
}

cmd=${1:-run}
shift || true
install_missing
build
case "$cmd" in
  run)
    scenario=${1:-scenarios/quickstart.yaml}
    out=${2:-quickstart.h5}
    build/fleettwin run "$scenario" -o "$out"
    build/fleettwin summary "$out"
    echo "Open it: /usr/bin/python3 analysis/plot_billing.py $out   (writes ${out%.h5}-billing.png)"
    ;;
  test)
    ctest --test-dir build --output-on-failure -j "$(nproc)"
    ;;
  bench)
    bench/run.sh "$@"
    ;;
  *)
    echo "usage: scripts/bootstrap.sh run [SCENARIO [OUT.h5]] | test | bench [ARGS]" >&2
    exit 2
    ;;
esac
