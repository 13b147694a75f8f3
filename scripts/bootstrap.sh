#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs what is missing, builds, then
#   run  [SCENARIO [OUT.h5]]  runs a scenario (default scenarios/quickstart.yaml) and prints its summary
#   test                      the whole suite three ways: a Release build through CTest; a Debug build with
#                             AddressSanitizer and UndefinedBehaviorSanitizer through CTest; and the libFuzzer
#                             targets (clang) for FUZZ_SECONDS each (default 60) on their checked-in corpus
#   bench [ARGS]              runs the benchmark (bench/run.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config binutils libsimgrid-dev libeigen3-dev libhdf5-dev zlib1g-dev catch2
          libcli11-dev libyaml-cpp-dev libhowardhinnant-date-dev nlohmann-json3-dev tzdata python3 python3-h5py
          python3-numpy python3-xarray python3-h5netcdf python3-matplotlib libopenmpi-dev openmpi-bin)
# The sweep tests start a real single-node SLURM cluster (tests/support/slurm_cluster.sh).
test_packages=(clang libclang-rt-14-dev slurm-wlm munge)

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "bootstrap: installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  # Packages with daemons (munge, slurm) must not start them: the tests start their own, with their own state.
  local guard=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
    $sudo chmod +x /usr/sbin/policy-rc.d
    guard=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ -z "$guard" ] || $sudo rm -f /usr/sbin/policy-rc.d
}

jobs=$(nproc)

build() {  # build DIR [cmake options...]
  local dir=$1
  shift
  cmake -S . -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

release() { build build -DCMAKE_BUILD_TYPE=Release; }

sanitized_suite() {
  build build-asan -DCMAKE_BUILD_TYPE=Debug -DFLEETTWIN_SANITIZE=ON
  # Leaks are checked (LeakSanitizer); tests/sanitizers/lsan.supp may hold SimGrid's own, never fleettwin's.
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1:suppressions=$PWD/tests/sanitizers/asan.supp" \
    LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    ctest --test-dir build-asan --output-on-failure -j "$jobs"
}

fuzz() {
  build build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFLEETTWIN_FUZZ=ON -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
  local seconds=${FUZZ_SECONDS:-60} work
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  for target in scenario readers; do
    mkdir -p "$work/$target"
    echo "bootstrap: fuzz_${target} for ${seconds} s" >&2
    # New inputs go to the temporary folder (first), the checked-in corpus is only read.
    "build-fuzz/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 \
      -artifact_prefix="$work/" -print_final_stats=1 "$work/$target" "tests/fuzz/corpus/$target" 2>"$work/$target.log" ||
      { tail -60 "$work/$target.log" >&2; echo "bootstrap: the $target fuzzer found a problem" >&2; return 1; }
    grep -E "stat::number_of_executed_units|Done" "$work/$target.log" >&2 || true
  done
}

cmd=${1:-run}
shift || true
case "$cmd" in
  run)
    install_missing "${packages[@]}"
    release
    scenario=${1:-scenarios/quickstart.yaml}
    out=${2:-quickstart.h5}
    build/fleettwin run "$scenario" -o "$out"
    build/fleettwin summary "$out"
    echo "Open it: /usr/bin/python3 analysis/plot_billing.py $out   (writes ${out%.h5}-billing.png)"
    ;;
  test)
    install_missing "${packages[@]}" "${test_packages[@]}"
    release
    ctest --test-dir build --output-on-failure -j "$jobs"
    sanitized_suite
    fuzz
    ;;
  bench)
    install_missing "${packages[@]}"
    release
    bench/run.sh "$@"
    ;;
  *)
    echo "usage: scripts/bootstrap.sh run [SCENARIO [OUT.h5]] | test | bench [ARGS]" >&2
    exit 2
    ;;
esac
