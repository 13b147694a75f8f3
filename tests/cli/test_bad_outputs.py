"""The corpus of damaged and edited output files. `summary`, `query --count` and `query` (the list) must each stop
with exit status 2 and "file: dataset: what is wrong" — never crash, never print an answer computed from bad
data. Edits are made with h5py the way a user would (recomputing the dataset's crc32 where the case is about the
edit, not the checksum); damage is made by flipping bytes."""
import os
import random
import shutil
import subprocess
import unittest
import zlib

import h5py
import numpy as np

from badinput import CRASH_SIGNS, assert_clean_failure
from common import TempDir, fleettwin, write_file

SCENARIO = """name: small
start: 2026-01-05T00:00:00Z
duration: 3d
tenants: [{id: t, geo: EU}]
subscriptions: [{id: s, plan: P2}]
network:
  outages: [{location: dc1, start: 10h, duration: 5h}]
cohorts:
  - {name: vms, count: 40, environment: azure, region: westeurope, subscription: s,
     power: {schedule: business-hours, timezone: Europe/Paris}}
  - {name: dc, count: 30, environment: onprem, site: dc1, subscription: s, os: {rhel-9: 0.5, windows-11: 0.5}}
"""

READERS = (["summary"], ["query", "--count"], ["query", "--status", "all", "--format", "csv"])


def crc(values):
    if values.dtype.kind == "O":
        return np.uint32(zlib.crc32(b"".join((v.decode() if isinstance(v, bytes) else v).encode() + b"\0" for v in values.ravel())))
    return np.uint32(zlib.crc32(values.tobytes()))


def set_values(f, path, change, fix_checksum=True):
    """Edits a dataset in place with change(array) -> array of the same shape and type."""
    d = f[path]
    data = change(d[()].copy())
    d[...] = data
    if fix_checksum:
        d.attrs["crc32"] = crc(d[()])


def replace(f, path, data, fix_checksum=True):
    """Replaces a dataset by another (another shape or type)."""
    del f[path]
    d = f.create_dataset(path, data=data)
    if fix_checksum:
        d.attrs["crc32"] = crc(d[()])


# name -> (edit(f), expected texts in stderr: the dataset and the cause)
EDITS = {
    "a class of 200": (lambda f: set_values(f, "health/changes/class", lambda a: np.where(np.arange(a.size) == 3, 200, a).astype(a.dtype)),
                       ["/health/changes/class: element 3 is 200, expected an index of class (0 to 6)"], (1, 2)),
    "a machine index out of range": (lambda f: set_values(f, "health/changes/machine", lambda a: np.where(np.arange(a.size) == 1, 9999, a).astype(a.dtype)),
                                     ["/health/changes/machine: element 1 is 9999, expected an index of machine"], (1, 2)),
    "a cohort index out of range": (lambda f: set_values(f, "machines/cohort", lambda a: np.where(np.arange(a.size) == 0, 7, a).astype(a.dtype)),
                                    ["/machines/cohort: element 0 is 7, expected an index of cohort (0 to 1)"], (1, 2)),
    "an unknown issue code": (lambda f: set_values(f, "health/changes/issue", lambda a: np.where(np.arange(a.size) == 0, 99, a).astype(a.dtype)),
                              ["/health/changes/issue: element 0 is 99, not a code of /health/issues/code"], (1, 2)),
    "an environment code of 9": (lambda f: set_values(f, "machines/environment", lambda a: np.full_like(a, 9)),
                                 ["/machines/environment: element 0 is 9, expected an index of environment"], (0, 1, 2)),
    "a plan code of 3": (lambda f: set_values(f, "machines/plan", lambda a: np.full_like(a, 3)),
                         ["/machines/plan: element 0 is 3"], (0,)),
    "a short health time axis": (lambda f: replace(f, "health/time", f["health/time"][:-2]),
                                 ["/health/time: 17 evaluations, but the run has 19"], (0, 1, 2)),
    "a short billing time axis": (lambda f: replace(f, "billing/time", f["billing/time"][:10]),
                                  ["/billing/time: 10 hours, but the run lasts 72"], (0,)),
    "a 1-D array where a 3-D one belongs": (lambda f: replace(f, "health/counts", f["health/counts"][()].ravel()),
                                            ["/health/counts: expected 3 axes (evaluation, class, environment), found 1"], (0,)),
    "a 2-D array where a 1-D one belongs": (lambda f: replace(f, "machines/plan", np.zeros((70, 2), dtype="u1")),
                                            ["/machines/plan: expected 1 axis (machine), found 2"], (0,)),
    "floats where integers belong": (lambda f: replace(f, "machines/plan", f["machines/plan"][()].astype("f8")),
                                     ["/machines/plan: stored as float64, expected uint8"], (0,)),
    "a wider integer than the schema's": (lambda f: replace(f, "health/changes/class", f["health/changes/class"][()].astype("i8")),
                                          ["/health/changes/class: stored as int64, expected uint8"], (1, 2)),
    "text where numbers belong": (lambda f: replace(f, "billing/cost_usd", np.array(["x"] * 576, dtype=object).reshape(72, 2, 4)),
                                  ["/billing/cost_usd: stored as text, expected float64"], (0,)),
    "a missing dataset": (lambda f: f.__delitem__("billing/cost_usd"), ["/billing/cost_usd: missing"], (0,)),
    "a missing group": (lambda f: f.__delitem__("machines"), ["/machines/", ": missing"], (0, 1, 2)),
    "a negative count": (lambda f: set_values(f, "health/counts", lambda a: a - 1000),
                         ["/health/counts: element 0 is -", "expected 0 or more"], (0,)),
    "counts that miss machines": (lambda f: set_values(f, "health/counts", lambda a: a * 2),
                                  ["/health/counts: evaluation 0 counts 140 machines, the fleet has 70"], (0,)),
    "a cost that is not a number": (lambda f: set_values(f, "billing/cost_usd", lambda a: np.where(np.arange(a.size).reshape(a.shape) == 5, np.nan, a)),
                                    ["/billing/cost_usd: element 5 is not a finite number"], (0,)),
    "changes out of order": (lambda f: set_values(f, "health/changes/machine", lambda a: a[::-1].copy()),
                             ["/health/changes: row 1 is out of (time, machine) order"], (1, 2)),
    "a change between evaluations": (lambda f: set_values(f, "health/changes/time", lambda a: np.where(np.arange(a.size) == a.size - 1, a[-1] + 60, a)),
                                     ["/health/changes/time: row", "is not the time of an evaluation"], (1, 2)),
    "evaluation times out of order": (lambda f: set_values(f, "health/time", lambda a: a[::-1].copy()),
                                      ["/health/time: ", "not"], (0, 1, 2)),
    "a start that is not a time": (lambda f: f.attrs.__setitem__("start", "yesterday"),
                                   ["/: attribute start: not an ISO 8601 time"], (0, 1, 2)),
    "a negative machine count": (lambda f: f.attrs.__setitem__("machines", np.int64(-5)),
                                 ["/: attribute machines: -5 is outside [0, 100000000]"], (0, 1, 2)),
    "a seed stored as text": (lambda f: f.attrs.__setitem__("seed", "one"),
                              ["/: attribute seed: missing or not an unsigned integer"], (0, 1, 2)),
    "a duration not in hours": (lambda f: f.attrs.__setitem__("duration_seconds", np.int64(259201)),
                                ["/: attribute duration_seconds: not a whole number of hours"], (0, 1, 2)),
    "an unknown partial-hour rule": (lambda f: f["billing"].attrs.__setitem__("partial_hour_rule", "whatever"),
                                     ["/billing: attribute partial_hour_rule: 'whatever' is neither prorate nor round-up"], (0,)),
    "no scenario name: not a fleettwin file": (lambda f: f.attrs.__delitem__("scenario_name"),
                                               ["/: no scenario_name attribute: not a fleettwin output file"], (0, 1, 2)),
    "an edit without its checksum": (lambda f: set_values(f, "billing/cost_usd", lambda a: a * 2, fix_checksum=False),
                                     ["/billing/cost_usd: checksum mismatch: the data is damaged"], (0,)),
    "a checksum stored as text": (lambda f: f["machines/plan"].attrs.__setitem__("crc32", "abc"),
                                  ["/machines/plan: attribute crc32: not an unsigned integer"], (0,)),
    "a renamed cohort without its checksum": (lambda f: set_values(f, "cohorts/name", lambda a: np.array([b"x", b"y"], dtype=object), fix_checksum=False),
                                              ["/cohorts/name: checksum mismatch"], (1, 2)),
}


class BadOutputs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = TempDir()
        cls.dir = cls.tmp.__enter__()
        cls.good = os.path.join(cls.dir, "good.h5")
        fleettwin("run", write_file(cls.dir, "s.yaml", SCENARIO), "-o", cls.good, "--quiet")
        cls.answers = {" ".join(r): fleettwin(r[0], cls.good, *r[1:]).stdout for r in READERS}

    @classmethod
    def tearDownClass(cls):
        cls.tmp.__exit__(None, None, None)

    def damaged_copy(self, name):
        path = os.path.join(self.dir, name)
        shutil.copy(self.good, path)
        return path

    def check_all_readers_refuse(self, path, expected, readers=(0, 1, 2)):
        for i in readers:
            r = READERS[i]
            p = fleettwin(r[0], path, *r[1:], check=False)
            assert_clean_failure(self, p, [path] + expected)

    def check_edit(self, edit, expected, readers):
        path = self.damaged_copy("edited.h5")
        with h5py.File(path, "r+") as f:
            edit(f)
        self.check_all_readers_refuse(path, expected, readers)

    def test_the_good_file_reads(self):
        for r in READERS:
            fleettwin(r[0], self.good, *r[1:])

    def test_an_empty_file(self):
        self.check_all_readers_refuse(write_file(self.dir, "empty.h5", ""), ["not an HDF5 file"])

    def test_a_text_file(self):
        self.check_all_readers_refuse(write_file(self.dir, "text.h5", "name: not hdf5\n" * 100), ["not an HDF5 file"])

    def test_a_truncated_file(self):
        path = self.damaged_copy("cut.h5")
        with open(path, "r+b") as f:
            f.truncate(os.path.getsize(path) // 2)
        self.check_all_readers_refuse(path, [])

    def test_a_folder(self):
        self.check_all_readers_refuse(self.dir, ["is a directory"])

    def test_a_missing_file(self):
        self.check_all_readers_refuse(os.path.join(self.dir, "none.h5"), ["no such file"])

    def test_an_hdf5_file_of_something_else(self):
        path = os.path.join(self.dir, "other.h5")
        with h5py.File(path, "w") as f:
            f["x"] = np.arange(10)
        self.check_all_readers_refuse(path, ["not a fleettwin output file"])

    def test_random_flipped_bytes_give_an_error_or_the_right_answer(self):
        """No crash and no wrong answer: every reader either stops with exit 2 and a message, or prints exactly
        what it prints for the undamaged file (the flip hit bytes nothing reads)."""
        data = open(self.good, "rb").read()
        rng = random.Random(2026)
        outcomes = {"refused": 0, "unaffected": 0}
        for trial in range(40):
            damaged = bytearray(data)
            for _ in range(rng.choice([1, 4, 16])):
                damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
            path = os.path.join(self.dir, "flipped.h5")
            with open(path, "wb") as f:
                f.write(damaged)
            for r in READERS:
                p = subprocess.run([os.environ.get("FLEETTWIN", ""), r[0], path, *r[1:]], capture_output=True,
                                   text=True, errors="replace", timeout=120)
                self.assertIsNone(CRASH_SIGNS.search(p.stderr), f"trial {trial}: {p.stderr}")
                if p.returncode == 0:
                    self.assertEqual(p.stdout.replace(path, self.good), self.answers[" ".join(r)], f"trial {trial}")
                    outcomes["unaffected"] += 1
                else:
                    self.assertEqual(p.returncode, 2, f"trial {trial}: {p.stderr}")
                    self.assertIn(path, p.stderr)
                    outcomes["refused"] += 1
        self.assertGreater(outcomes["refused"], 20)  # the damage is mostly seen

    def test_the_corpus_is_large(self):
        self.assertGreaterEqual(len(EDITS) + 7, 35)


for _name, (_edit, _expected, _readers) in EDITS.items():
    setattr(BadOutputs, "test_" + "".join(c if c.isalnum() else "_" for c in _name),
            lambda self, e=_edit, x=_expected, r=_readers: self.check_edit(e, x, r))

if __name__ == "__main__":
    unittest.main()
