#!/usr/bin/python3
"""Plot a run's hourly cost by plan and environment, and hourly against per-seat cost per month.

    /usr/bin/python3 analysis/plot_billing.py OUT.h5 [PNG]

Reads the file with xarray alone, no fleettwin reader: the datasets describe themselves (docs/hdf5-layout.md).
"""
from plot_args import input_and_png  # sets the Agg backend before pyplot loads

import matplotlib.pyplot as plt  # noqa: E402
import xarray as xr  # noqa: E402


def main():
    path, png = input_and_png(__doc__, "billing")
    hourly = xr.open_dataset(path, engine="h5netcdf", group="billing")
    monthly = xr.open_dataset(path, engine="h5netcdf", group="billing/monthly")
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 8), constrained_layout=True)
    for plan in hourly.plan.values:
        for env in hourly.environment.values:
            series = hourly.cost_usd.sel(plan=plan, environment=env)
            if float(series.sum()) > 0:
                top.plot(hourly.time, series, lw=0.8, label=f"{plan} {env}")
    top.set_ylabel(f"cost per clock hour ({hourly.cost_usd.attrs['units']})")
    top.set_title(f"Defender for Servers hourly cost (partial hours: {hourly.attrs['partial_hour_rule']})")
    top.legend(ncol=4, fontsize=8)
    months = [str(m)[:10] for m in monthly.month.values]
    x = range(len(months))
    bottom.bar([i - 0.2 for i in x], monthly.hourly_cost_usd.sum(["plan", "environment"]), 0.4, label="hourly billing")
    bottom.bar([i + 0.2 for i in x], monthly.per_seat_cost_usd.sum(["plan", "environment"]), 0.4, label="per seat")
    bottom.set_xticks(list(x), [f"{m}\n({h} h)" for m, h in zip(months, monthly.hours.values)])
    bottom.set_ylabel("USD per billing month")
    bottom.legend()
    fig.savefig(png, dpi=110)
    print(f"wrote {png}")


if __name__ == "__main__":
    main()
