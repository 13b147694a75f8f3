"""Digest of a fleettwin output file: one SHA-256 per dataset (dtype, shape and values), per attribute and per
dimension-scale attachment, for everything outside /run (wall-clock figures).

Run it on a file to print the digest as JSON (`/usr/bin/python3 tests/golden/h5digest.py OUT.h5`); the golden
tests compare a fresh run's digest with the one checked in beside this script, which was taken with the program as
it was before the engine refactor of issue 7. A key present in the golden file must be present with the same
digest; keys the program added since (new datasets or attributes) are allowed.
"""
import hashlib
import json
import sys

import h5py
import numpy as np

# Root attributes that describe the invocation or the build rather than the simulation.
IGNORED_ROOT_ATTRIBUTES = {"scenario_file", "fleettwin_version", "tzdata_version"}
# Object references: their stored values are file addresses, which change with the layout. The attachment
# itself is digested by scale name instead (see `dims:` keys).
REFERENCE_ATTRIBUTES = {"DIMENSION_LIST", "REFERENCE_LIST"}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _value_bytes(value) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode()
    arr = np.asarray(value)
    if arr.dtype.kind == "O":
        return b"\x00".join(v if isinstance(v, bytes) else str(v).encode() for v in arr.ravel())
    return arr.dtype.str.encode() + str(arr.shape).encode() + arr.tobytes()


def digest(path: str) -> dict:
    out = {}
    with h5py.File(path, "r") as f:
        for k, v in f.attrs.items():
            if k not in IGNORED_ROOT_ATTRIBUTES:
                out[f"@/{k}"] = _sha(_value_bytes(v))

        def visit(name, obj):
            if name == "run" or name.startswith("run/"):
                return
            for k, v in obj.attrs.items():
                if k not in REFERENCE_ATTRIBUTES:
                    out[f"@{name}/{k}"] = _sha(_value_bytes(v))
            if isinstance(obj, h5py.Dataset):
                data = obj[()]
                out[name] = _sha(obj.dtype.str.encode() + str(obj.shape).encode() + _value_bytes(data))
                for axis, dim in enumerate(obj.dims):
                    scales = [s.name for s in dim.values()] if len(dim) else []
                    if scales:
                        out[f"dims:{name}[{axis}]"] = ",".join(scales)
        f.visititems(visit)
    return dict(sorted(out.items()))


def compare(golden: dict, actual: dict) -> list:
    """What differs: keys of the golden digest that are missing or changed in the actual one."""
    problems = []
    for key, value in golden.items():
        if key not in actual:
            problems.append(f"missing: {key}")
        elif actual[key] != value:
            problems.append(f"changed: {key}")
    return problems


if __name__ == "__main__":
    json.dump(digest(sys.argv[1]), sys.stdout, indent=1)
    print()
