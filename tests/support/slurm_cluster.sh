#!/usr/bin/env bash
# A real single-node SLURM cluster for the tests (issue 10), from Debian's slurm-wlm and munge, with all its state
# in one folder and non-default ports, so it disturbs nothing on the machine:
#   tests/support/slurm_cluster.sh start DIR   # munged, slurmctld, slurmd; waits until the node is idle
#   tests/support/slurm_cluster.sh stop DIR    # stops the daemons by their pid files
# Commands then need SLURM_CONF=DIR/slurm.conf in their environment. Needs root (slurmd runs jobs as their user).
set -euo pipefail
cmd=${1:?start or stop}
dir=$(realpath -m "${2:?state folder}")

stop() {
  for p in slurmd slurmctld munged; do
    if [ -f "$dir/$p.pid" ]; then
      pid=$(cat "$dir/$p.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$dir/$p.pid"
    fi
  done
}

if [ "$cmd" = stop ]; then
  stop
  exit 0
fi
[ "$cmd" = start ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
for b in munged mungekey slurmctld slurmd sinfo; do
  command -v "$b" >/dev/null || { echo "slurm_cluster: $b not found (apt-get install slurm-wlm munge)" >&2; exit 3; }
done
mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
chmod 700 "$dir/munge"
host=$(hostname -s)
cpus=$(nproc)
# Ports chosen from the folder's name, away from SLURM's defaults (6817/6818).
base=$((20000 + $(cksum <<<"$dir" | cut -d' ' -f1) % 20000))
mungekey --create --keyfile="$dir/munge/munge.key" --force 2>/dev/null ||
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$dir/munge/munge.key"
munged --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" --pid-file="$dir/munged.pid" \
  --log-file="$dir/munged.log" --seed-file="$dir/munge/munge.seed" --force
cat >"$dir/slurm.conf" <<EOF
ClusterName=fleettwin-test
SlurmctldHost=$host
SlurmctldPort=$base
SlurmdPort=$((base + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
MpiDefault=none
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
MaxArraySize=1001
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=fleettwin Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$dir/slurm.conf"
slurmctld -i -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 300); do
  if sinfo -h -o '%t' 2>/dev/null | grep -qE '^idle'; then
    echo "slurm_cluster: up (SLURM_CONF=$SLURM_CONF, node $host, $cpus CPUs, ports $base-$((base + 1)))"
    exit 0
  fi
  sleep 0.1
done
echo "slurm_cluster: the node did not become idle in 30 s; logs in $dir" >&2
sinfo >&2 || true
tail -5 "$dir"/*.log >&2 || true
stop
exit 1
