#pragma once
// Replica statistics of a sweep (CloudSim Plus's, threat-vulnerability-sweep-facts.md §4): the mean, the sample
// standard deviation and the Student-t 95 % confidence interval of the mean, per point, over the replicas that
// finished (NaN marks a missing one).
#include <Eigen/Core>

namespace fleettwin::sweep {

// The q-quantile of Student's t distribution with `df` degrees of freedom (df >= 1, 0 < q < 1), from the
// regularised incomplete beta function; accurate to 1e-10.
double student_t_quantile(double q, double df);
// Its cumulative distribution.
double student_t_cdf(double t, double df);

struct ReplicaStatistics {
  Eigen::ArrayXd mean, std, ci_low, ci_high;  // per point; NaN where too few replicas (std, ci: fewer than 2)
  Eigen::ArrayXi count;                      // replicas that finished
};

// Per row of `values` (point x replica; NaN = missing), with a two-sided `level` interval (0.95).
ReplicaStatistics replica_statistics(const Eigen::ArrayXXd& values, double level = 0.95);

}  // namespace fleettwin::sweep
