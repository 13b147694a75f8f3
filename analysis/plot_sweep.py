#!/usr/bin/python3
"""Plot a sweep's metric against one of its axes, with the Student-t 95 % interval of the mean as a band, one line
per value of a second axis (the other axes' points averaged into their line: use a constraint or --where to fix
them).

    /usr/bin/python3 analysis/plot_sweep.py SWEEP.h5 METRIC --x AXIS [--line AXIS] [--where AXIS=VALUE ...] [-o PNG]

SWEEP.h5 is `fleettwin merge`'s file (docs/hdf5-layout.md, "Sweeps"); it is read with xarray alone.
"""
import argparse
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import xarray as xr  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sweep")
    ap.add_argument("metric")
    ap.add_argument("--x", required=True, help="the axis along the horizontal")
    ap.add_argument("--line", help="one line per value of this axis")
    ap.add_argument("--where", action="append", default=[], help="keep the points where AXIS=VALUE")
    ap.add_argument("-o", "--output", help="PNG to write (default: SWEEP-METRIC.png)")
    a = ap.parse_args()
    ds = xr.open_dataset(a.sweep, engine="h5netcdf")
    for name in [a.x] + ([a.line] if a.line else []):
        if name not in ds.coords:
            sys.exit(f"{a.sweep}: no axis '{name}' (the axes: {', '.join(c for c in ds.coords if ds[c].dims == ('point',) and c != 'point')})")
    if a.metric not in ds:
        sys.exit(f"{a.sweep}: no metric '{a.metric}'")
    keep = np.ones(ds.sizes["point"], bool)
    for w in a.where:
        name, _, value = w.partition("=")
        coord = ds[name].values
        keep &= np.array([str(v) == value for v in coord])
    values = ds[a.metric].values[keep]  # (point, replica)
    xs, lines = ds[a.x].values[keep], (ds[a.line].values[keep] if a.line else np.zeros(keep.sum()))
    fig, ax = plt.subplots(figsize=(9, 5.5), constrained_layout=True)
    numeric_x = np.issubdtype(np.asarray(xs).dtype, np.number)
    x_values = list(dict.fromkeys(xs.tolist()))
    for label in dict.fromkeys(lines.tolist()):
        mean, low, high = [], [], []
        for x in x_values:
            v = values[(xs == x) & (lines == label)].ravel()
            v = v[~np.isnan(v)]
            n = len(v)
            m = v.mean() if n else np.nan
            # The t interval of the mean over every replica of the matching points.
            half = _t975(n - 1) * v.std(ddof=1) / np.sqrt(n) if n > 1 else np.nan
            mean.append(m)
            low.append(m - half)
            high.append(m + half)
        pos = x_values if numeric_x else range(len(x_values))
        ax.plot(pos, mean, marker="o", label=f"{a.line} = {label}" if a.line else a.metric)
        ax.fill_between(pos, low, high, alpha=0.25)
    if not numeric_x:
        ax.set_xticks(range(len(x_values)), [str(x) for x in x_values], rotation=15)
    units = ds[a.metric].attrs.get("units", "")
    ax.set_xlabel(f"{a.x} ({ds[a.x].attrs.get('scenario_key', '')})")
    ax.set_ylabel(f"{a.metric}" + (f" [{units}]" if units else ""))
    ax.set_title(f"{ds[a.metric].attrs.get('long_name', a.metric)}\nmean and Student-t 95 % interval over replicas",
                 fontsize=10)
    ax.legend()
    out = a.output or a.sweep.rsplit(".", 1)[0] + f"-{a.metric}.png"
    fig.savefig(out, dpi=110)
    print(f"wrote {out}")


def _t975(df):
    """Student's t 0.975 quantile (scipy is not needed: a table to 30, the normal beyond, within 0.5 %)."""
    table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
             2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
             2.045, 2.042]
    return table[df - 1] if df <= 30 else 1.96 + 2.4 / df


if __name__ == "__main__":
    main()
