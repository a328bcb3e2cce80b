// The escalation equation of dyadic militarized disputes and the war-joining rates, estimated
// from the record (`concord validate escalation`), and the engine's contract files they write:
// data/escalation-<region>.toml and data/joining.toml (engine/escalation.hpp).
//
// Unit of escalation: the dyadic MID, a pair of states on opposite sides of one MID 5.0 dispute
// (MIDB), whose participation overlaps in time; a dispute with many states counts once per such
// pair. The dyad's onset year is the later of the two states' first years in the dispute; its
// covariates are those of that year.
// Outcome: war = both states reached hostility level 5 (MIDB hostlev, highest over their spells)
// OR the COW war link: the pair began fighting each other, on opposite sides of a COW
// inter-state war 4.0, within the dyad's dispute (the first month both were in the war lies
// between the first and last months both were in the MID; an unknown month widens the span to
// its year; disputes inside a war already going on are not linked, nor is a MID after the
// war's start, such as MID 3077 of August 1982 after the Falklands War).
// Either coding alone misses wars the other records: MID 4007 (1993-1999) holds the Kargil War
// with India at hostility 4, and MIDs coded 5 on both sides include fighting COW does not count
// as a war between that pair. The union is the outcome; the two are cross-tabulated in the
// report. The war list ends in 2007: after it, the hostility coding alone.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "concord/engine/escalation.hpp"
#include "concord/validate/dyad_years.hpp"
#include "concord/validate/logit.hpp"

namespace concord::validate {

/// The datasets of the escalation and joining fits, read once (owning).
struct EscalationSources;

/// Reads MID 5.0 (A, B), COW major powers and state list 2024, NMC 7.0, ATOP 5.1 dyad-years and
/// 4.01 member-level, V-Dem polyarchy, Bleek nuclear status and COW inter-state wars 4.0.
std::shared_ptr<const EscalationSources> read_escalation_sources(const std::filesystem::path& data_dir);

/// One row per dyadic MID (side A state, side B state). Covariates NaN where missing.
struct DyadicMids {
  std::vector<int> dispnum, ccode_a, ccode_b, year, end_year;
  std::vector<std::uint8_t> war_hostlev;  ///< both reached hostility level 5
  std::vector<std::int8_t> war_link;      ///< began a COW inter-state war against each other (-1: after 2007, unknown)
  std::vector<std::uint8_t> war;          ///< the outcome: war_hostlev or war_link == 1
  std::vector<std::uint8_t> gp_a, gp_b, nuclear_a, nuclear_b, alliance;
  std::vector<engine::RevisionType> revision;
  std::vector<double> parity, polyarchy_a, polyarchy_b;
  [[nodiscard]] std::size_t size() const noexcept { return year.size(); }
  /// True if every covariate of row i is known (parity and both polyarchies).
  [[nodiscard]] bool complete(std::size_t i) const noexcept;
  /// The engine's covariates of row i.
  [[nodiscard]] engine::EscalationCovariates covariates(std::size_t i) const noexcept;
};

/// Every dyadic MID of `region` (both states in it) that began in [first, last].
DyadicMids build_dyadic_mids(const EscalationSources& s, Region region, int first, int last);

struct EscalationOptions {
  Region region = Region::world;
  int train_first = 1816;
  int train_last = 1999;
  int test_first = 2000;
  int test_last = 2014;  ///< MID 5.0 ends in 2014
};

/// The era terms fitted for a region: world_wars, post1945 and post_cold_war everywhere (terms
/// without variation in the training rows are left out), east_asian_peace for the Asia-Pacific
/// only (the regional claim of Kivimaki 2014 and Tonnesson 2017).
bool era_term_fitted(Region region, engine::EscalationTerm t);

/// A forecast of escalation scored on the test dyadic MIDs.
struct EscalationScore {
  std::string model;  ///< "base_rate" (training share for every MID) or "logit"
  long n = 0;
  long events = 0;
  double brier = 0.0, log_loss = 0.0, auc = 0.0;  ///< AUC NaN when the test has no war or only wars
};

/// Cross-tabulation of the two war codings over the training dyadic MIDs that began by 2007.
struct OutcomeAgreement {
  long both = 0;          ///< hostlev 5 both and COW war enemies
  long hostlev_only = 0;  ///< hostlev 5 both, not COW war enemies
  long link_only = 0;     ///< COW war enemies, not hostlev 5 both
  long neither = 0;
};

struct EscalationResult {
  EscalationOptions options;
  /// The fit is Firth's penalized likelihood (validate/firth.hpp): classes with no war (nuclear
  /// dyads) would otherwise separate.
  long train_dyads = 0;    ///< dyadic MIDs in the training years, before dropping
  long dropped = 0;        ///< training rows dropped for a missing covariate
  LogitFit fit;            ///< intercept + the ten terms
  std::vector<std::string> dropped_terms;  ///< terms without variation in the training rows (coef 0)
  double base_rate = 0.0;  ///< training share of dyadic MIDs that reached war
  double share_territorial = 0.0, share_regime = 0.0;
  std::vector<EscalationScore> scores;  ///< empty when the test window has no dyadic MID
  OutcomeAgreement agreement;
  /// Nuclear dyads in the training rows: dyadic MIDs and wars (for the report).
  long nuclear_both_mids = 0, nuclear_both_wars = 0, nuclear_one_mids = 0, nuclear_one_wars = 0;
};

/// Builds the dyadic MIDs, fits the logit on the training years, scores the test years.
/// Throws LogitError when the fit fails.
EscalationResult run_escalation(const EscalationSources& s, const EscalationOptions& o);

/// The fitted model as the engine reads it (terms left out of the fit have coefficient 0).
engine::EscalationModel to_engine_model(const EscalationResult& r);

/// The report: "table" (text), "csv" or "json".
std::string format_escalation_report(const EscalationResult& r, const std::string& format);

/// Writes data/escalation-<region>.toml (the contract of engine/escalation.hpp).
void write_escalation_toml(const EscalationResult& r, const std::filesystem::path& file, const std::string& command,
                           const std::string& fitted_on);

// --- war joining ------------------------------------------------------------------------------

/// One obligation invoked by a war: third state `ally` with an obligation of `kind` toward an
/// original belligerent on `side`; `joined` if it entered the war on that side.
struct InvokedObligation {
  int warnum = 0;
  int year = 0;  ///< the war's first year
  int ally = 0;
  int partner = 0;  ///< the original belligerent it is pledged to (the first found)
  engine::Obligation kind = engine::Obligation::defense;
  bool joined = false;
  bool joined_other_side = false;
};

struct JoiningOptions {
  int first_year = 1816;
  int last_year = 2007;
  int boundary = 1946;  ///< first year of the second era
};

struct JoiningResult {
  JoiningOptions options;
  std::vector<InvokedObligation> invoked;
  engine::JoiningRates rates;
  long wars = 0;              ///< COW inter-state wars that began in the window
  long conflicting = 0;       ///< third states pledged to both sides (left out)
};

/// Joining rates by era and obligation (Leeds 2003; Berkemeier & Fuhrmann 2018): for each COW
/// inter-state war, its original belligerents (the participants that entered on its first day)
/// and every other system member with an ATOP 4.01 obligation in force at the war's start that
/// applies (a defense pledge to a belligerent on the side that did not initiate, an offense
/// pledge to one on the initiating side; a pledge limited to named adversaries applies only when
/// one of them is an original belligerent on the other side; a pledge limited to locations
/// applies only to a war fought in a home region of the alliance's members; a pledge within an
/// alliance does not apply against another of its members). Joined: it entered the war on that
/// side.
JoiningResult estimate_joining(const EscalationSources& s, const JoiningOptions& o);

std::string format_joining_report(const JoiningResult& r, const std::string& format);

/// Writes data/joining.toml.
void write_joining_toml(const JoiningResult& r, const std::filesystem::path& file, const std::string& command,
                        const std::string& fitted_on);

/// Wilson score interval for k of n at a normal quantile z (1.959964 for 95%, 1.644854 for 90%).
std::pair<double, double> wilson_bounds(long k, long n, double z);

}  // namespace concord::validate
