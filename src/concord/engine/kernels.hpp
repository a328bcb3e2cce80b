// Closed-form kernels of the yearly step: crisis bargaining (Fearon 1995, Powell 2006) and the
// Richardson (1960) arms process. Pure functions; the phases call them and the tests check them
// against REFERENCES.md.
#pragma once

#include <cstddef>
#include <span>

namespace concord::engine {

/// Standard normal CDF Phi(x).
double normal_cdf(double x) noexcept;

/// Inverse of the standard normal CDF (Boost.Math), for probabilities in (0, 1).
double normal_quantile(double prob);

/// Fearon (1995) bargaining range for A's share of an issue on [0, 1]: war gives A p - c_A and
/// D 1 - p - c_D, so every split x with p - c_A <= x <= p + c_D is preferred by both to war.
struct BargainingRange {
  double low;
  double high;
};
BargainingRange fearon_range(double p, double cost_a, double cost_d) noexcept;

/// Powell (2006), rising state A, per-period prize 1, discount delta, war absorbing: the
/// declining state D prefers war now iff delta * p_next - p_now > c_D + delta * c_A, where p is
/// A's probability of prevailing. Costs are in units of one period's prize (docs/model.md).
bool powell_commitment_war(double p_now, double p_next, double cost_a, double cost_d, double delta) noexcept;

/// Private information (MODEL.md 2.7): each side perceives p with independent N(0, sigma^2) noise;
/// the perceived ranges fail to overlap with probability 1 - Phi((c_A + c_D) / (sigma sqrt 2)).
/// sigma = 0 gives 0 when c_A + c_D > 0 (perfect information).
double p_war_information(double cost_a, double cost_d, double sigma_info) noexcept;

/// sigma_info that makes p_war_information(c_A, c_D, sigma) equal `prob` (used to calibrate the
/// noise to a fitted escalation rate). Requires 0 < prob < 0.5 and c_A + c_D > 0.
double sigma_info_for(double prob, double cost_a, double cost_d);

/// The same with a logistic information error (the bargaining alternative of the fitted conflict
/// process, docs/model.md "escalation"): the difference of the two sides' perception errors is
/// logistic with the variance of the Gaussian form, 2 sigma^2, i.e. scale s = sigma sqrt(6) / pi,
/// so P = 1 / (1 + exp((c_A + c_D) / s)). Its tail is exponential, not Gaussian: a cost difference
/// moves P by a factor exp(dc / s), never by the 1e-5..1e-27 of the Gaussian tail.
double p_war_information_logistic(double cost_a, double cost_d, double sigma_info) noexcept;

/// sigma_info that makes p_war_information_logistic equal `prob` (closed form:
/// sigma = pi (c_A + c_D) / (sqrt(6) ln(1/prob - 1))). Requires 0 < prob < 0.5 and c_A + c_D > 0.
double sigma_info_for_logistic(double prob, double cost_a, double cost_d);

/// Commitment problem made smooth (MODEL.md 2.7): Phi((delta p' - p - c_D - delta c_A) / sigma_c)
/// for the declining side, with p its rival's probability of prevailing now and p' a year ahead.
/// sigma_c = 0 gives Powell's sharp condition (1 if it holds, else 0).
double p_war_commitment(double p_now, double p_next, double cost_a, double cost_d, double delta,
                        double sigma_c) noexcept;

/// P(war | crisis) = 1 - (1 - P_info) (1 - P_commit).
double p_war_given_crisis(double p_info, double p_commit) noexcept;

/// Nash bargaining point (equal weights, linear utilities, disagreement at the war payoffs) for
/// A's share: the midpoint of Fearon's range.
double nash_share(double p, double cost_a, double cost_d) noexcept;

/// Richardson's two-state equilibrium of dx/dt = k y - a x + g, dy/dt = l x - b y + h:
/// x* = (b g + k h)/(a b - k l), y* = (a h + l g)/(a b - k l); stable iff a b > k l.
struct RichardsonEquilibrium {
  double x;
  double y;
  bool stable;
};
RichardsonEquilibrium richardson_equilibrium(double k, double a, double g, double l, double b,
                                             double h) noexcept;

/// One explicit Euler step of length dt of the N-state Richardson system
/// dx_i/dt = reaction_i * sum_j threat[i*n + j] x_j - fatigue_i x_i + grievance_i,
/// written to `out` (size n). The engine's military-effort phase calls it with x the defense
/// burdens; with n = 2 and threat = [[0,1],[1,0]] it is the textbook two-state system.
/// Does not allocate; `x` and `out` must not alias.
void richardson_step(std::span<const double> x, std::span<const double> threat,
                     std::span<const double> reaction, std::span<const double> fatigue,
                     std::span<const double> grievance, double dt, std::span<double> out) noexcept;

}  // namespace concord::engine
