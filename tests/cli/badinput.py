"""Helpers for the bad-input corpus: run fleettwin on a bad scenario, option or output file and check that it
stops with exit status 2, a message naming the place and the cause, no crash, and no file left behind."""
import os
import re

from common import TempDir, fleettwin, write_file

# Signs of a crash or of an error that escaped the program's own reporting.
CRASH_SIGNS = re.compile(r"Segmentation|Aborted|terminate called|AddressSanitizer|runtime error:|Traceback|"
                         r"core dumped|std::bad_alloc|basic_string|CRITICAL\]")

BASE = """name: t
start: 2026-01-05T00:00:00Z
duration: 7d
tenants: [{id: t, geo: EU}]
subscriptions: [{id: s, plan: P2}]
cohorts:
  - name: vms
    count: 10
    environment: azure
    region: westeurope
    subscription: s
"""


def assert_clean_failure(test, proc, expected, status=2):
    """Exit status `status`, every expected text in stderr, nothing that looks like a crash."""
    test.assertEqual(proc.returncode, status, f"exit {proc.returncode}, stderr:\n{proc.stderr}")
    for e in expected:
        test.assertIn(e, proc.stderr)
    test.assertIsNone(CRASH_SIGNS.search(proc.stderr), proc.stderr)
    test.assertTrue(proc.stderr.startswith("error: ") or "error: " in proc.stderr, proc.stderr)
    test.assertLess(len(proc.stderr), 4000, "the message should be short")


def check_bad_scenario(test, text, expected, sets=(), validate_too=True):
    """Writes `text`, runs `run` (and `validate`) on it: exit 2, `expected` in stderr (FILE = the file's path),
    and the folder holds nothing but the scenario afterwards."""
    with TempDir() as d:
        path = write_file(d, "bad.yaml", text)
        extra = [a for s in sets for a in ("--set", s)]
        wanted = [e.replace("FILE", path) for e in expected]
        p = fleettwin("run", path, "-o", os.path.join(d, "out.h5"), "--quiet", *extra, check=False)
        assert_clean_failure(test, p, wanted)
        test.assertEqual(sorted(os.listdir(d)), ["bad.yaml"], "a file was left behind")
        if validate_too:
            v = fleettwin("validate", path, *extra, check=False)
            assert_clean_failure(test, v, wanted)
