// The fitted war duration and battle deaths the war phase uses: the contract with the `validate`
// concern, which fits them (`concord validate wars`, validate/war_fit.hpp) and commits
// data/wars.toml. The engine never reads the raw war data.
//
// [duration]: q, the yearly probability that a war going on ends (geometric duration, mean 1/q
// years), with se, n (wars); [duration.great_power] and [duration.other]: the same for wars
// with a great power on each side and the rest, with the likelihood-ratio test in [duration]
// (lr, p). [severity]: the log-log regression of battle deaths per participant-year on military
// personnel in persons, ln(B / T) = intercept + elasticity ln P + e, e ~ normal(0, sd^2), with
// intercept_se, elasticity_se, sd_se, n (participants). [meta]: dataset, version, window, fitted_on,
// command (kept for the record).
#pragma once

#include <filesystem>
#include <string>

namespace concord::engine {

/// One geometric duration fit as read from the file.
struct DurationFit {
  double q = 0.0;   ///< yearly termination probability, in (0, 1]
  double se = 0.0;
  long n = 0;       ///< wars
};

struct WarFits {
  DurationFit all;          ///< [duration]
  DurationFit great_power;  ///< [duration.great_power] (n = 0 if absent)
  DurationFit other;        ///< [duration.other] (n = 0 if absent)
  double lr_p_value = 1.0;  ///< [duration] p: test of one q against the two
  double intercept = 0.0;   ///< [severity] a of ln(deaths per year) = a + b ln(personnel) + e
  double intercept_se = 0.0;
  double elasticity = 0.0;  ///< [severity] b
  double elasticity_se = 0.0;
  double sd = 0.0;          ///< [severity] residual standard deviation, >= 0
  double sd_se = 0.0;
  long participants = 0;    ///< [severity] n
  std::string window;       ///< [meta] window, e.g. "1816-2007"
  std::string source;       ///< the file read, or a note that none was found
  bool fitted = false;      ///< false when no file was found (the registry's fallbacks apply)
};

/// Reads a wars file. Throws InputError (file, line, column, key) if it cannot be parsed, a
/// required key ([duration] q, [severity] intercept, elasticity and sd) is missing or not a number, q is outside
/// (0, 1] or sd is negative; unknown tables are errors too.
WarFits read_wars(const std::filesystem::path& file);

/// data/wars.toml under the project directory if it exists, else an unfitted WarFits whose
/// `source` says so.
WarFits load_project_wars();

}  // namespace concord::engine
