"""Faults from outside: a disk that fills up, a file size limit, SIGINT and SIGTERM in the middle of a run, odd file
names in JSON output, SimGrid's thread factory on two threads. The run stops with a clear message and the
conventional status, HDF5 is closed cleanly (no crash in its exit handler) and no partial file is left."""
import json
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

from badinput import CRASH_SIGNS
from common import BIN, SRC, TempDir, fleettwin, scenario, write_file

HYBRID = scenario("hybrid-enterprise.yaml")


def bench_args(machines, days):
    out = subprocess.run([os.path.join(SRC, "bench", "fleet-args"), str(machines), str(days)], capture_output=True,
                         text=True, check=True).stdout
    return out.split("\n")[:-1]


class DiskFull(unittest.TestCase):
    def check_write_failure(self, proc, folder, reason):
        self.assertEqual(proc.returncode, 1, proc.stderr)  # the system failed, not the input
        self.assertIn(reason, proc.stderr)
        self.assertIn("out.h5.partial", proc.stderr)
        self.assertIsNone(CRASH_SIGNS.search(proc.stderr), proc.stderr)
        self.assertEqual(os.listdir(folder), [])

    def test_a_file_system_that_fills_up(self):
        folder = tempfile.mkdtemp()
        try:
            if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", folder], capture_output=True).returncode:
                self.skipTest("cannot mount a small tmpfs here (needs root)")
            try:
                p = fleettwin("run", HYBRID, "-o", os.path.join(folder, "out.h5"), "--quiet", check=False)
                self.check_write_failure(p, folder, "No space left on device")
            finally:
                subprocess.run(["umount", folder], check=True)
        finally:
            os.rmdir(folder)

    def test_a_file_size_limit(self):
        """RLIMIT_FSIZE makes writes fail with EFBIG (SIGXFSZ ignored): the same path as a full disk, without root."""
        def limit():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
        with TempDir() as d:
            p = subprocess.run([BIN, "run", HYBRID, "-o", os.path.join(d, "out.h5"), "--quiet"], preexec_fn=limit,
                               capture_output=True, text=True, timeout=600)
            self.check_write_failure(p, d, "File too large")


class Interrupted(unittest.TestCase):
    def interrupt(self, sig):
        with TempDir() as d:
            out = os.path.join(d, "out.h5")
            proc = subprocess.Popen([BIN, "run", os.path.join(SRC, "bench", "fleet.yaml"), "-o", out,
                                     *bench_args(200_000, 365), "--threads", "1"], stderr=subprocess.PIPE,
                                    text=True)
            deadline = time.time() + 60
            while not os.path.exists(out + ".partial") and time.time() < deadline:
                time.sleep(0.05)
            time.sleep(0.5)  # into the simulation
            proc.send_signal(sig)
            _, err = proc.communicate(timeout=120)
            self.assertEqual(proc.returncode, -sig, err)  # ended by the same signal, as shells expect
            self.assertIn("interrupted by " + signal.Signals(sig).name, err)
            self.assertEqual(os.listdir(d), [])

    def test_sigint(self):
        self.interrupt(signal.SIGINT)

    def test_sigterm(self):
        self.interrupt(signal.SIGTERM)


class OddNames(unittest.TestCase):
    def test_json_stays_valid_with_a_tab_quote_and_backslash_in_the_file_name(self):
        with TempDir() as d:
            out = os.path.join(d, 'out\t"x\\y\u00e9.h5')
            fleettwin("run", scenario("quickstart.yaml"), "-o", out, "--quiet")
            summary = json.loads(fleettwin("summary", out, "--json").stdout)
            self.assertEqual(summary["file"], out)
            self.assertEqual(summary["seed"], 42)
            listing = json.loads(fleettwin("query", out, "--status", "all", "--limit", "3", "--format", "json").stdout)
            self.assertEqual(len(listing["machines"]), 3)


class ThreadFactory(unittest.TestCase):
    def test_two_worker_threads_with_the_thread_factory(self):
        """SimGrid's actors on threads of their own (the sanitized builds' factory) and the machines' work on two
        worker threads: the control-plane actor hands work to the pool from a thread that is not the main one."""
        with TempDir() as d:
            out = os.path.join(d, "out.h5")
            fleettwin("run", scenario("quickstart.yaml"), "-o", out, "--quiet", "--cfg=contexts/factory:thread",
                      "--threads", "2")
            self.assertIn("scenario quickstart", fleettwin("summary", out).stdout)


if __name__ == "__main__":
    unittest.main()
