// Power transitions among great powers and war (`concord validate transitions`).
//
// Organski & Kugler (1980, The War Ledger, ch. 1) and Lemke & Kugler (1996) hold that wars
// among contenders follow when a rising challenger reaches parity with, and overtakes, the
// dominant power. This table puts the claim against the COW record: for every pair of COW
// major powers, the spells at parity (weaker CINC / stronger CINC >= 0.8) and the overtakings,
// each with the first COW inter-state war between the two that began within `within_years`
// years of the start of the spell (for a spell: from its first year to `within_years` after
// its last) or of the overtaking.
//
// Capability is the published NMC 7.0 CINC, taken only in years in which the state is a COW
// major power (majors2024), so that parity and overtaking are among contenders only. Parity and
// overtaking are the measures concern's functions (measures/transition.hpp).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "concord/measures/transition.hpp"

namespace concord::validate {

struct TransitionsOptions {
  int first_year = 1816;
  int last_year = 2007;   ///< COW inter-state wars 4.0 end in 2007 (a later window is refused)
  int within_years = 10;  ///< window after an event in which a war counts as following it
  double parity_threshold = measures::kParityThreshold;
};

/// A war that followed an event: COW war number and first year of fighting between the two.
struct FollowingWar {
  int warnum = 0;  ///< 0 if none
  int year = 0;
  /// No war found, but the window runs past the war data's last year: unknown, not "no war".
  bool censored = false;
};

struct ParityRow {
  measures::ParitySpell spell;
  int overtakings = 0;  ///< overtakings between the two inside the spell
  FollowingWar war;
};

struct OvertakingRow {
  measures::OvertakingEvent event;
  FollowingWar war;
};

struct TransitionsResult {
  TransitionsOptions options;
  std::vector<ParityRow> parity;
  std::vector<OvertakingRow> overtakings;
  long major_dyad_years = 0;       ///< dyad-years with both states major and CINC known
  long major_dyad_war_onsets = 0;  ///< of which a war between them began
};

/// Inputs: the major-power spells, NMC table and war dyad-years (read from the data directory).
struct TransitionsSources;
std::shared_ptr<const TransitionsSources> read_transitions_sources(const std::filesystem::path& data_dir);

/// Computes the tables. Throws std::invalid_argument on an empty or reversed window, InputError
/// (naming --years, the war dataset and its last year) if the window passes the war data.
TransitionsResult run_transitions(const TransitionsSources& sources, const TransitionsOptions& options);

/// Plain-text tables and a summary (share of parity spells / overtakings followed by war, and
/// the base rate of war onset per major-power dyad-year times the window for comparison).
std::string format_transitions_report(const TransitionsResult& result, const TransitionsSources& sources);

}  // namespace concord::validate
