// The fitted conflict process of phases 7 and 8 (MODEL.md 2.7-2.8, docs/model.md "escalation"
// and "war joining"): the contract with `concord validate escalation`, which fits the equations
// from the record and writes data/escalation-<region>.toml and data/joining.toml.
//
// Escalation: P(war | crisis) of a dyadic dispute is a logit,
//   eta = intercept + sum_k beta_k x_k + offset,   P = max(floor, Lambda(eta)),
// with x = (gp_both, gp_one, nuclear_both, nuclear_one, territorial, regime, parity, alliance,
// joint_democracy, world_wars, post1945, east_asian_peace, post_cold_war, gp_both_world_wars,
// nuclear_both_gp) as defined at EscalationTerm (the era terms are read from the crisis's
// calendar year). `offset` is the order mechanisms'
// additive log-odds (0 until issue 12 derives them); `floor` the inadvertent-escalation floor.
// A crisis whose revision type is unknown (a background MID, which has no flashpoint) takes the
// record's mixture: P = sum_t share_t max(floor, Lambda(eta + beta_t)), t over territorial,
// regime and the rest (policy and other, the reference).
//
// Joining: a state with an obligation that applies (defense to a target, offense to an
// initiator) joins on its ally's side with the rate of its era (war onset before 1946 or not).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace concord::engine {

/// The terms of the escalation logit, in this fixed order (the intercept is kept apart).
enum class EscalationTerm : int {
  gp_both,          ///< 1 if both states are COW major powers that year
  gp_one,           ///< 1 if exactly one is
  nuclear_both,     ///< 1 if both possess nuclear weapons (Bleek 2017 status 3)
  nuclear_one,      ///< 1 if exactly one does
  territorial,      ///< 1 if the dispute is over territory (MIDB revtype1 or revtype2 = 1 on either side)
  regime,           ///< 1 if over the regime (revtype 3) and not over territory
  parity,           ///< ln(weaker CINC / stronger CINC), <= 0
  alliance,         ///< 1 if an ATOP defense pledge links the two
  joint_democracy,  ///< min V-Dem polyarchy of the two, 0..1
  world_wars,       ///< 1 if the dispute began in 1914-1945 (the two world wars and between)
  post1945,         ///< 1 if it began after 1945
  east_asian_peace, ///< 1 if it began after 1979 (Kivimaki 2014; Tonnesson 2017); fitted for the Asia-Pacific only
  post_cold_war,    ///< 1 if it began after 1989
  gp_both_world_wars,    ///< gp_both x world_wars: great-power disputes of 1914-1945 (Levy 1983's general wars)
  nuclear_both_gp,       ///< nuclear_both with a great power on either side (Jervis 1989; Gaddis 1986)
  count_
};
inline constexpr std::size_t kEscalationTermCount = static_cast<std::size_t>(EscalationTerm::count_);

/// The key of each term in escalation-<region>.toml, in enum order.
const std::array<const char*, kEscalationTermCount>& escalation_term_keys();

/// What a dispute is about (MIDB revision types; Senese & Vasquez 2008). `unknown` takes the
/// record's mixture of types (EscalationModel::share_territorial, share_regime).
enum class RevisionType : std::uint8_t { unknown, territorial, policy, regime };

/// "territorial", "policy", "regime" (or "" for unknown).
std::string_view revision_type_name(RevisionType t);

struct EscalationModel {
  double intercept = 0.0;
  std::array<double, kEscalationTermCount> beta{};
  std::array<double, kEscalationTermCount> se{};
  double intercept_se = 0.0;
  /// Covariance of (intercept, beta...) in the order of `covariance_terms`, row-major.
  std::vector<std::string> covariance_terms;
  std::vector<double> covariance;
  /// Shares of territorial and regime disputes among the fitted dyadic MIDs: the mixture for a
  /// crisis of unknown revision type.
  double share_territorial = 0.0;
  double share_regime = 0.0;
  std::string window;
  std::string region;
  std::string outcome;  ///< how war was coded ("hostlev5", ...)
  long n = 0;
  long events = 0;
  std::string source;  ///< the file read, or why none was
  bool fitted = false;

  [[nodiscard]] double coef(EscalationTerm t) const noexcept { return beta[static_cast<std::size_t>(t)]; }
};

/// The covariates of one crisis (revision type kept apart: see RevisionType).
struct EscalationCovariates {
  bool gp_a = false, gp_b = false;
  bool nuclear_a = false, nuclear_b = false;
  double parity = 0.0;           ///< ln(weaker / stronger CINC), <= 0
  bool alliance = false;
  double joint_democracy = 0.0;  ///< min polyarchy
  int year = 0;
  RevisionType revision = RevisionType::unknown;
};

/// Linear predictor without the revision terms and without the offset.
[[nodiscard]] double escalation_eta(const EscalationModel& e, const EscalationCovariates& x) noexcept;

/// P(war | crisis) = max(floor, Lambda(eta + offset)), mixed over revision types when unknown.
/// The one function the engine (phase 7) and `validate calibration` both call.
[[nodiscard]] double escalation_probability(const EscalationModel& e, const EscalationCovariates& x,
                                            double offset, double floor) noexcept;

/// Reads an escalation file. Throws InputError naming the file, line and key on a syntax error,
/// an unknown key (with "did you mean"), a missing coefficient or a malformed covariance.
EscalationModel read_escalation(const std::filesystem::path& file);

/// data/escalation-<region>.toml when it exists, else data/escalation-world.toml.
std::filesystem::path project_escalation_file(std::string_view region);

/// read_escalation(project_escalation_file(region)) if the file exists, else an unfitted model
/// (`fitted` false; the engine then falls back to bargaining).
EscalationModel load_project_escalation(std::string_view region);

/// Obligation of a third state toward a belligerent (Leeds 2003).
enum class Obligation : std::uint8_t { defense, offense };

/// One joining rate with its fit: joined of invoked, Wilson 95% interval.
struct JoiningRate {
  long invoked = 0;
  long joined = 0;
  double rate = 0.0;
  double lower = 0.0;
  double upper = 0.0;
};

struct JoiningRates {
  /// [era][obligation]: era 0 = wars that began before 1946, 1 = from 1946; obligation 0 defense,
  /// 1 offense. Also the pooled obligation rate per era in `any`.
  std::array<std::array<JoiningRate, 2>, 2> by_obligation{};
  std::array<JoiningRate, 2> any{};
  int boundary = 1946;  ///< first year of the second era
  std::string window;
  std::string source;
  bool fitted = false;

  /// Rate a state with an applicable obligation joins a war that begins in `year`.
  [[nodiscard]] double rate(int year, Obligation o) const noexcept {
    return by_obligation[year >= boundary ? 1 : 0][o == Obligation::defense ? 0 : 1].rate;
  }
};

/// Reads data/joining.toml (located errors as read_escalation).
JoiningRates read_joining(const std::filesystem::path& file);

/// data/joining.toml under the project directory if it exists, else unfitted (`fitted` false:
/// the engine then uses alliance_reliability).
JoiningRates load_project_joining();

}  // namespace concord::engine
