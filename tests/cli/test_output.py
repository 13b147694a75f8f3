"""The HDF5 file is self-describing and internally consistent, read with h5py and xarray only."""
import unittest

import h5py
import numpy as np
import xarray as xr

from common import RunOnce


class Output(RunOnce):
    SCENARIO = "hybrid-enterprise.yaml"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.path = cls.out
        m = cls.f["machines"]
        codes = dict(zip(cls.f["health/issues/name"].asstr()[:], cls.f["health/issues/code"][:]))
        ssm_missing = codes["ssm_agent_missing"]
        cls.no_arc = int(np.sum((m["environment"][:] == 1) & (m["plan"][:] == 2) & (m["agent_cause_at_end"][:] == ssm_missing)))

    def test_root_attributes(self):
        a = self.f.attrs
        for key in ("fleettwin_version", "scenario_text", "seed", "start", "scenario_name"):
            self.assertIn(key, a)
        self.assertEqual(a["start"], "2026-01-05T00:00:00Z")
        self.assertIn("name: hybrid-enterprise", a["scenario_text"])
        self.assertEqual(a["machines"], 50000)

    def test_every_dataset_says_what_it_is(self):
        missing = []

        def visit(name, obj):
            if isinstance(obj, h5py.Dataset) and "long_name" not in obj.attrs and obj.attrs.get("CLASS") != b"DIMENSION_SCALE":
                missing.append(name)
            if isinstance(obj, h5py.Dataset) and "long_name" not in obj.attrs and obj.attrs.get("CLASS") == b"DIMENSION_SCALE":
                missing.append(name)
        self.f.visititems(visit)
        self.assertEqual(missing, [])

    def test_time_axis_is_a_dimension_scale_with_cf_units(self):
        t = self.f["billing/time"]
        self.assertEqual(t.attrs["units"], "seconds since 2026-01-05 00:00:00")
        self.assertEqual(t.shape, (2160,))
        self.assertTrue(np.array_equal(t[:], np.arange(2160) * 3600))
        self.assertEqual(self.f["billing/cost_usd"].dims[0][0].name, "/billing/time")

    def test_xarray_opens_billing_with_datetimes_and_labels(self):
        ds = xr.open_dataset(self.path, engine="h5netcdf", group="billing")
        self.assertEqual(list(ds.cost_usd.dims), ["time", "plan", "environment"])
        self.assertEqual(str(ds.time.values[0])[:19], "2026-01-05T00:00:00")
        self.assertEqual([str(p) for p in ds.plan.values], ["P1", "P2"])
        p2_aws = float(ds.billable_hours.sel(plan="P2", environment="aws").sum())
        # Always-on AWS machines, Connected throughout, except those whose Arc provisioning failed for lack of
        # the SSM agent: they have no Arc resource and are not billed.
        self.assertGreater(self.no_arc, 0)
        self.assertEqual(p2_aws, (4000 - self.no_arc) * 2160)
        ds.close()

    def test_billing_agrees_with_per_machine_hours(self):
        billed = self.f["machines/billed_hours"][:]
        plan = self.f["machines/plan"][:]
        self.assertAlmostEqual(float(billed[plan > 0].sum()), float(self.f["billing/billable_hours"][:].sum()), places=3)
        self.assertTrue(np.all(billed[plan == 0] == 0.0))  # the sandbox subscription is not covered
        self.assertTrue(np.all(billed <= 2160.0))

    def test_cost_is_hours_times_list_price(self):
        b = self.f["billing"]
        hours, cost = b["billable_hours"][:], b["cost_usd"][:]
        rates = np.array([4.91, 14.60]) / 730.0
        np.testing.assert_allclose(cost, hours * rates[None, :, None], rtol=1e-12)

    def test_monthly_seats_and_per_seat_cost(self):
        m = self.f["billing/monthly"]
        self.assertEqual(list(m["hours"][:]), [730, 730, 700])
        seats = m["seats"][:]
        # The always-on AWS Plan 2 cohort: a seat per machine with an Arc resource, each month.
        self.assertTrue(np.all(seats[:, 1, 1] == 4000 - self.no_arc))
        np.testing.assert_allclose(m["per_seat_cost_usd"][:, 1, 1], (4000 - self.no_arc) * 14.60 * m["hours"][:] / 730.0)
        np.testing.assert_allclose(m["hourly_cost_usd"][:].sum(), self.f["billing/cost_usd"][:].sum(), rtol=1e-12)

    def test_run_reports_memory_by_structure(self):
        r = self.f["run"].attrs
        parts = {p: int(r[f"memory_{p}_bytes"]) for p in
                 ("fleet_store", "calendar", "health", "threats", "vulnerabilities", "output")}
        machines = int(self.f.attrs["machines"])
        # The store is its per-machine columns (fleet_store_bytes) and the per-cohort tables: a few bytes a cohort.
        tables = parts["fleet_store"] - int(r["fleet_store_bytes"])
        self.assertGreaterEqual(tables, 0)
        self.assertLess(tables, 64 * len(self.f["cohorts/name"]) + 4096)
        # The health monitor's re-check ring holds at least a bit per machine.
        self.assertGreaterEqual(parts["health"], machines // 8)
        # Threats are on here, vulnerability management off: only the first holds anything per machine.
        self.assertTrue(self.f["threats"].attrs["enabled"])
        self.assertFalse(self.f["vulnerabilities"].attrs["enabled"])
        self.assertGreater(parts["threats"], 0)
        self.assertLess(parts["vulnerabilities"], 4096)
        self.assertGreater(parts["calendar"], 0)
        self.assertGreater(parts["output"], 0)
        # Each part is a high-water mark of what the process held: together they fit in its peak.
        self.assertLess(sum(parts.values()), int(r["peak_rss_bytes"]))

    def test_machines_table_decodes_with_its_catalogues(self):
        names = [n.decode() for n in self.f["cohorts/name"][:]]
        cohort = self.f["machines/cohort"][:]
        counts = np.bincount(cohort, minlength=len(names))
        self.assertEqual(list(counts), list(self.f["cohorts/count"][:]))
        env = self.f["machines/environment"]
        self.assertEqual(env.attrs["flag_meanings"], "azure aws gcp onprem")
        self.assertEqual(sorted(set(env[:])), [0, 1, 2, 3])


if __name__ == "__main__":
    unittest.main()
