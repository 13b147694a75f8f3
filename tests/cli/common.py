"""Helpers for the end-to-end tests: run the fleettwin binary that CTest names in $FLEETTWIN."""
import os
import subprocess
import tempfile
import unittest

import h5py

BIN = os.environ.get("FLEETTWIN", os.path.join(os.path.dirname(__file__), "../../build/fleettwin"))
SRC = os.environ.get("FLEETTWIN_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "../.."))


def scenario(name):
    return os.path.join(SRC, "scenarios", name)


def fleettwin(*args, check=True):
    proc = subprocess.run([BIN, *args], capture_output=True, text=True, encoding="utf-8", timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"fleettwin {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return proc


def write_file(directory, name, text):
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        f.write(text)
    return path


class TempDir:
    def __enter__(self):
        self._d = tempfile.TemporaryDirectory()
        return self._d.name

    def __exit__(self, *exc):
        self._d.cleanup()


SMALL = """name: small
start: 2026-01-05T00:00:00Z
duration: 730h
tenants: [{id: t, geo: EU}]
subscriptions: [{id: s, plan: P2}]
cohorts:
  - {name: vms, count: 1000, environment: azure, region: westeurope, subscription: s}
"""


class RunOnce(unittest.TestCase):
    """Runs one scenario once for all the tests of the class: SCENARIO (a bundled file) or TEXT (YAML).
    The tests read cls.out (the HDF5 path) and cls.f (it opened with h5py)."""
    SCENARIO = None
    TEXT = None

    @classmethod
    def setUpClass(cls):
        cls.tmp = TempDir()
        d = cls.tmp.__enter__()
        path = scenario(cls.SCENARIO) if cls.SCENARIO else write_file(d, "scenario.yaml", cls.TEXT)
        cls.out = os.path.join(d, "out.h5")
        fleettwin("run", path, "-o", cls.out, "--quiet")
        cls.f = h5py.File(cls.out, "r")

    @classmethod
    def tearDownClass(cls):
        cls.f.close()
        cls.tmp.__exit__(None, None, None)
