// The frozen model the engine steps: a scenario and an order resolved to indices, plus the
// parameters and the fitted hazards. Built once (build.hpp) and then read-only, shared by every
// run and thread. Actors are indexed 0..n-1; dyad variables are dense row-major n x n matrices
// (entry i*n + j); no string is looked up inside the yearly loop.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "concord/engine/escalation.hpp"
#include "concord/engine/hazards.hpp"
#include "concord/engine/params.hpp"

namespace concord::engine {

/// How states other than great powers place themselves each year (ORDERS.md "alignment").
enum class AlignmentRule { fixed, balance, balanced_disparity, bandwagon, hedge };
/// What happens to formal alliances (ORDERS.md "alliances").
enum class AllianceRule { keep, rebalance, phase_out, hegemon_bloc };
/// Who steps in when a crisis opens (ORDERS.md "crisis_manager").
enum class CrisisManager { self_help, hegemon, concert, institutions, community };

/// Institutional mandates as bits.
enum Mandate : unsigned {
  mandate_dialogue = 1U << 0U,
  mandate_confidence_building = 1U << 1U,
  mandate_preventive_diplomacy = 1U << 2U,
  mandate_dispute_settlement = 1U << 3U,
  mandate_arms_control = 1U << 4U,
  mandate_humanitarian = 1U << 5U,
  mandate_economic_integration = 1U << 6U,
};

/// Measures an order puts in force from the start, each a level in [0, 1].
struct Measures {
  double confidence_building = 0.0;
  double code_of_conduct = 0.0;
  double reassurance = 0.0;
  double trust_building = 0.0;
  double arms_control = 0.0;
  double humanitarian = 0.0;
};

/// An institution's decision rule after the order (MODEL.md 2.9; bargain/decision.hpp).
enum class InstitutionRule { consensus, minority_veto, consensus_minus_one, qmv, directorate, hegemon };

/// Vote weights under qualified-majority voting (ORDERS.md decision rule `qmv`).
enum class QmvWeights : std::uint8_t {
  equal,       ///< one member, one vote
  capability,  ///< the member's CINC in the current year
  population,  ///< the member's population in the current year
  gdp,         ///< the member's GDP in the current year
  listed,      ///< InstitutionDecisionRule::listed_weight (actors not listed weigh 0)
};

struct InstitutionDecisionRule {
  InstitutionRule rule = InstitutionRule::consensus;
  double veto_threshold = 0.5;  ///< minority veto / consensus minus one: salience x opposition above blocks
  double quota = 2.0 / 3.0;     ///< qmv: share of the members' total weight needed, (0, 1]
  QmvWeights weights = QmvWeights::capability;  ///< qmv: what a member's vote weighs
  std::vector<double> listed_weight;  ///< qmv with listed weights: per actor (size n), else empty
  std::vector<int> directorate;       ///< directorate rule: this body's directorate (empty: the order's)
};

/// A group of actors named by an order (ORDERS.md groups), evaluated each year by in_group():
/// great-power status is the model's, membership is the institution's in that year (after the
/// order's membership edits).
struct ActorGroupRule {
  enum class Kind : std::uint8_t { all, great_powers, small_states, members_of, listed };
  Kind kind = Kind::all;
  int institution = -1;               ///< members_of: institution index (-1: nobody)
  std::vector<std::uint8_t> listed;   ///< listed: 1 per listed actor (size n)
};

/// Relative weights of Walt's (1987) four sources of threat in the balance rule. The threat of
/// great power j to state i is the weighted geometric mean
/// `prod_k x_k^(w_k / sum w)` of power (j's capability share), proximity (loss-of-strength
/// factor of the i-j distance), offensive capability (j's share of the region's military
/// expenditure) and intent (1 - trust of i in j). Only ratios matter; a weight of 0 drops a source.
struct ThreatWeights {
  double power = 1.0;
  double proximity = 1.0;
  double offensive = 1.0;
  double intent = 1.0;
};

/// An order's rules resolved against the scenario's actors (indices, not names). Filled from a
/// concord::Order by build_model; the engine reads only this, never the order's name.
struct OrderRules {
  std::string name;
  AlignmentRule alignment = AlignmentRule::fixed;  ///< rule of the actors in alignment_applies_to
  ActorGroupRule alignment_applies_to{ActorGroupRule::Kind::small_states, -1, {}};
  AlignmentRule alignment_others = AlignmentRule::fixed;  ///< rule of every other actor
  ThreatWeights threat_weights;        ///< balance rule: Walt's four sources of threat
  double coalition_cap = 0.5;          ///< balanced-disparity rule: no coalition may reach this share
  int balancer = -1;                   ///< offshore balancer backing the weaker coalition (-1: none)
  bool across_rivalry = false;         ///< true: states may align with a rival or a trusted ally's rival
  int alignment_target = -1;           ///< bandwagon / bloc target actor (-1: hegemon, else strongest)
  std::vector<int> alignment_exclude;  ///< great powers nobody aligns with (e.g. excluded from the region)
  AllianceRule alliances = AllianceRule::keep;
  std::vector<int> phase_out_with;     ///< alliances with these actors phase out (empty: all)
  double phase_out_years = 10.0;
  CrisisManager crisis_manager = CrisisManager::self_help;
  std::vector<int> mediators;          ///< institutions that mediate (empty: any shared one with a mandate)
  bool impose_on_others = false;       ///< hegemon / concert back a side in crises among others
  std::vector<InstitutionDecisionRule> institution_rules;  ///< one per institution
  bool agenda_restricted = false;      ///< true: only agenda_setters table proposals
  ActorGroupRule agenda_setters;       ///< who tables proposals when agenda_restricted
  std::vector<int> directorate;        ///< directorate members (concert rules)
  int hegemon = -1;                    ///< hegemon actor, -1 if none
  double restraint_gp = 0.0;           ///< elite restraint toward great powers, [0, 1]
  double restraint_small = 0.0;        ///< elite restraint toward small states, [0, 1]
  double spheres = 0.0;                ///< probability a beaten small state loses autonomy to a great power
  double institution_effect = 1.0;     ///< scales mediation, normative cost and measures of institutions
  double interdependence_weight = 1.0; ///< multiplies the trade term of the cost of war
  double trade_integration_growth = 0.0;  ///< extra yearly growth of trade among the region's states
  double community_threshold = 0.5;    ///< polyarchy a member needs under crisis_manager=community
  double regime_target = 0.0;          ///< regime scores move toward this polyarchy ...
  double regime_rate = 0.0;            ///< ... closing this share of the gap a year (0: no convergence)
  std::vector<double> reliability;     ///< per actor alliance reliability override (< 0: parameter)
  std::vector<unsigned> mandate_upgrade;  ///< per institution: mandate bits added by the order
  std::vector<int> add_members;        ///< actors the order adds to every institution
  std::vector<int> remove_members;     ///< actors the order removes from every institution
  Measures measures;                   ///< region-wide measures in force from the start
  std::vector<double> initial_cbm;     ///< per flashpoint CBM level in force (empty: measures.confidence_building)
  std::vector<double> initial_code;    ///< per flashpoint code-of-conduct level in force
  double arms_cap = -1.0;              ///< burden cap of an arms-control measure (< 0: parameter)
};

struct Flashpoint {
  std::string name;
  std::vector<int> parties;        ///< actor indices
  std::vector<double> positions;   ///< each party's position on 0..100
  std::vector<double> salience;    ///< each party's salience, 0..1
  std::vector<int> stakeholders;   ///< outside stakeholders (actor indices)
  std::vector<double> stakeholder_salience;  ///< each stakeholder's salience, 0..1
  double status_quo = 50.0;        ///< 0..100
  double base_rate = 0.1;          ///< lambda: incidents per party pair per year at the start
  RevisionType revision = RevisionType::unknown;  ///< what the dispute is about (escalation.hpp)
  /// First year of the window its incident rate was fitted on (0: hand-set). A stakeholder whose
  /// dyad with a party had a MID onset since then (peace-years at the start <= start_year - this)
  /// is a party of this flashpoint's dyad process (docs/model.md, "Incidents").
  int record_since = 0;
};

struct Institution {
  std::string name;
  std::vector<int> members;        ///< actor indices
  std::vector<int> join_year;      ///< calendar year each member joined (same length)
  unsigned mandate = mandate_dialogue;
  double capacity = 0.3;           ///< 0..1
};

/// The frozen model.
struct Model {
  // identity
  std::string scenario_name;
  std::string scenario_hash;
  int start_year = 2015;

  // actors (size n)
  std::vector<int> ccode;
  std::vector<std::string> stateabb;
  std::vector<double> gdp;          ///< Y, 2011 int. $ PPP (millions)
  std::vector<double> population;   ///< thousands
  std::vector<double> milex;        ///< M, millions of US$ (SIPRI constant 2022 where known)
  std::vector<double> nmc_milex;    ///< COW NMC milex component (thousands of current US$; NaN = missing)
  std::vector<double> milper, irst, pec, tpop, upop;  ///< COW NMC components (NaN = missing)
  std::vector<double> polyarchy;    ///< V-Dem, 0..1
  /// Great powers at the start, by the scenario's great-power rule (great_power_set in build.hpp:
  /// COW majors as listed, a capability-share threshold, or the nuclear-weapon states).
  std::vector<std::uint8_t> great_power;
  /// The set is re-evaluated every year from the simulated capability shares (State::great_power):
  /// a state is a great power in a year when its share of the scenario's CINC is at least
  /// great_power_threshold. The metrics read the yearly set; the conflict process keeps this start set.
  bool great_power_evolve = false;
  double great_power_threshold = 0.0;
  std::vector<std::uint8_t> nuclear;  ///< 1 = possesses nuclear weapons (Bleek 2017 status 3) at the start
  std::vector<double> risk;         ///< Bueno de Mesquita risk propensity, [0.5, 2]
  /// Scenario growth paths, year-major: entry t * n + i is actor i's GDP growth rate in simulated
  /// year t (calendar start_year + 1 + t), from the path step in force that year; NaN: the
  /// convergence rule. Years past the last row keep the last row's rates. Size growth_years * n.
  std::vector<double> growth_trend;
  std::vector<double> population_growth;  ///< same layout: population growth (NaN: the parameter)
  std::size_t growth_years = 1;           ///< rows of growth_trend and population_growth (>= 1)

  // dyads (n x n row-major)
  std::vector<std::uint8_t> contiguity;
  std::vector<double> distance_km;
  std::vector<double> trade;        ///< dyadic trade, same money unit as GDP, symmetric
  std::vector<double> alliance;     ///< ATOP-based level 0..3
  std::vector<double> trust;        ///< tau, 0..1 (baseline and start)
  std::vector<std::uint8_t> rivalry;  ///< 1 during a Thompson & Dreyer strategic rivalry (fixed in a run)
  std::vector<double> igo_shared;           ///< shared memberships among the listed COW IGOs (data/igo_dyads.hpp)
  std::vector<double> igo_security_shared;  ///< the same among those with a security mandate
  /// Peace-years clock at the start: years since the dyad's last MID onset as of start_year
  /// (< 0: not given; finalize() sets hazards.peace_years_max).
  std::vector<int> peace_years;
  /// Additive log-hazard offset of the MID-onset logit per dyad for order mechanisms (relative
  /// risks with their sources; issue 12). 0 everywhere until an order sets one. Copied into
  /// Workspace::order_loghazard at the start of each run, where a phase may change it by year.
  std::vector<double> order_loghazard;

  std::vector<Flashpoint> flashpoints;
  std::vector<Institution> institutions;
  OrderRules order;
  Params params = Params::defaults();
  Hazards hazards;
  EscalationModel escalation;  ///< P(war | crisis), data/escalation-<region>.toml (unfitted: bargaining)
  JoiningRates joining;        ///< war joining by era, data/joining.toml (unfitted: alliance_reliability)
  /// Solve sigma_info from the fitted escalation rate (false when the user set sigma_info).
  bool calibrate_sigma_info = true;

  // derived by finalize()
  std::size_t n = 0;
  std::vector<std::uint8_t> flashpoint_pair;  ///< n x n: 1 if the two share a flashpoint
  std::vector<int> member_since;              ///< institutions x n: join year (INT_MAX: never), after the order's edits
  std::vector<double> proximity;              ///< n x n loss-of-strength factor 1 / (1 + d / d_half)
  std::vector<double> log_distance;           ///< n x n ln(1 + d)
  std::vector<double> static_loghazard;       ///< n x n intercept + fixed covariate terms of the MID logit
  /// Peace-years term of the MID logit, beta_1 s + beta_2 s^2 + beta_3 s^3 with s = t / 10, for
  /// t = 0..peace_years_cap (the clock is held at the cap: the cubic is not extrapolated).
  std::vector<double> peace_loghazard;
  int peace_years_cap = 0;
  /// n x n: the flashpoint a dyad's disputes belong to (-1: none, a background dispute): both
  /// parties of it, or a party and a stakeholder with a MID onset against it since the
  /// flashpoint's record_since; of several, the one with the highest salience sum (first on a tie).
  std::vector<int> dyad_flashpoint;
  std::vector<int> rival_offset;              ///< n + 1: actor j's rivals are rival_index[rival_offset[j] .. rival_offset[j+1])
  std::vector<int> rival_index;               ///< the rivals of each actor, by actor index
  double sigma_info = 0.15;                   ///< calibrated private-information noise
  /// A-priori voting power of the small members (states that are not great powers) under the order's
  /// decision rules: their summed normalised Banzhaf index and Shapley-Shubik index in each
  /// institution that tables proposals, averaged over those institutions (membership of the first
  /// simulated year, QMV weights of the start). NaN when no institution tables proposals.
  /// Filled by finalize() (a_priori_power.hpp).
  double small_power_banzhaf = std::numeric_limits<double>::quiet_NaN();
  double small_power_shapley = std::numeric_limits<double>::quiet_NaN();

  [[nodiscard]] std::size_t actors() const noexcept { return n; }
};

/// A dispute-memory clock that never started (State::pact_years: never a trusted pledge; the
/// alignment phase's reading of a peace-years clock held at its cap), larger than any memory the
/// engine uses.
inline constexpr int kNoDispute = 10000;

/// Checks sizes and ranges, resolves derived fields (proximity, membership after the order's
/// edits, flashpoint pairs, sigma_info from the fitted escalation rate). Throws InputError listing
/// every inconsistency. Must be called once before simulating.
void finalize(Model& model);

/// How much of a state's capability counts in the coalition of a great power it is tied to at
/// alliance level `level` (ATOP-based 0..3): 0 up to consultation/neutrality (2), rising linearly
/// to 1 at a defense pledge (3). Only defense obligations commit a state to fight alongside
/// (Leeds et al. 2002, ATOP codebook); non-aggression, neutrality and consultation pacts do not
/// make a coalition, and the engine's levels move continuously between them.
[[nodiscard]] inline double coalition_weight(double level) noexcept {
  return level <= 2.0 ? 0.0 : (level >= 3.0 ? 1.0 : level - 2.0);
}

/// Whether actor i belongs to group g in calendar year `year` (members_of: joined by then).
/// Requires a finalized model (member_since).
[[nodiscard]] inline bool in_group(const Model& m, const ActorGroupRule& g, std::size_t i, int year) noexcept {
  switch (g.kind) {
    case ActorGroupRule::Kind::all: return true;
    case ActorGroupRule::Kind::great_powers: return m.great_power[i] != 0;
    case ActorGroupRule::Kind::small_states: return m.great_power[i] == 0;
    case ActorGroupRule::Kind::members_of:
      return g.institution >= 0 && m.member_since[static_cast<std::size_t>(g.institution) * m.n + i] <= year;
    case ActorGroupRule::Kind::listed: return i < g.listed.size() && g.listed[i] != 0;
  }
  return false;
}

}  // namespace concord::engine
