"""A sweep as SLURM job arrays on a real single-node cluster (issue 10): tests/support/slurm_cluster.sh starts
munged, slurmctld and slurmd from Debian's slurm-wlm with all their state in a temporary folder; the sweep is
submitted in three arrays (--max-array 6 over 16 runs), every array task runs `fleettwin sweep-task`, and the
merge is byte-identical to the local pool's. The daemons are stopped by their pids at the end."""
import glob
import json
import os
import shutil
import subprocess
import time
import unittest

from common import BIN, SRC, TempDir, fleettwin, scenario, write_file  # noqa: F401
from test_sweep import sweep_text

CLUSTER = os.path.join(SRC, "tests", "support", "slurm_cluster.sh")


@unittest.skipUnless(shutil.which("slurmctld") and shutil.which("munged") and os.geteuid() == 0,
                     "needs root and Debian's slurm-wlm and munge (scripts/bootstrap.sh installs them)")
class SlurmArrays(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = TempDir()
        cls.d = cls.tmp.__enter__()
        cls.state = os.path.join(cls.d, "slurm-state")
        # Cleanups run last first: the daemons stop (by their pid files), then their folder goes.
        cls.addClassCleanup(lambda: cls.tmp.__exit__(None, None, None))
        cls.addClassCleanup(lambda: subprocess.run([CLUSTER, "stop", cls.state], check=False))
        p = subprocess.run([CLUSTER, "start", cls.state], capture_output=True, text=True, timeout=120)
        if p.returncode != 0:
            raise AssertionError("the SLURM cluster did not start:\n" + p.stdout + p.stderr)
        cls.env = dict(os.environ, SLURM_CONF=os.path.join(cls.state, "slurm.conf"))

    def test_job_arrays_give_the_local_pools_merge(self):
        s = write_file(self.d, "s.yaml", sweep_text(scenario("quickstart.yaml"), replicas=4))
        local = os.path.join(self.d, "local")
        fleettwin("sweep", s, "-o", local, "--jobs", "2", "--quiet")
        fleettwin("merge", local, "-o", local + ".h5")
        folder = os.path.join(self.d, "slurm")
        p = subprocess.run([BIN, "sweep", s, "-o", folder, "--slurm", "--max-array", "6", "--time", "00:10:00"],
                           capture_output=True, text=True, env=self.env, timeout=120)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertEqual(p.stdout.count("submitted s0-a"), 3, p.stdout)  # 16 runs: 6 + 6 + 4
        with open(os.path.join(folder, "slurm", "s0-a2.sh")) as f:
            self.assertIn("#SBATCH --array=0-3", f.read())
        deadline = time.time() + 300
        while time.time() < deadline:
            states = []
            for path in glob.glob(os.path.join(folder, "status", "*.json")):
                with open(path) as f:
                    states.append(json.load(f)["state"])
            if states.count("done") == 16:
                break
            time.sleep(0.5)
        else:
            squeue = subprocess.run(["squeue"], capture_output=True, text=True, env=self.env).stdout
            self.fail(f"the arrays did not finish in 300 s: {states.count('done')} done\n{squeue}")
        fleettwin("merge", folder, "-o", folder + ".h5")
        with open(local + ".h5", "rb") as a, open(folder + ".h5", "rb") as b:
            self.assertEqual(a.read(), b.read(), "the SLURM sweep's merge differs from the local pool's")
        # Every task's own output names its run.
        outs = glob.glob(os.path.join(folder, "slurm", "s0-a*-*.out"))
        self.assertEqual(len(outs), 16)
        # A second submission finds nothing to do.
        p = subprocess.run([BIN, "sweep", s, "-o", folder, "--slurm"], capture_output=True, text=True, env=self.env)
        self.assertIn("submitted 0 runs in 0 array(s)", p.stdout)

    def test_a_failed_submission_is_reported(self):
        s = write_file(self.d, "s1.yaml", sweep_text(scenario("quickstart.yaml"), replicas=1))
        p = subprocess.run([BIN, "sweep", s, "-o", os.path.join(self.d, "bad"), "--slurm", "--partition", "nope"],
                           capture_output=True, text=True, env=self.env, timeout=120)
        self.assertEqual(p.returncode, 2)
        self.assertIn("sbatch", p.stderr)
        self.assertIn("failed (attempt 1)", p.stderr)  # retried before giving up
        self.assertIn("nope", p.stderr.lower())


if __name__ == "__main__":
    unittest.main()
