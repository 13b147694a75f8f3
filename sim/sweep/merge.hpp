#pragma once
// `fleettwin merge DIR -o sweep.h5`: one HDF5 file of a sweep's results that xarray opens as it is (the layout is
// in docs/hdf5-layout.md, "Sweeps"): the axes as coordinates along `point`, each metric as [point x replica] with
// its mean, standard deviation and Student-t 95 % interval per point, each series as [point x replica x time] with
// its mean and interval over time. Built from the run files alone, in run order, so the same runs give the same
// file whatever ran them (a local pool of any size, MPI ranks, SLURM arrays).
#include <string>

#include "sim/sweep/sweep_dir.hpp"

namespace fleettwin::sweep {

struct MergeOutcome {
  size_t runs = 0, merged = 0, missing = 0;
};

// Writes `output` through output.partial and a rename. Runs not done are missing (NaN); none done is an error.
MergeOutcome merge_sweep(const SweepDir& dir, const std::string& output);

}  // namespace fleettwin::sweep
