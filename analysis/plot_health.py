#!/usr/bin/python3
"""Plot a run's four-hourly health: machines per class over time, and the share of applicable machines healthy.

    /usr/bin/python3 analysis/plot_health.py OUT.h5 [PNG]

Reads the file with xarray alone, no fleettwin reader: the datasets describe themselves (docs/hdf5-layout.md).
"""
from plot_args import input_and_png  # sets the Agg backend before pyplot loads

import matplotlib.pyplot as plt  # noqa: E402
import xarray as xr  # noqa: E402


def main():
    path, png = input_and_png(__doc__, "health")
    health = xr.open_dataset(path, engine="h5netcdf", group="health")
    counts = health.counts.sum("environment")
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 8), constrained_layout=True)
    for cls in counts["class"].values:
        series = counts.sel({"class": cls})
        if int(series.max()) > 0:
            top.plot(health.time, series, lw=0.9, label=str(cls))
    top.set_ylabel("machines")
    top.set_title(f"health classes at each four-hourly evaluation ({path})")
    top.legend(ncol=4, fontsize=8)
    applicable = counts.sel({"class": ["healthy", "installation_issue", "heartbeat_issue", "provisioning"]}).sum("class")
    share = 100 * counts.sel({"class": "healthy"}) / applicable.where(applicable > 0)
    bottom.plot(health.time, share, lw=0.9)
    for level in (95, 99):
        bottom.axhline(level, color="grey", lw=0.5, ls="--")
    bottom.set_ylabel("% of applicable machines healthy")
    fig.savefig(png, dpi=120)
    print(f"wrote {png}")


if __name__ == "__main__":
    main()
