#!/usr/bin/python3
"""Plot a run's alerts: alerts per hour by severity, the distribution of detection delays (attack step to
Defender for Cloud) against the cached ones, and the SOC's backlog and utilisation.

    /usr/bin/python3 analysis/plot_alerts.py OUT.h5 [PNG]

Reads the file with xarray alone, no fleettwin reader: the datasets describe themselves (docs/hdf5-layout.md).
"""
import sys

from plot_args import input_and_png  # sets the Agg backend before pyplot loads

import h5py  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import xarray as xr  # noqa: E402


def main():
    path, png = input_and_png(__doc__, "alerts")
    with h5py.File(path, "r") as f:
        if not f["threats"].attrs["enabled"]:
            sys.exit(f"{path}: the run simulated no threats (threats.enabled was false)")
    hourly = xr.open_dataset(path, engine="h5netcdf", group="alerts/hourly")
    alerts = xr.open_dataset(path, engine="h5netcdf", group="alerts", decode_times=False)
    soc = xr.open_dataset(path, engine="h5netcdf", group="soc")
    fig, (top, middle, bottom) = plt.subplots(3, 1, figsize=(11, 11), constrained_layout=True)

    new = hourly.new.sum("environment")
    for severity in reversed(new.severity.values):
        top.plot(hourly.time, new.sel(severity=severity), lw=0.7, label=str(severity))
    top.set_ylabel("alerts per hour")
    top.set_title(f"new alerts in Defender for Cloud by severity ({path})")
    top.legend(ncol=4, fontsize=8)

    # Attack alerts only: step to Defender for Cloud, in minutes; cached ones (behind an outage) apart.
    attack = alerts.classification.values == 0
    delay = (alerts.time.values - alerts.step_time.values)[attack] / 60
    cached = (alerts.sent_time.values > alerts.detected_time.values)[attack]
    bins = np.linspace(0, max(60.0, float(delay.max()) if delay.size else 60.0), 60)
    middle.hist([delay[~cached], delay[cached]], bins=bins, stacked=True, label=["sent at once", "cached behind an outage"])
    middle.set_yscale("log")
    middle.set_xlabel("attack step to Defender for Cloud (minutes)")
    middle.set_ylabel("alerts")
    middle.legend(fontsize=8)

    bottom.plot(soc.time, soc.backlog, lw=0.8, label="backlog (waiting)")
    bottom.plot(soc.time, soc.in_hand, lw=0.8, label="in hand")
    bottom.set_ylabel("alerts")
    twin = bottom.twinx()
    twin.plot(soc.time, 100 * soc.utilisation, lw=0.5, color="grey", label="utilisation")
    twin.set_ylabel("utilisation %")
    bottom.set_title("SOC")
    bottom.legend(loc="upper left", fontsize=8)
    fig.savefig(png, dpi=120)
    print(f"wrote {png}")


if __name__ == "__main__":
    main()
