// Fitting and scoring the dyad-year hazards of MID onset and war onset (`concord validate
// hazards`), and the contract file data/hazards.toml that the engine reads.
//
// Design (docs/validation.md, docs/model.md "hazards"): fit on the training years of a region,
// score the test years with Brier score, log loss and ROC AUC, against four forecasts:
//   base_rate        the training share of dyad-years with an onset, for every dyad-year;
//   logit            the standard dyad-year logit: intercept, the eight covariates of
//                    DyadYearTable, trade_missing (1 where trade dependence is unknown; the
//                    covariate is then set to 0) and Carter & Signorino (2010) peace-years
//                    cubic in s = t / 10 (s, s^2, s^3; the rescaling keeps the information
//                    matrix well conditioned and changes nothing else);
//   engine_unfitted  the engine's form with hand-set defaults: intercept ln(base rate), every
//                    other coefficient 0, so P = Lambda(ln r) = r / (1 + r);
//   engine_fitted    the engine's form with the coefficients written to data/hazards.toml:
//                    the logit above plus strategic rivalry, nuclear dyad (both / one side),
//                    shared IGO memberships and shared security-mandated IGO memberships
//                    (dyad_years.hpp; the engine carries the peace-years clock per dyad);
//                    for war onset, P(MID onset) x P(war | MID) (the escalation rate).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "concord/validate/dyad_years.hpp"
#include "concord/validate/logit.hpp"

namespace concord::validate {

struct HazardsOptions {
  Region region = Region::asia;
  int train_first = 1946;
  int train_last = 1999;
  int test_first = 2000;
  int test_last = 2014;  ///< MID 5.0 ends in 2014
};

/// One forecast scored on one outcome in the test years.
struct ScoreRow {
  std::string outcome;  ///< "mid_onset" or "war_onset"
  std::string model;    ///< base_rate, logit, engine_unfitted, engine_fitted
  long n = 0;           ///< test dyad-years scored
  long events = 0;
  double brier = 0.0;
  double log_loss = 0.0;
  double auc = 0.0;  ///< NaN when the test years have no event
  std::string note;  ///< why a model could not be scored (fit failure), else empty
};

/// Share of MID onsets that reached war, with the Wilson 95% score interval (Wilson 1927).
struct Escalation {
  long mids = 0;
  long wars = 0;
  double rate = 0.0;
  double lower = 0.0;
  double upper = 0.0;
};

/// Wilson score interval for k successes in n trials at z = 1.959964 (95%). n > 0.
Escalation wilson_interval(long k, long n);

/// The carter-signorino peace-years terms (s, s^2, s^3) with s = t / 10.
std::array<double, 3> peace_year_terms(double t);

struct HazardsResult {
  HazardsOptions options;
  long train_rows = 0;      ///< dyad-years in the training years (before deletion)
  long train_mid_rows = 0;  ///< used in the MID fits (complete covariates, not continuing)
  long train_war_rows = 0;  ///< used in the war fits
  long test_mid_rows = 0, test_war_rows = 0;
  long dropped_missing = 0;  ///< training dyad-years dropped for a missing covariate
  long trade_imputed = 0;    ///< training rows with trade_dependence unknown (set 0, flagged)
  double mid_base_rate = 0.0, war_base_rate = 0.0;
  /// false: dyadic trade is known for fewer than half of the training MID rows, and the engine
  /// contract (mid_engine, data/hazards*.toml) leaves trade_dependence and trade_missing out.
  bool trade_identified = true;
  double trade_known_share = 0.0;  ///< share of training MID rows with dyadic trade known
  std::optional<LogitFit> mid_logit;          ///< with peace-years
  std::optional<LogitFit> war_logit;          ///< the fullest specification that could be fitted
  std::optional<LogitFit> mid_engine;         ///< the contract: peace-years and the dyad-record terms
  /// Dyad-record terms left out of mid_engine because they are constant in the training rows.
  std::vector<std::string> unidentified;
  /// Largest peace-years count t among the training MID rows: the engine holds t at most here
  /// (the cubic is not extrapolated past the data).
  int peace_years_max = 0;
  std::string war_logit_spec;                 ///< "full model", "without trade terms", ...
  std::vector<std::string> war_logit_errors;  ///< why fuller war specifications failed
  Escalation escalation;                      ///< in the training years
  std::vector<ScoreRow> scores;
  int war_last_year = 0;  ///< war data end: war-onset rows after it are left out (missing)
};

/// Builds the dyad-years of train and test years, fits and scores. Throws LogitError if the MID
/// model cannot be fitted (the war logit failing is recorded in war_logit_error instead).
HazardsResult run_hazards(const DyadYearSources& sources, const HazardsOptions& options);

/// Writes data/hazards.toml (the engine contract; format in docs/model.md, section hazards).
/// `command` is the command line that reproduces the file; `fitted_on` the ISO date of the fit.
void write_hazards_toml(const HazardsResult& result, const std::filesystem::path& file,
                        const std::string& command, const std::string& fitted_on);

/// Writes the scores and coefficients into table `validation` (and `validation_coefficients`)
/// of a SQLite file (created if absent; rows of the same kind are replaced). Schema in
/// docs/validation.md.
void write_validation_store(const HazardsResult& result, const std::filesystem::path& file);

/// A plain-text report: fits with standard errors, then the score table.
std::string format_hazards_report(const HazardsResult& result);

}  // namespace concord::validate
