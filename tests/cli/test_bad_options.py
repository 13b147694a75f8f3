"""The corpus of bad command lines: usage errors, bad values, SimGrid options SimGrid itself would abort on, and
output paths that cannot be written. Each stops with exit status 2 and a message, before anything is simulated,
leaving no file behind."""
import os
import stat
import unittest

from badinput import BASE, CRASH_SIGNS, assert_clean_failure
from common import SRC, TempDir, fleettwin, scenario, write_file

QUICK = scenario("quickstart.yaml")


def run_args(out):
    return ["run", QUICK, "-o", out, "--quiet"]


# (arguments after the program name; OUT = the output path in a fresh folder) -> expected texts
USAGE = {
    "no subcommand": ([], ["A subcommand is required", "usage: fleettwin run"]),
    "an unknown subcommand": (["frobnicate"], ["frobnicate", "usage: fleettwin run"]),
    "run without a scenario": (["run", "-o", "OUT"], ["scenario is required", "usage:"]),
    "run without -o": (["run", QUICK], ["--output is required", "usage:"]),
    "an unknown option": (["run", QUICK, "-o", "OUT", "--colour", "blue"], ["--colour", "usage:"]),
    "a seed of -1": (["run", QUICK, "-o", "OUT", "--seed", "-1"], ["--seed: '-1' is not a whole number from 0 to 2^64-1"]),
    "a seed of abc": (["run", QUICK, "-o", "OUT", "--seed", "abc"], ["--seed: 'abc' is not a whole number"]),
    "a seed beyond 64 bits": (["run", QUICK, "-o", "OUT", "--seed", "18446744073709551616"], ["--seed: '18446744073709551616'"]),
    "a seed with a sign": (["run", QUICK, "-o", "OUT", "--seed", "+5"], ["--seed: '+5'"]),
    "a format that does not exist": (["query", "OUT", "--format", "xml"], ["--format", "xml", "usage:"]),
    "a negative limit": (["query", "OUT", "--limit", "-1"], ["--limit", "usage:"]),
    "a SimGrid option for summary": (["summary", "OUT", "--cfg=contexts/nthreads:2"], ["apply to `run` only"]),
    "two subcommands' options mixed": (["summary", "OUT", "--status", "healthy"], ["--status", "usage:"]),
    "no worker threads": (["run", QUICK, "-o", "OUT", "--threads", "0"], ["--threads", "usage:"]),
    "more worker threads than allowed": (["run", QUICK, "-o", "OUT", "--threads", "257"], ["--threads", "usage:"]),
    "worker threads that are text": (["run", QUICK, "-o", "OUT", "--threads", "two"], ["--threads", "usage:"]),
}

SIMGRID = {
    "an unknown configuration key": (["--cfg=nonsense:1"], ["--cfg=nonsense:1: SimGrid: Bad config key: nonsense"]),
    "a garbage log setting": (["--log=garbage"], ["--log=garbage: SimGrid: Invalid control string 'garbage'"]),
    "an unknown log level": (["--log=root.thres:bogus"], ["--log=root.thres:bogus: SimGrid:", "Unknown priority name: bogus"]),
    "an unknown context factory": (["--cfg=contexts/factory:bogus"], ["--cfg=contexts/factory:bogus: SimGrid:"]),
    "a thread count that is text": (["--cfg=contexts/nthreads:abc"], ["--cfg=contexts/nthreads:abc: fleettwin runs SimGrid's actors on one thread"]),
    "SimGrid's parallel contexts": (["--cfg=contexts/nthreads:2"], ["--cfg=contexts/nthreads:2:", "--threads N worker threads"]),
    "an unknown network model": (["--cfg=network/model:Nope"], ["--cfg=network/model:Nope: SimGrid: Model 'Nope' is invalid"]),
    "a stack too small": (["--cfg=contexts/stack-size:4"], ["--cfg=contexts/stack-size: at least 64"]),
    "a stack size that is text": (["--cfg=contexts/stack-size:big"], ["--cfg=contexts/stack-size: at least 64"]),
    "a configuration without a value": (["--cfg=contexts/nthreads"], ["--cfg=contexts/nthreads: SimGrid:"]),
}


class BadOptions(unittest.TestCase):
    def check(self, args, expected):
        with TempDir() as d:
            out = os.path.join(d, "out.h5")
            p = fleettwin(*[out if a == "OUT" else a for a in args], check=False)
            assert_clean_failure(self, p, expected)
            self.assertEqual(os.listdir(d), [])

    def check_run(self, extra, expected):
        with TempDir() as d:
            p = fleettwin(*run_args(os.path.join(d, "out.h5")), *extra, check=False)
            assert_clean_failure(self, p, expected)
            self.assertEqual(os.listdir(d), [])

    def test_help_and_version_succeed(self):
        self.assertEqual(fleettwin("--help").returncode, 0)
        self.assertEqual(fleettwin("run", "--help").returncode, 0)
        self.assertIn("0.", fleettwin("--version").stdout)

    def test_a_seed_of_the_largest_64_bit_value_is_kept_whole(self):
        with TempDir() as d:
            out = os.path.join(d, "out.h5")
            fleettwin(*run_args(out), "--seed", "18446744073709551615")
            self.assertIn('"seed": 18446744073709551615', fleettwin("summary", out, "--json").stdout)

    # --- output paths
    def test_output_is_a_folder(self):
        with TempDir() as d:
            p = fleettwin(*run_args(d), check=False)
            assert_clean_failure(self, p, [f"-o {d}: is a directory"])
            self.assertEqual(os.listdir(d), [])

    def test_output_is_the_scenario_file(self):
        with TempDir() as d:
            path = write_file(d, "s.yaml", BASE)
            before = open(path).read()
            p = fleettwin("run", path, "-o", path, "--quiet", check=False)
            assert_clean_failure(self, p, ["is the scenario file itself"])
            self.assertEqual(open(path).read(), before)
            self.assertEqual(os.listdir(d), ["s.yaml"])

    def test_output_in_a_missing_folder(self):
        with TempDir() as d:
            out = os.path.join(d, "no", "such", "out.h5")
            p = fleettwin(*run_args(out), check=False)
            assert_clean_failure(self, p, [f"cannot create {out}.partial: No such file or directory"])

    @unittest.skipIf(os.geteuid() == 0, "root writes into read-only folders")
    def test_output_in_a_read_only_folder(self):
        with TempDir() as d:
            os.chmod(d, stat.S_IRUSR | stat.S_IXUSR)
            try:
                p = fleettwin(*run_args(os.path.join(d, "out.h5")), check=False)
                assert_clean_failure(self, p, ["Permission denied"])
            finally:
                os.chmod(d, stat.S_IRWXU)

    def test_output_in_a_read_only_folder_even_as_root(self):
        # /proc is read-only for everybody: the reason comes from the system.
        p = fleettwin(*run_args("/proc/fleettwin-out.h5"), check=False)
        assert_clean_failure(self, p, ["cannot create /proc/fleettwin-out.h5.partial:"])

    def test_the_scenario_is_a_folder(self):
        with TempDir() as d:
            p = fleettwin("run", d, "-o", os.path.join(d, "out.h5"), check=False)
            assert_clean_failure(self, p, [f"{d}: is a directory, not a scenario file"])

    def test_the_scenario_is_a_device(self):
        p = fleettwin("validate", "/dev/zero", check=False)
        assert_clean_failure(self, p, ["/dev/zero: is not a regular file"])

    def test_the_scenario_is_missing(self):
        p = fleettwin("validate", "/nonexistent/s.yaml", check=False)
        assert_clean_failure(self, p, ["/nonexistent/s.yaml: cannot open the scenario file: no such file"])

    def test_a_stale_partial_file_is_replaced(self):
        with TempDir() as d:
            out = os.path.join(d, "out.h5")
            write_file(d, "out.h5.partial", "left by a killed run")
            p = fleettwin("run", QUICK, "-o", out)
            self.assertEqual(sorted(os.listdir(d)), ["out.h5"])
            self.assertNotIn("error", p.stderr)

    def test_the_corpus_is_large(self):
        self.assertGreaterEqual(len(USAGE) + len(SIMGRID) + 10, 30)


for _name, (_args, _expected) in USAGE.items():
    setattr(BadOptions, "test_" + "".join(c if c.isalnum() else "_" for c in _name),
            lambda self, a=_args, e=_expected: self.check(a, e))
for _name, (_extra, _expected) in SIMGRID.items():
    setattr(BadOptions, "test_simgrid_" + "".join(c if c.isalnum() else "_" for c in _name),
            lambda self, x=_extra, e=_expected: self.check_run(x, e))

if __name__ == "__main__":
    unittest.main()
