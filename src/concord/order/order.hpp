// A security order as data: the rule set of MODEL.md section 4, typed and frozen.
//
// An order is what the engine reads instead of an order's name: who aligns with whom and how,
// what happens to alliances, who manages crises, how institutions decide, how much restraint
// the powerful show, whether spheres of influence are allowed, which mandates and measures are
// in force, how much interdependence weighs. The engine never tests an order's name; a user
// writes a new order as a TOML file (docs/orders.md) without touching C++.
//
// Lifecycle: `load_order` / `load_preset` (order_loader.hpp) parse and validate a file and
// return an Order whose names are unresolved (every `index` is -1). `resolve_order`
// (order_loader.hpp) checks the names against a scenario's actors, institutions and
// flashpoints and returns a copy with every `index` filled; from then on the engine uses only
// indices and treats the Order as immutable.
//
// Every default below is a **modelling assumption** unless a source is named; the preset
// files in orders/ set the values from /work/shared/design/ORDERS.md and say why.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "concord/common/error.hpp"

namespace concord {

/// Vocabulary of the order rules. Kept in its own namespace so that names such as
/// DecisionRule or Mandate do not collide with the scenario's own types.
namespace order {

/// How states place themselves each year (MODEL.md phase 5).
enum class AlignmentRule {
  fixed,               ///< keep the scenario's alliances and alignments
  balance,             ///< balance against the greatest threat (Walt 1987)
  balanced_disparity,  ///< join whichever coalition keeps the largest below `coalition_cap` of capability
                       ///< (Acharya 2014)
  bandwagon,           ///< align with `target` (or the hegemon, or else the strongest power)
  hedge,               ///< spread ties across all great powers (Kausikan's omni-directional stance)
};

/// What happens to formal alliances (ATOP-based levels 0..3).
enum class AllianceRule {
  keep,          ///< the scenario's alliances stay as they are
  rebalance,     ///< formed and dropped each year by the alignment rule
  phase_out,     ///< the selected ties decay linearly to none over `phase_out_years`
  hegemon_bloc,  ///< every state allies with the bloc leader (the hegemon unless named)
};

/// Who steps in when a crisis opens (MODEL.md phase 7).
enum class CrisisManager {
  self_help,     ///< only the parties and their allies
  hegemon,       ///< the hegemon deters or imposes a settlement (adds its capability to the side it backs)
  concert,       ///< the directorate settles crises among its members by negotiation; may impose on others
  institutions,  ///< a member institution with a mandate mediates: smaller sigma_info, higher normative cost
  community,     ///< no war among members meeting the regime threshold; institutions mediate otherwise
};

/// How an institution turns members' positions into an outcome (MODEL.md phase 9).
enum class DecisionRule {
  as_scenario,          ///< the rule the scenario gives the institution
  consensus,            ///< adopted level = what the most reluctant member accepts
  minority_veto,        ///< any member whose opposition exceeds `veto_threshold` blocks; else consensus level
  consensus_minus_one,  ///< consensus ignoring the single most reluctant member
  qmv,                  ///< weighted qualified majority: adopted if weight in favour >= `quota` of the total
  directorate,          ///< the directorate's members decide (by consensus among themselves)
  hegemon,              ///< the hegemon decides
};

/// Weights under qualified-majority voting.
enum class QmvWeights {
  equal,       ///< one member, one vote
  capability,  ///< CINC share
  population,  ///< total population
  gdp,         ///< GDP
  listed,      ///< `DecisionSpec::listed_weights`
};

/// Institution mandates (MODEL.md section 1, Institution).
enum class Mandate {
  dialogue,
  confidence_building,
  preventive_diplomacy,
  dispute_settlement,
  arms_control,
  humanitarian,  ///< humanitarian assistance and disaster relief
  economic_integration,
};

/// Measures that can be in force from the start (MODEL.md phases 6, 7, 9, 10).
enum class MeasureKind {
  confidence_building,          ///< CBMs: lower incident rates, shrink sigma_info
  code_of_conduct,              ///< on a flashpoint: lower its incident rate
  reassurance,                  ///< raise trust toward its baseline faster
  trust_building,               ///< trust and empathy building: raise the trust baseline
  arms_control_cap,             ///< cap on the defense burden M/Y of the parties
  joint_humanitarian_exercise,  ///< joint HADR exercises: cooperative acts that raise trust
};

/// Groups of actors a rule can apply to.
enum class ActorGroup {
  all,           ///< every actor of the scenario
  great_powers,  ///< actors with the great-power flag in the current year
  small_states,  ///< actors without it
  members_of,    ///< members of `ActorSet::institution` in the current year
  listed,        ///< the actors in `ActorSet::states`
};

/// A state named in an order: by COW abbreviation or by COW code, as written in the file.
/// `index` is the actor's index in the scenario after resolve_order, -1 before.
struct ActorRef {
  std::string stateabb;  ///< e.g. "USA"; empty when named by ccode
  int ccode = 0;         ///< e.g. 2; 0 when named by stateabb
  Location where;        ///< position in the order file
  int index = -1;        ///< scenario actor index, filled by resolve_order

  /// "USA" or "ccode 2".
  [[nodiscard]] std::string label() const;
};

/// An institution named in an order ("EAS", "ARF", "ADMM-Plus", ...). Matched against the
/// scenario's institution names ignoring case and treating spaces, '-' and '_' alike.
/// `index` filled by resolve_order.
struct InstitutionRef {
  std::string name;
  Location where;
  int index = -1;
};

/// A flashpoint named in an order ("South China Sea", ...). Matched against the scenario's
/// flashpoint names ignoring case and treating spaces, '-' and '_' alike.
struct FlashpointRef {
  std::string name;
  Location where;
  int index = -1;
};

/// A set of actors, evaluated by the engine each year (great-power status and institution
/// membership can change during a run).
struct ActorSet {
  ActorGroup group = ActorGroup::all;
  InstitutionRef institution;    ///< for members_of
  std::vector<ActorRef> states;  ///< for listed
  Location where;
};

/// A set of institutions: all of the scenario's, or those named.
struct InstitutionSet {
  bool all = false;
  std::vector<InstitutionRef> names;
  Location where;
};

/// Relative weights of Walt's four sources of threat in the balance rule (and of the pull
/// toward each great power in hedging). Non-negative; only ratios matter.
struct ThreatWeights {
  double power = 1.0;      ///< aggregate capability (CINC)
  double proximity = 1.0;  ///< inverse distance / contiguity
  double offensive = 1.0;  ///< offensive capability (military expenditure)
  double intent = 1.0;     ///< perceived aggressive intent = 1 - trust
};

struct AlignmentSpec {
  AlignmentRule rule = AlignmentRule::fixed;
  ActorSet applies_to{ActorGroup::small_states, {}, {}, {}};  ///< who follows `rule`
  AlignmentRule others = AlignmentRule::fixed;                ///< rule for everyone else
  std::optional<ActorRef> target;  ///< bandwagon target; unset: the hegemon, else the strongest power
  std::optional<ActorRef>
      balancer;                ///< an offshore balancer that backs the weaker coalition (Shin; Kausikan)
  double coalition_cap = 0.5;  ///< balanced disparity: the largest coalition stays below this share, (0, 1]
  /// true: a state may align (beyond consultation) with its own strategic rival, or with the rival
  /// of a trusted ally, where its rule says so (e.g. bandwagoning across a rivalry). Default
  /// false: it keeps its ties instead (docs/model.md, alignment). A hegemon's bloc never absorbs
  /// the hegemon's rivals either way.
  bool across_rivalry = false;
  ThreatWeights weights;
  Location where;
};

/// A value attached to one state: an alliance reliability (probability it honours a defense
/// pledge, [0, 1]) or a voting weight (>= 0).
struct ActorValue {
  ActorRef state;
  double value = 0.0;
};

struct AllianceSpec {
  AllianceRule rule = AllianceRule::keep;
  std::vector<ActorValue> reliability;  ///< per-state overrides; others keep the scenario's
  int phase_out_years = 0;              ///< phase-out: years until the selected ties reach level 0 (>= 1)
  std::vector<ActorRef>
      phase_out_ties_with;              ///< phase-out: only ties with these states; empty = all formal ties
  std::optional<ActorRef> bloc_leader;  ///< hegemon-bloc: the leader; unset = the order's hegemon
  Location where;
};

struct CrisisSpec {
  CrisisManager manager = CrisisManager::self_help;
  std::vector<InstitutionRef> institutions;  ///< mediating institutions in order of preference; empty = any
                                             ///< member institution with a mandate
  double regime_threshold = 0.5;             ///< community: V-Dem polyarchy a member must reach, [0, 1]
  bool impose_on_others = false;             ///< concert/hegemon: may impose settlements on non-members
  Location where;
};

/// One institution's decision rule (or the default for all institutions).
struct DecisionSpec {
  DecisionRule rule = DecisionRule::as_scenario;
  double veto_threshold = 0.5;  ///< minority-veto: opposition (0..1) above which a member blocks
  double quota = 0.5;           ///< qmv: share of the total weight needed, (0, 1]
  QmvWeights weights = QmvWeights::equal;
  std::vector<ActorValue> listed_weights;  ///< qmv with weights = listed (value = weight >= 0)
  std::vector<ActorRef> directorate;       ///< directorate rule: members; empty = the order's directorate
  Location where;
};

struct InstitutionDecision {
  InstitutionRef institution;
  DecisionSpec spec;
};

struct RestraintSpec {
  double toward_great_powers = 0.3;  ///< elite restraint in dealings among great powers, [0, 1]
  double toward_small_states = 0.3;  ///< restraint of great powers toward small states, [0, 1]
  Location where;
};

/// Mandates an order adds to an institution (and optionally its capacity).
struct MandateUpgrade {
  InstitutionRef institution;     ///< unused (name empty) when all_institutions
  bool all_institutions = false;  ///< institution = "all": every institution of the scenario
  std::vector<Mandate> add;
  std::optional<double> capacity;  ///< new capacity in [0, 1]; unset = the scenario's
  Location where;
};

/// Changes to institutions' membership made by the order.
struct MembershipChange {
  InstitutionSet institutions;
  std::optional<ActorSet> include;  ///< added as members (e.g. all great powers)
  std::vector<ActorRef> exclude;    ///< removed (e.g. the United States)
  Location where;
};

/// A measure in force from the first simulated year.
struct Measure {
  MeasureKind kind = MeasureKind::confidence_building;
  std::optional<FlashpointRef>
      flashpoint;         ///< required for code-of-conduct; optional otherwise (unset = region-wide)
  ActorSet parties;       ///< who is bound; default all
  double strength = 1.0;  ///< how fully it is implemented, [0, 1]
  std::optional<double> burden_cap;  ///< arms-control-cap: maximum defense burden M/Y (share of GDP, (0, 1])
  Location where;
};

/// Regime convergence (Hayes's precondition for a security community).
struct RegimeConvergence {
  double target = 0.5;  ///< V-Dem polyarchy the regimes move toward, [0, 1]
  double rate = 0.0;    ///< share of the gap closed per year, [0, 1]
  ActorSet applies_to;  ///< default all
  Location where;
};

}  // namespace order

/// A security order: the full rule set. Plain data with defaults that describe the present
/// multiplex order (self-help, alliances kept, consensus, modest restraint); a preset file
/// overrides what it needs.
struct Order {
  std::string name;         ///< preset name or file stem, e.g. "consociational"
  std::string title;        ///< human-readable title
  std::string proposed_by;  ///< who proposed it, e.g. "Acharya 2014"
  std::string source_file;  ///< the file it was loaded from
  std::string digest;       ///< SHA-256 of the order file's text (common/digest.hpp): identifies the order

  order::AlignmentSpec alignment;
  order::AllianceSpec alliances;
  order::CrisisSpec crisis;
  order::DecisionSpec decision_default;  ///< every institution not listed below
  std::vector<order::InstitutionDecision> decision_by_institution;

  std::optional<order::ActorRef> hegemon;    ///< the hegemon, if any
  std::vector<order::ActorRef> directorate;  ///< the concert's members, if any

  order::RestraintSpec restraint;
  double spheres = 0.0;  ///< spheres of influence allowed: 0 = no, 0.5 = partly, 1 = yes; [0, 1]

  /// Scales every effect of institutions (mediation, normative cost, measures adopted), [0, 1].
  /// 0 = institutions exist but have no effect (balance-of-power).
  double institution_effect = 1.0;
  /// Who tables proposals in institutions; unset = any member (ASEAN centrality: members_of ASEAN).
  std::optional<order::ActorSet> agenda_setters;

  std::vector<order::MandateUpgrade> mandates;
  std::vector<order::MembershipChange> membership;
  std::vector<order::Measure> measures;

  /// Multiplier on trade lost in the cost of war (MODEL.md phase 7), >= 0; 1 = as measured.
  double interdependence_weight = 1.0;
  /// Growth of trade integration among the region's states, per year (0.02 = +2% a year), >= 0.
  double trade_integration_growth = 0.0;
  std::optional<order::RegimeConvergence> regime_convergence;

  bool resolved = false;  ///< true once resolve_order filled every index

  /// The decision rule for institution `institution_index` (after resolve_order): its own
  /// entry if the order has one, else `decision_default`.
  [[nodiscard]] const order::DecisionSpec& decision_for(int institution_index) const;
};

/// Names of the enum values as written in order files ("balanced-disparity", "minority-veto").
[[nodiscard]] std::string_view to_string(order::AlignmentRule v);
[[nodiscard]] std::string_view to_string(order::AllianceRule v);
[[nodiscard]] std::string_view to_string(order::CrisisManager v);
[[nodiscard]] std::string_view to_string(order::DecisionRule v);
[[nodiscard]] std::string_view to_string(order::QmvWeights v);
[[nodiscard]] std::string_view to_string(order::Mandate v);
[[nodiscard]] std::string_view to_string(order::MeasureKind v);
[[nodiscard]] std::string_view to_string(order::ActorGroup v);

/// Parse an enum value from its file spelling; nullopt if unknown. Defined for the eight enums
/// above.
template <class E>
[[nodiscard]] std::optional<E> enum_from_string(std::string_view text);
/// Every allowed spelling of enum E, in declaration order (for error messages).
template <class E>
[[nodiscard]] std::vector<std::string_view> enum_names();

/// A readable multi-line summary of an order's rules (for `concord run` and docs).
[[nodiscard]] std::string describe(const Order& order);

}  // namespace concord
