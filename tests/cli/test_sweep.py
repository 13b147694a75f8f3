"""Sweeps through the program (issue 10): the folder is the state (rerun runs only what is missing; a killed sweep
or a killed run is completed by the next pass; failed runs are kept apart and retried on request; a changed base
scenario, program or point set is refused; replicas added later keep the earlier runs); the merged file is the same,
byte for byte, whether the runs were made by --jobs 1, --jobs 2 or mpirun -np 3 (test_sweep_slurm.py adds SLURM);
common random numbers lower the variance of paired differences; the Student-t interval covers a known mean about
95 % of the time; bad sweep files are refused before anything runs."""
import glob
import json
import os
import shutil
import signal
import subprocess
import time
import unittest

import h5py
import numpy as np
import xarray as xr

from common import BIN, SRC, TempDir, fleettwin, scenario, write_file

MPI_HELPER = os.path.join(os.path.dirname(BIN), "fleettwin-mpi")

TEACHING = os.path.join(SRC, "scenarios", "sweeps", "teaching.yaml")


def sweep_text(base, replicas=3, extra="", seeds="common", parameters=None):
    parameters = parameters or """  - name: arc_plan
    key: cohorts.paris-dc.plan
    values: [P1, P2]
  - name: sensor_mtbf
    key: defender.agent.time_to_failure
    values: ["{distribution: exponential, mean: 30d}", "{distribution: exponential, mean: 180d}"]
"""
    return f"""base: {base}
parameters:
{parameters}replicas: {replicas}
seeds: {seeds}
metrics: [total_cost_usd, unprotected_machine_hours, peak_heartbeat_issues, hours_to_95_healthy]
series: [hourly_cost_usd, healthy_share]
{extra}"""


def read_text(path):
    with open(path) as f:
        return f.read()


def datasets(path):
    out = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda n, o: out.__setitem__(n, o[()]) if isinstance(o, h5py.Dataset) else None)
    return out


def statuses(d):
    out = {}
    for p in glob.glob(os.path.join(d, "status", "*.json")):
        with open(p) as f:
            try:
                out[os.path.basename(p)[:-5]] = json.load(f)
            except json.JSONDecodeError:  # cannot happen (written through a rename): fail loudly if it does
                raise AssertionError(p + " is half-written")
    return out


class Expansion(unittest.TestCase):
    def test_count_and_list(self):
        p = fleettwin("sweep", TEACHING, "--count")
        self.assertEqual(p.stdout.strip(), "4 points, 3 replicas, 12 runs")
        lines = [l for l in fleettwin("sweep", TEACHING, "--list").stdout.splitlines() if l.startswith("run ")]
        self.assertEqual(len(lines), 12)
        # Index = replica x points + point; common seeds: one seed per replica.
        self.assertTrue(lines[5].startswith("run 5 p00001-r0001 point 1 replica 1 seed "))
        seeds = [l.split(" seed ")[1].split(":")[0] for l in lines]
        self.assertEqual(len(set(seeds)), 3)
        self.assertIn("cohorts.paris-dc.plan=P2 defender.agent.time_to_failure={distribution: exponential, mean: 30d}",
                      lines[2])

    def test_designs_and_constraint(self):
        with TempDir() as d:
            base = scenario("quickstart.yaml")
            grid = write_file(d, "g.yaml", sweep_text(base, 1, parameters="""  - {name: n, key: cohorts.dev-vms.count, range: {from: 100, to: 400, step: 100}}
  - {name: label, key: description, values: [a, b, c, d], with: n}
  - {name: plan, key: cohorts.paris-dc.plan, values: [P1, P2]}
""", extra="constraint: \"n >= 200 and (plan == 'P2' or label == 'd')\"\n"))
            lines = [l for l in fleettwin("sweep", grid, "--list").stdout.splitlines() if l.startswith("run ")]
            # n in 100..400 (4 values, lock-step with label) x plan (2) = 8, the constraint keeps n >= 200 with P2
            # (3), and n = 400 (label d) with P1 (1).
            self.assertEqual(len(lines), 4)
            self.assertTrue(all("description=" + "abcd"[int(l.split("dev-vms.count=")[1].split()[0]) // 100 - 1] in l
                                for l in lines))
            lhs = write_file(d, "l.yaml", sweep_text(base, 1, parameters="""  - {name: p, key: defender.install_failures.python_missing, range: {from: 0.001, to: 0.1, scale: log}}
""", extra="design: {kind: latin-hypercube, samples: 20, seed: 3}\n"))
            lines = [l for l in fleettwin("sweep", lhs, "--list").stdout.splitlines() if l.startswith("run ")]
            values = [float(l.split("python_missing=")[1]) for l in lines]
            self.assertEqual(len(values), 20)
            # One sample in each of the 20 log-strata of [0.001, 0.1].
            self.assertEqual(sorted(int(np.log(v / 0.001) / np.log(100) * 20) for v in values), list(range(20)))


class Reference(unittest.TestCase):
    def test_the_reference_names_every_metric_and_series_of_the_program(self):
        import re
        doc = read_text(os.path.join(SRC, "scenarios", "sweeps", "README.md"))
        names = [l.split()[0] for l in fleettwin("sweep", "--catalogue").stdout.splitlines() if l.startswith("  ")]
        self.assertGreater(len(names), 40)
        for n in names:
            if re.fullmatch(r"(cost_usd|billed_hours)_P[12]_(azure|aws|gcp|onprem)", n):
                continue  # one row names the eight of each
            self.assertIn(f"`{n}`", doc, n)
        layout = read_text(os.path.join(SRC, "docs", "hdf5-layout.md"))
        self.assertIn("## Sweeps", layout)


class LocalPool(unittest.TestCase):
    """One sweep in several folders, made in different ways; their merges compare equal."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = TempDir()
        cls.d = cls.tmp.__enter__()
        cls.sweep = write_file(cls.d, "s.yaml", sweep_text(scenario("quickstart.yaml"), replicas=4))
        cls.ref = os.path.join(cls.d, "ref")
        p = fleettwin("sweep", cls.sweep, "-o", cls.ref, "--jobs", "1", "--quiet")
        assert "total 16, done 16 (16 run now), failed 0, skipped 0" in p.stdout, p.stdout
        cls.ref_h5 = os.path.join(cls.d, "ref.h5")
        fleettwin("merge", cls.ref, "-o", cls.ref_h5)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.__exit__(None, None, None)

    def merged(self, folder):
        out = folder + ".h5"
        fleettwin("merge", folder, "-o", out)
        return out

    def assert_same_merge(self, folder):
        out = self.merged(folder)
        a, b = datasets(self.ref_h5), datasets(out)
        self.assertEqual(sorted(a), sorted(b))
        for k in a:
            np.testing.assert_array_equal(a[k], b[k], err_msg=k)
        with open(self.ref_h5, "rb") as x, open(out, "rb") as y:
            self.assertEqual(x.read(), y.read(), "the merged files differ in bytes")

    def test_jobs_2_gives_the_same_merge(self):
        folder = os.path.join(self.d, "jobs2")
        fleettwin("sweep", self.sweep, "-o", folder, "--jobs", "2", "--quiet")
        self.assert_same_merge(folder)

    @unittest.skipUnless(shutil.which("mpirun"), "OpenMPI's mpirun is not installed (scripts/bootstrap.sh installs it)")
    def test_mpirun_np_3_gives_the_same_merge(self):
        self.assertTrue(os.access(MPI_HELPER, os.X_OK), "fleettwin-mpi was not built although mpirun is here")
        folder = os.path.join(self.d, "mpi")
        env = dict(os.environ)
        # OpenMPI's dlopen'd components leave their allocations to the exit (LeakSanitizer cannot even name them,
        # "<unknown module>"): no leak check in the sanitized build's MPI ranks; their runs are checked elsewhere.
        options = [o for o in env.get("ASAN_OPTIONS", "").split(":") if o and not o.startswith("detect_leaks=")]
        env["ASAN_OPTIONS"] = ":".join(options + ["detect_leaks=0"])
        p = subprocess.run(["mpirun", "-np", "3", "--allow-run-as-root", "--oversubscribe", BIN, "sweep", self.sweep,
                            "-o", folder], capture_output=True, text=True, timeout=300, env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("total 16, done 16 (16 run now), failed 0, skipped 0 on 2 MPI ranks", p.stdout)
        ranks = {l.rsplit(" ", 1)[1] for l in p.stderr.splitlines() if " on rank " in l}
        self.assertEqual(ranks, {"1", "2"})  # both workers took runs
        self.assert_same_merge(folder)

    def test_rerun_runs_nothing_and_replicas_added_keep_the_earlier_runs(self):
        folder = os.path.join(self.d, "grow")
        fleettwin("sweep", self.sweep, "-o", folder, "--quiet")
        before = {p: os.stat(p).st_mtime_ns for p in glob.glob(os.path.join(folder, "runs", "*.h5"))}
        p = fleettwin("sweep", self.sweep, "-o", folder, "--quiet")
        self.assertIn("done 16 (0 run now)", p.stdout)
        more = write_file(self.d, "more.yaml", sweep_text(scenario("quickstart.yaml"), replicas=6))
        p = fleettwin("sweep", more, "-o", folder, "--quiet")
        self.assertIn("total 24, done 24 (8 run now)", p.stdout)
        after = {p: os.stat(p).st_mtime_ns for p in before}
        self.assertEqual(before, after)
        with h5py.File(self.merged(folder)) as f:
            self.assertEqual(f["unprotected_machine_hours"].shape, (4, 6))
            np.testing.assert_array_equal(f["unprotected_machine_hours"][:, :4],
                                          h5py.File(self.ref_h5)["unprotected_machine_hours"][()])

    def wait_for_done(self, folder, n, proc):
        for _ in range(600):
            if sum(s["state"] == "done" for s in statuses(folder).values()) >= n or proc.poll() is not None:
                return
            time.sleep(0.01)

    def test_a_killed_sweep_is_completed_by_the_next_pass(self):
        folder = os.path.join(self.d, "killed")
        proc = subprocess.Popen([BIN, "sweep", self.sweep, "-o", folder, "--jobs", "2", "--quiet"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.wait_for_done(folder, 3, proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        done = sum(s["state"] == "done" for s in statuses(folder).values())
        self.assertLess(done, 16, "the sweep finished before it could be killed")
        time.sleep(0.2)  # its children die with it (PR_SET_PDEATHSIG)
        self.assertEqual(subprocess.run(["pgrep", "-f", folder + "/runs/"], capture_output=True).stdout, b"")
        p = fleettwin("sweep", self.sweep, "-o", folder, "--quiet")
        self.assertIn(f"done 16 ({16 - done} run now)", p.stdout)
        self.assertEqual(glob.glob(os.path.join(folder, "runs", "*.partial")), [])
        self.assert_same_merge(folder)

    def test_a_killed_run_is_redone_by_the_next_pass(self):
        folder = os.path.join(self.d, "killed-run")
        proc = subprocess.Popen([BIN, "sweep", self.sweep, "-o", folder, "--jobs", "1", "--quiet"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        victim = None
        for _ in range(2000):
            running = [s for s in statuses(folder).values() if s["state"] == "running" and s["pid"]]
            if running:
                victim = running[0]
                try:
                    os.kill(victim["pid"], signal.SIGKILL)
                    break
                except ProcessLookupError:
                    victim = None
            time.sleep(0.001)
        out, _ = proc.communicate(timeout=120)
        self.assertIsNotNone(victim, "no run was seen running")
        s = statuses(folder)[victim["run"]]
        if s["state"] == "missing":  # killed in time (not already finished)
            self.assertIn("interrupted by signal 9", s["error"])
            self.assertEqual(proc.returncode, 1)
            self.assertIn("interrupted 1", out)
        p = fleettwin("sweep", self.sweep, "-o", folder, "--quiet")
        self.assertIn("done 16", p.stdout)
        self.assert_same_merge(folder)

    def test_xarray_opens_the_merge_with_its_coordinates(self):
        ds = xr.open_dataset(self.ref_h5, engine="h5netcdf")
        self.assertEqual(dict(ds.sizes)["point"], 4)
        self.assertEqual(dict(ds.sizes)["replica"], 4)
        self.assertIn("arc_plan", ds.coords)
        self.assertEqual(list(ds["arc_plan"].values), ["P1", "P1", "P2", "P2"])
        m = ds["unprotected_machine_hours"]
        self.assertEqual(m.dims, ("point", "replica"))
        np.testing.assert_allclose(ds["unprotected_machine_hours_mean"], m.mean("replica"), rtol=1e-12)
        np.testing.assert_allclose(ds["unprotected_machine_hours_std"], m.std("replica", ddof=1), rtol=1e-12)
        half = 3.182446305284263 * m.std("replica", ddof=1) / 2  # t(0.975, 3) x s / sqrt(4)
        np.testing.assert_allclose(ds["unprotected_machine_hours_ci_high"] - ds["unprotected_machine_hours_mean"],
                                   half, rtol=1e-9)
        self.assertEqual(ds["hourly_cost_usd"].dims, ("point", "replica", "hourly_cost_usd_time"))
        self.assertEqual(ds.sizes["hourly_cost_usd_time"], 720)
        self.assertEqual(ds["total_cost_usd"].attrs["units"], "USD")
        # The hourly series adds up to the metric.
        np.testing.assert_allclose(ds["hourly_cost_usd"].sum("hourly_cost_usd_time"), ds["total_cost_usd"], rtol=1e-9)
        self.assertEqual(ds.attrs["runs_missing"], 0)

    def test_plot_script_draws_a_metric_against_an_axis(self):
        png = os.path.join(self.d, "plot.png")
        p = subprocess.run(["/usr/bin/python3", os.path.join(SRC, "analysis", "plot_sweep.py"), self.ref_h5,
                            "unprotected_machine_hours", "--x", "sensor_mtbf", "--line", "arc_plan", "-o", png],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertGreater(os.path.getsize(png), 5000)


class FolderRules(unittest.TestCase):
    def test_changed_base_and_changed_points_are_refused(self):
        with TempDir() as d:
            base = write_file(d, "base.yaml", read_text(scenario("quickstart.yaml")))
            s = write_file(d, "s.yaml", sweep_text(base, replicas=1))
            folder = os.path.join(d, "out")
            fleettwin("sweep", s, "-o", folder, "--quiet")
            with open(base, "a") as f:
                f.write("# edited\n")
            p = fleettwin("sweep", s, "-o", folder, check=False)
            self.assertEqual(p.returncode, 2)
            self.assertIn("changed since these runs were made", p.stderr)
            p = fleettwin("sweep-task", folder, "--index", "0", check=False)  # what a queued SLURM task would do
            self.assertEqual(p.returncode, 2)
            self.assertIn("changed since the sweep was prepared", p.stderr)
            with open(base, "w") as f:
                f.write(read_text(scenario("quickstart.yaml")))
            s2 = write_file(d, "s2.yaml", sweep_text(base, replicas=1).replace("[P1, P2]", "[P1, P2, 'off']"))
            p = fleettwin("sweep", s2, "-o", folder, check=False)
            self.assertEqual(p.returncode, 2)
            self.assertIn("was made for other points or seeds", p.stderr)
            p = fleettwin("sweep", s, "-o", folder, "--quiet")  # the original base again: accepted, nothing to do
            self.assertIn("(0 run now)", p.stdout)
            p = fleettwin("sweep", s, "-o", d, check=False)  # a folder that is not a sweep's
            self.assertEqual(p.returncode, 2)
            self.assertIn("not a sweep's", p.stderr)

    def test_failed_runs_are_recorded_skipped_and_retried_on_request(self):
        with TempDir() as d:
            s = write_file(d, "s.yaml", sweep_text(scenario("quickstart.yaml"), replicas=1))
            folder = os.path.join(d, "out")
            fleettwin("sweep", s, "-o", folder, "--slurm", "--dry-run")  # makes the folder, runs nothing
            # Two runs cannot write their output (a folder stands where the file goes): they fail, the others run.
            for name in ("p00001-r0000", "p00003-r0000"):
                os.mkdir(os.path.join(folder, "runs", name + ".h5"))
            p = fleettwin("sweep", s, "-o", folder, check=False)
            self.assertEqual(p.returncode, 1)
            self.assertIn("total 4, done 2 (2 run now), failed 2, skipped 0", p.stdout)
            st = statuses(folder)
            self.assertEqual(st["p00001-r0000"]["state"], "failed")
            self.assertEqual(st["p00001-r0000"]["exit"], 2)
            self.assertIn("is a directory", st["p00001-r0000"]["error"])
            p = fleettwin("sweep", s, "-o", folder, check=False)
            self.assertEqual(p.returncode, 1)
            self.assertIn("done 2 (0 run now), failed 0, skipped 2", p.stdout)
            p = fleettwin("sweep", s, "-o", folder, "--retry-failed", check=False)
            self.assertIn("done 2 (0 run now), failed 2, skipped 0", p.stdout)
            os.rmdir(os.path.join(folder, "runs", "p00003-r0000.h5"))
            p = fleettwin("sweep", s, "-o", folder, "--retry-failed", check=False)
            self.assertIn("done 3 (1 run now), failed 1, skipped 0", p.stdout)
            out = os.path.join(d, "m.h5")
            p = fleettwin("merge", folder, "-o", out)
            self.assertIn("merged 3 of 4 runs", p.stdout)
            with h5py.File(out) as f:
                self.assertEqual(f.attrs["runs_missing"], 1)
                self.assertTrue(np.isnan(f["total_cost_usd"][1]).all())
                np.testing.assert_array_equal(f["done"][()], [[1], [0], [1], [1]])
                self.assertEqual(f["total_cost_usd_n"][1], 0)
                self.assertTrue(np.isnan(f["total_cost_usd_mean"][1]))

    def test_sweep_task_runs_one_run(self):
        with TempDir() as d:
            s = write_file(d, "s.yaml", sweep_text(scenario("quickstart.yaml"), replicas=1))
            folder = os.path.join(d, "out")
            fleettwin("sweep", s, "-o", folder, "--slurm", "--dry-run")
            self.assertEqual(len(glob.glob(os.path.join(folder, "slurm", "*.sh"))), 1)
            tasks = read_text(glob.glob(os.path.join(folder, "slurm", "*.tasks"))[0]).split()
            self.assertEqual(sorted(tasks, key=int), ["0", "1", "2", "3"])
            p = fleettwin("sweep-task", folder, "--index", "2")
            self.assertIn("p00002-r0000: done", p.stderr)
            self.assertEqual(statuses(folder)["p00002-r0000"]["state"], "done")
            p = fleettwin("sweep-task", folder, "--index", "9", check=False)
            self.assertEqual(p.returncode, 2)
            self.assertIn("runs 0 to 3", p.stderr)
            # The dry run splits arrays over the limit.
            fleettwin("sweep", s, "-o", folder, "--slurm", "--dry-run", "--max-array", "2")
            self.assertEqual(len(glob.glob(os.path.join(folder, "slurm", "s1-a*.sh"))), 2)  # 3 runs left, 2 + 1


BAD = {
    # name: (text replacing the parameters / extra lines, expected message parts)
    "unknown key": ("  - {name: x, key: cohorts.dev-vms.colour, values: [red]}\n", "",
                    ["s.yaml:3:5: parameters[0]: point 0 is not a valid scenario", "colour"]),
    "empty values": ("  - {name: x, key: cohorts.dev-vms.count, values: []}\n", "",
                     ["s.yaml:3:51: parameters[0].values: the value list is empty"]),
    "bad value": ("  - {name: x, key: cohorts.dev-vms.count, values: [10, -5]}\n", "",
                  ["point 1 is not a valid scenario", "count"]),
    "constraint axis": (None, "constraint: \"plna == 'P2'\"\n",
                        ["constraint: column 1: 'plna' is not an axis (the axes: arc_plan, sensor_mtbf)"]),
    "constraint empty": (None, "constraint: \"arc_plan == 'P3'\"\n",
                         ["constraint: the constraint excludes every one of the 4 points"]),
    "unknown metric": (None, "", ["metrics[0]: unknown metric 'cost'"]),
    "lhs without samples": (None, "design: latin-hypercube\n", ["design: latin-hypercube needs a sample count"]),
    "range without count": ("  - {name: x, key: cohorts.dev-vms.count, range: {from: 1, to: 5}}\n", "",
                            ["parameters[0].range: a range needs count"]),
    "unknown top key": (None, "replica: 3\n", ["unknown key 'replica'"]),
    "integer not a boolean": ("  - {name: x, key: cohorts.dev-vms.count, range: {from: 1, to: 5, count: 3, integer: yes}}\n",
                              "", ["parameters[0].range.integer: unknown value 'yes' (expected one of: false, true)"]),
    "duplicate axis": ("  - {name: x, key: cohorts.dev-vms.count, values: [1]}\n"
                       "  - {name: x, key: cohorts.prod-vms.count, values: [1]}\n", "",
                       ["parameters[1]: two axes are named 'x'"]),
}


class BadSweepFiles(unittest.TestCase):
    def check(self, text, parts):
        with TempDir() as d:
            s = write_file(d, "s.yaml", text)
            folder = os.path.join(d, "out")
            p = fleettwin("sweep", s, "-o", folder, check=False)
            self.assertEqual(p.returncode, 2, p.stdout + p.stderr)
            for part in parts:
                self.assertIn(part, p.stderr)
            self.assertFalse(os.path.exists(folder), "a folder was made for a bad sweep file")

    def test_each_bad_file_is_refused_before_anything_runs(self):
        base = scenario("quickstart.yaml")
        for name, (params, extra, parts) in BAD.items():
            with self.subTest(name):
                text = sweep_text(base, 2, extra=extra, parameters=params)
                if name == "unknown metric":
                    text = text.replace("metrics: [total_cost_usd,", "metrics: [cost, total_cost_usd,")
                self.check(text, parts)

    def test_replicas_zero_and_a_missing_base(self):
        self.check(sweep_text(scenario("quickstart.yaml"), 0), ["s.yaml:9:11: replicas:"])
        self.check(sweep_text("/nonexistent/base.yaml", 1), ["s.yaml:1:7: base: the base scenario:", "no such file"])


COVERAGE = """name: coverage
start: 2026-01-05T00:00:00Z
duration: 1d
tenants: [{id: t, geo: EU}]
subscriptions: [{id: s, plan: P2}]
defender:
  install_failures: {python_missing: 0.1, fanotify: 0, generalized_image: 0, transient: 0}
  agent: {time_to_failure: {distribution: fixed, value: 3650d}, misconfigured: 0}
cohorts:
  - {name: vms, count: 200, environment: azure, region: westeurope, subscription: s, os: {ubuntu-22.04: 1.0}}
"""


@unittest.skipIf(os.environ.get("FLEETTWIN_SANITIZED") == "1",
                 "statistical (1,000 small runs): the Release suite runs it; under the sanitizers it checks no more "
                 "memory than the other tests and takes minutes")
class Statistics(unittest.TestCase):
    def test_the_interval_covers_a_known_mean_about_95_percent_of_the_time(self):
        # Each of 200 machines lacks Python with probability 0.1 and stays with an installation issue: the metric
        # is Binomial(200, 0.1), mean 20. 100 identical points of 10 independent replicas: 100 intervals.
        with TempDir() as d:
            base = write_file(d, "cov.yaml", COVERAGE)
            s = write_file(d, "s.yaml", f"""base: {base}
parameters:
  - {{name: trial, key: description, range: {{from: 1, to: 100, count: 100}}}}
replicas: 10
seeds: independent
metrics: [unhealthy_end]
""")
            folder = os.path.join(d, "out")
            fleettwin("sweep", s, "-o", folder, "--quiet")
            out = os.path.join(d, "m.h5")
            fleettwin("merge", folder, "-o", out)
            with h5py.File(out) as f:
                values = f["unhealthy_end"][()]
                low, high = f["unhealthy_end_ci_low"][()], f["unhealthy_end_ci_high"][()]
        self.assertAlmostEqual(values.mean(), 20, delta=4 * np.sqrt(200 * 0.1 * 0.9 / 1000))
        self.assertAlmostEqual(values.var(ddof=1), 18, delta=3)  # the binomial's variance, n p (1 - p)
        covered = ((low <= 20) & (high >= 20)).mean()
        # 100 intervals: the share's standard deviation is 0.022; the t interval of a binomial at n = 10 is close
        # to its nominal level.
        self.assertGreaterEqual(covered, 0.88)
        self.assertLessEqual(covered, 1.0)

    def test_common_random_numbers_lower_the_variance_of_paired_differences(self):
        # Two neighbouring points (a sensor's mean time to failure of 60 and 66 days): with common seeds replica r
        # of both sees the same random numbers, so their difference varies far less than with independent seeds.
        with TempDir() as d:
            var = {}
            for seeds in ("common", "independent"):
                s = write_file(d, f"{seeds}.yaml", sweep_text(scenario("quickstart.yaml"), 12, seeds=seeds,
                                                                parameters="""  - name: mtbf
    key: defender.agent.time_to_failure
    values: ["{distribution: exponential, mean: 60d}", "{distribution: exponential, mean: 66d}"]
"""))
                folder = os.path.join(d, seeds)
                fleettwin("sweep", s, "-o", folder, "--quiet")
                fleettwin("merge", folder, "-o", folder + ".h5")
                with h5py.File(folder + ".h5") as f:
                    m = f["unprotected_machine_hours"][()]
                var[seeds] = np.var(m[1] - m[0], ddof=1)
        self.assertLess(var["common"], 0.5 * var["independent"], var)


if __name__ == "__main__":
    unittest.main()
