#!/usr/bin/python3
"""Plot a run's vulnerability management: open findings against those Defender for Cloud lists, the unseen ones by
cause, the exposure score shown and true, and the secure score.

    /usr/bin/python3 analysis/plot_vulnerabilities.py OUT.h5 [PNG]

Reads the file with xarray alone, no fleettwin reader: the datasets describe themselves (docs/hdf5-layout.md).
"""
import sys

from plot_args import input_and_png  # sets the Agg backend before pyplot loads

import matplotlib.pyplot as plt  # noqa: E402
import xarray as xr  # noqa: E402


def main():
    path, png = input_and_png(__doc__, "vulnerabilities")
    v = xr.open_dataset(path, engine="h5netcdf", group="vulnerabilities")
    if int(v.attrs.get("enabled", 0)) == 0:
        sys.exit(f"{path}: the run did not simulate vulnerability management (vulnerabilities.enabled)")
    exposure = xr.open_dataset(path, engine="h5netcdf", group="vulnerabilities/exposure")
    secure = xr.open_dataset(path, engine="h5netcdf", group="secure_score")
    fig, axes = plt.subplots(2, 2, figsize=(13, 8), constrained_layout=True)
    top, cause_ax = axes[0]
    score_ax, secure_ax = axes[1]
    for name, style in (("open", "-"), ("listed", "--"), ("unseen", ":")):
        top.plot(v.time, v[name].sum(("environment", "severity")), style, lw=0.9, label=name)
    top.plot(v.time, v.critical_open.sum("environment"), lw=0.9, label="open critical")
    top.set_ylabel("findings")
    top.set_title(f"findings at each publication ({path})")
    top.legend(fontsize=8)
    by_cause = v.unseen_days_by_cause.sum("environment")
    for c in by_cause["cause"].values:
        cause_ax.plot(v.time, by_cause.sel(cause=c).cumsum("time"), lw=0.9, label=str(c))
    cause_ax.set_ylabel("unseen finding-days (cumulative)")
    cause_ax.set_title("why Defender for Cloud did not list them")
    cause_ax.legend(fontsize=8)
    score_ax.plot(exposure.time, exposure.exposure_score, lw=0.9, label="shown")
    score_ax.plot(exposure.time, exposure.true_exposure_score, "--", lw=0.9, label="true")
    for level in (30, 70):
        score_ax.axhline(level, color="grey", lw=0.5, ls="--")
    score_ax.set_ylim(0, 100)
    score_ax.set_ylabel("exposure score (daily)")
    score_ax.legend(fontsize=8)
    secure_ax.plot(secure.time, secure.score_percent, lw=0.9)
    secure_ax.set_ylim(0, 100)
    secure_ax.set_ylabel("secure score, machine controls (%)")
    fig.savefig(png, dpi=120)
    print(f"wrote {png}")


if __name__ == "__main__":
    main()
