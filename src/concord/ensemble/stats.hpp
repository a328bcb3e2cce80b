// Streaming (constant-memory) statistics over an ensemble of runs.
//
// Every accumulator takes one observation per run and keeps O(1) state (O(horizon) for the
// survival curve), so an ensemble of 10^6 runs costs no more memory than one of 10. Results
// are fed in run-id order by the runner, so the floating-point sums, hence every printed
// digit, are identical whatever the thread or MPI rank count.
//
// Intervals are two-sided at `level` (default 0.95). An interval that is undefined (no
// observation, or one observation for a Student interval) has NaN bounds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace concord::ensemble {

/// A point estimate with a two-sided confidence interval [lo, hi] and the number of
/// observations it rests on.
struct Estimate {
  double value = 0.0;
  double lo = 0.0;
  double hi = 0.0;
  std::uint64_t n = 0;
};

/// Two-sided standard normal quantile z_{1-(1-level)/2} (1.959964 for level 0.95).
[[nodiscard]] double normal_quantile_two_sided(double level);

/// Two-sided Student-t quantile t_{1-(1-level)/2, dof}. dof >= 1.
[[nodiscard]] double student_quantile_two_sided(double level, double dof);

/// Proportion of runs in which something happened (e.g. a great-power war within the
/// horizon), with the Wilson score interval.
///
/// Wilson (1927), "Probable inference, the law of succession, and statistical inference",
/// JASA 22: with p = k/n and z the normal quantile,
///   centre    = (p + z^2/(2n)) / (1 + z^2/n)
///   half-width = z / (1 + z^2/n) * sqrt(p(1-p)/n + z^2/(4n^2)).
/// Unlike the Wald interval it stays inside [0, 1] and is not degenerate at k = 0 or k = n.
class Proportion {
 public:
  void add(bool success) noexcept {
    ++n_;
    k_ += success ? 1U : 0U;
  }
  /// Adds `successes` out of `trials` at once (used when rebuilding from counts).
  void add_counts(std::uint64_t successes, std::uint64_t trials) noexcept {
    k_ += successes;
    n_ += trials;
  }
  [[nodiscard]] std::uint64_t successes() const noexcept { return k_; }
  [[nodiscard]] std::uint64_t trials() const noexcept { return n_; }
  /// k/n, NaN when n = 0.
  [[nodiscard]] double proportion() const noexcept;
  /// Wilson score interval; value is k/n. With n = 0: value NaN, interval [0, 1].
  [[nodiscard]] Estimate wilson(double level = 0.95) const;

 private:
  std::uint64_t k_ = 0;
  std::uint64_t n_ = 0;
};

/// The natural range of a quantity: a count lies in [0, inf), a share in [0, 1].
/// The default is the whole real line.
struct Support {
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();
};

/// Mean and variance by Welford's update (Welford 1962, Technometrics 4; Knuth TAOCP vol. 2,
/// 4.2.2), with the Student-t interval mean +- t_{n-1} * s / sqrt(n).
///
/// Bounded quantities: a mean of values that all lie in [a, b] lies in [a, b] too, so the
/// interval is intersected with the support: [max(a, lo), min(b, hi)]. This keeps coverage
/// (whenever [lo, hi] holds the true mean, so does the intersection, because the true mean is
/// in [a, b]) and removes the impossible part that the symmetric Student interval shows for
/// skewed counts at small n (e.g. 0, 0, 3 wars/decade: mean 1, Student [-3.30, 5.30],
/// reported [0, 5.30]). Observations outside the support are a caller error
/// (std::domain_error from add()).
class Mean {
 public:
  Mean() = default;
  /// A mean of values in `support` (throws std::invalid_argument if lower > upper).
  explicit Mean(Support support);

  void add(double x) {
    if (x < support_.lower || x > support_.upper) out_of_support(x);
    ++n_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (x - mean_);
  }
  [[nodiscard]] std::uint64_t count() const noexcept { return n_; }
  [[nodiscard]] const Support& support() const noexcept { return support_; }
  /// Sample mean; NaN when empty.
  [[nodiscard]] double mean() const noexcept;
  /// Unbiased sample variance (divisor n-1); NaN when n < 2.
  [[nodiscard]] double variance() const noexcept;
  /// sqrt(variance()).
  [[nodiscard]] double sd() const noexcept;
  /// Student-t interval for the mean, intersected with the support; NaN bounds when n < 2.
  /// Zero width when all equal.
  [[nodiscard]] Estimate student(double level = 0.95) const;

 private:
  [[noreturn]] void out_of_support(double x) const;
  Support support_;
  std::uint64_t n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;
};

/// Quantiles of the values of a metric over the runs of an ensemble: the predictive (run-to-run)
/// spread, as opposed to the Monte Carlo interval of the mean. The central 95% predictive interval
/// is [quantile(0.025), quantile(0.975)]; being quantiles of the values themselves it never leaves
/// their range (a count never shows a negative bound).
///
/// Exact (type 7 of Hyndman & Fan 1996, R's default: linear interpolation between order statistics)
/// while a group holds at most `exact_limit` values. Beyond that the accumulator switches to the P²
/// algorithm (Jain & Chlamtac 1985, CACM 28(10)), one five-marker estimator per requested probability,
/// initialised from the sorted values it held: memory stays O(exact_limit). Values arrive in run-id
/// order, so the result is identical for any thread or MPI rank count.
class Quantiles {
 public:
  /// `probabilities` in [0, 1], e.g. {0.025, 0.5, 0.975}.
  explicit Quantiles(std::vector<double> probabilities = {0.025, 0.5, 0.975}, std::size_t exact_limit = 20000);
  void add(double x);
  [[nodiscard]] std::uint64_t count() const noexcept { return n_; }
  /// True while the quantiles are exact (count() <= exact_limit).
  [[nodiscard]] bool exact() const noexcept { return markers_.empty(); }
  /// Quantile at the i-th requested probability; NaN when empty.
  [[nodiscard]] double at(std::size_t i) const;
  [[nodiscard]] const std::vector<double>& probabilities() const noexcept { return p_; }

 private:
  struct P2 {
    double q[5];   // marker heights
    double n[5];   // actual positions (1-based)
    double np[5];  // desired positions
    double dn[5];  // increments of the desired positions
  };
  void switch_to_p2();
  std::vector<double> p_;
  std::size_t limit_;
  std::uint64_t n_ = 0;
  mutable std::vector<double> values_;  // exact phase (sorted lazily)
  mutable bool sorted_ = true;
  std::vector<P2> markers_;
};

/// How the pointwise Kaplan-Meier interval is built from Greenwood's variance.
enum class SurvivalInterval {
  linear,   ///< S +- z * se(S), clipped to [0, 1] (Greenwood's plain interval)
  log_log,  ///< on log(-log S) (Kalbfleisch & Prentice 1980): stays inside (0, 1)
};

/// Kaplan-Meier estimate of the survival function of the time to a first event (e.g. the
/// first great-power war), with Greenwood's variance.
///
/// Time is in whole years since the start of the run: an event in the first simulated year
/// has time 1; a run without the event is censored at its horizon. Counts are kept per year
/// (events d_t and censorings c_t), never per run, so memory is O(horizon).
/// At time t the risk set is n_t = N - sum_{s<t} (d_s + c_s) (a run censored at t is still at
/// risk at t). Kaplan & Meier (1958), JASA 53:
///   S(t) = prod_{s<=t} (1 - d_s / n_s)
/// Greenwood (1926):
///   Var S(t) = S(t)^2 * sum_{s<=t} d_s / (n_s (n_s - d_s)).
class KaplanMeier {
 public:
  /// `horizon` is the largest time (years) that can be observed.
  explicit KaplanMeier(int horizon);

  /// A run whose first event came at time t (1 <= t <= horizon).
  void add_event(int t);
  /// A run observed without the event until time t (1 <= t <= horizon).
  void add_censored(int t);
  /// Adds counts directly: `events` runs with the event at t, `censored` censored at t.
  void add_counts(int t, std::uint64_t events, std::uint64_t censored);

  [[nodiscard]] int horizon() const noexcept { return horizon_; }
  [[nodiscard]] std::uint64_t runs() const noexcept { return total_; }
  [[nodiscard]] std::uint64_t events_at(int t) const { return events_.at(t - 1); }
  [[nodiscard]] std::uint64_t censored_at(int t) const { return censored_.at(t - 1); }

  /// One point of the curve.
  struct Point {
    int t = 0;                 ///< time in years
    std::uint64_t at_risk = 0; ///< n_t
    std::uint64_t events = 0;  ///< d_t
    double survival = 1.0;     ///< S(t)
    double se = 0.0;           ///< Greenwood standard error of S(t) (0 once S reaches 0)
    double lo = 1.0;           ///< lower bound of the pointwise interval
    double hi = 1.0;           ///< upper bound
  };
  /// The curve at t = 1..horizon. Empty estimator (no runs): S = 1, NaN se and bounds.
  [[nodiscard]] std::vector<Point> curve(double level = 0.95,
                                         SurvivalInterval kind = SurvivalInterval::linear) const;

 private:
  int horizon_;
  std::uint64_t total_ = 0;
  std::vector<std::uint64_t> events_;
  std::vector<std::uint64_t> censored_;
};

/// Paired difference between two orders (or two design points) run on common random numbers:
/// the same seed and replicate give both runs the same random streams, so a - b has a much
/// smaller variance than the difference of independent means. The interval is the Student-t
/// interval of the mean of the per-replicate differences; for 0/1 outcomes it is the paired
/// (Wald-type) interval for the difference of two proportions.
class PairedDifference {
 public:
  PairedDifference() = default;
  /// Both members of every pair lie in `support`: the difference lies in
  /// [lower - upper, upper - lower] (e.g. [-1, 1] for proportions), and its interval is
  /// intersected with that range.
  explicit PairedDifference(Support support)
      : a_(support), b_(support), d_(Support{support.lower - support.upper,
                                             support.upper - support.lower}) {}
  void add(double a, double b) {
    a_.add(a);
    b_.add(b);
    d_.add(a - b);
  }
  [[nodiscard]] const Mean& first() const noexcept { return a_; }
  [[nodiscard]] const Mean& second() const noexcept { return b_; }
  [[nodiscard]] const Mean& difference() const noexcept { return d_; }
  /// mean(a - b) with its Student-t interval.
  [[nodiscard]] Estimate student(double level = 0.95) const { return d_.student(level); }

 private:
  Mean a_, b_, d_;
};

}  // namespace concord::ensemble
