// The in-memory scenario: a region's states, dyads, institutions and flashpoints in a start year.
//
// A scenario is plain data (vectors of structs). It is what the TOML loader produces
// (scenario/load.hpp), what the writer emits (scenario/write.hpp) and what the builder fills
// from the datasets (scenario/build.hpp). The engine converts it once into flat arrays
// (structure of arrays) and never looks at it again inside a run.
//
// Stability contract: the engine builds on these types. Fields are only ever added, never
// renamed or removed. A loaded scenario is always valid (see the invariants on each field):
// the loader rejects anything else, so consumers need not re-check.
//
// Missing values: a figure that a dataset does not have is NaN in memory and simply absent in
// the TOML file (NaN or inf literals in a file are errors). Fields documented "required" are
// never NaN in a loaded scenario.
//
// Units follow the sources (MODEL.md section 1):
//   GDP            Maddison Project 2023, 2011 international dollars (PPP), millions
//                  (gdppc * pop, pop in thousands: gdp = gdppc * pop / 1000)
//   population     thousands (Maddison pop)
//   NMC components COW NMC v6/v7 units: milex thousands of current US$, milper thousands,
//                  irst thousands of tons, pec thousands of coal-ton equivalents, tpop and upop
//                  thousands
//   military_expenditure SIPRI, millions of constant 2022 US$
//   trade          COW Trade 4.0 dyadic, millions of current US$
//   distance       km, great circle between capitals (COW capitals as in peacesciencer)
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "concord/common/error.hpp"

namespace concord {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

/// Where a figure came from. `dataset` is a key of Scenario::meta.sources; `year` is the year
/// of the observation actually used (the start year, or the latest year before it when the
/// dataset has no value for the start year; 0 when the dataset is not yearly, such as the
/// capitals list). `estimated` marks a figure computed by a documented model rather than read
/// (for example a gravity-model trade flow); `note` says how.
/// In the file: a string "dataset@year" ("dataset" alone when year is 0), or an inline table
/// { dataset = "...", year = Y, estimated = true, note = "..." }.
struct Provenance {
  std::string dataset;
  int year = 0;
  bool estimated = false;
  std::string note;

  friend bool operator==(const Provenance&, const Provenance&) = default;
};

/// Figure name (the TOML key it documents, e.g. "gdp", "milex", "trade") -> its provenance.
using ProvenanceMap = std::map<std::string, Provenance>;

/// One dataset a scenario cites. Key it in Meta::sources by a short id ("nmc-7.0").
struct Source {
  std::string title;     ///< "COW National Material Capabilities"
  std::string version;   ///< "7.0"
  std::string file;      ///< path inside the data directory, if built from one
  std::string citation;  ///< the citation the dataset asks for
  friend bool operator==(const Source&, const Source&) = default;
};

/// [meta] great_powers: which actors are great powers (docs/scenario.md, "The great-power set").
/// - cow_majors (default): the actors' own `great_power` flags (the COW major powers list);
/// - cinc_share: actors whose share of the scenario's summed CINC is at least `threshold`;
/// - nuclear: the nuclear-weapon states of the start year (Bleek 2017, data/nuclear status panel).
/// `evolve` (cinc_share only): the set is re-evaluated every simulated year from the simulated
/// capability shares. In the file: great_powers = "cinc-share", great_power_share = 0.1,
/// great_powers_evolve = true; on the command line: --great-powers cinc-share:0.1:evolve.
struct GreatPowerRule {
  enum class Kind : std::uint8_t { cow_majors, cinc_share, nuclear };
  Kind kind = Kind::cow_majors;
  double threshold = 0.0;  ///< cinc_share: share in (0, 1]
  bool evolve = false;
  friend bool operator==(const GreatPowerRule&, const GreatPowerRule&) = default;
};

/// "cow-majors", "cinc-share:0.1", "cinc-share:0.1:evolve", "nuclear": the command-line form.
[[nodiscard]] std::string to_string(const GreatPowerRule& rule);
/// Parses the command-line form; false (with `why`) if it is not one.
[[nodiscard]] bool parse_great_power_rule(std::string_view text, GreatPowerRule& out, std::string& why);

/// [meta]
struct ScenarioMeta {
  std::string name;  ///< required, non-empty
  std::string description;
  int start_year = 0;                     ///< required; the first simulated year is start_year + 1
  int horizon = 30;                       ///< default number of simulated years, >= 1
  std::string region;                     ///< "asia-pacific", "world", "custom", ...
  std::map<std::string, Source> sources;  ///< dataset id -> source; provenance refers here
  double default_trust = 0.5;             ///< tau of a dyad that is not listed, 0..1
  GreatPowerRule great_powers;            ///< which actors count as great powers
  /// Default provenance of a figure across all entries of a kind, keyed "actor.gdp",
  /// "dyad.trade", "institution.members", ...; an entry's own provenance map overrides it.
  /// See provenance_of().
  ProvenanceMap provenance;
  friend bool operator==(const ScenarioMeta&, const ScenarioMeta&) = default;
};

/// The six COW National Material Capabilities components (NaN = missing, as -9 in NMC).
/// CINC over a set of actors is the mean of the available component shares (MODEL.md 2.3).
struct NmcComponents {
  double milex = kMissing;   ///< military expenditure, thousands of current US$
  double milper = kMissing;  ///< military personnel, thousands
  double irst = kMissing;    ///< iron and steel production, thousands of tons
  double pec = kMissing;     ///< primary energy consumption, thousands of coal-ton equivalents
  double tpop = kMissing;    ///< total population, thousands
  double upop = kMissing;    ///< urban population, thousands
};

/// [[actor]]: one state.
struct Actor {
  int ccode = 0;                           ///< required, COW state code, unique in the scenario
  std::string stateabb;                    ///< required, COW abbreviation ("CHN")
  std::string name;                        ///< required
  double gdp = kMissing;                   ///< required, > 0; millions of 2011 int'l $ PPP (Maddison)
  double population = kMissing;            ///< required, > 0; thousands
  NmcComponents nmc;                       ///< each >= 0 or missing
  double military_expenditure = kMissing;  ///< >= 0 or missing; millions of constant 2022 US$
  double regime = kMissing;                ///< V-Dem polyarchy 0..1, or missing
  bool great_power = false;                ///< COW major power in the start year
  /// Possesses nuclear weapons in the start year (Bleek 2017 status 3, "possesses": a deliverable
  /// device, by Bleek's acquisition dates; OWID panel 1938-2022, later years carry 2022 forward).
  bool nuclear = false;
  double risk = 1.0;                       ///< risk propensity r in [0.5, 2] (BdM); 1 = risk neutral
  double satisfaction = 0.0;               ///< satisfaction with the status quo in [-1, 1]
  double capital_lat = kMissing;           ///< degrees, -90..90, or missing
  double capital_lon = kMissing;           ///< degrees, -180..180, or missing
  ProvenanceMap provenance;                ///< figure -> where it came from (empty for hand-written figures)
  Location where;                          ///< where the [[actor]] table starts in the file
};

/// COW direct contiguity types (conttype).
enum class Contiguity : std::uint8_t {
  none = 0,
  land = 1,    ///< land or river border
  sea12 = 2,   ///< separated by <= 12 miles of water
  sea24 = 3,   ///< <= 24 miles
  sea150 = 4,  ///< <= 150 miles
  sea400 = 5,  ///< <= 400 miles
};

/// Alliance level on the ATOP-based 0..3 scale of MODEL.md: 3 defense or offense pledge,
/// 2 neutrality or consultation, 1 non-aggression, 0 none.
inline constexpr int kMaxAllianceLevel = 3;

/// [[dyad]]: an unordered pair of actors, stored with a < b (ccodes). A pair that is not
/// listed has alliance 0, no trade, no contiguity, no rivalry, trust meta.default_trust and the
/// great-circle distance between the capitals (see complete_dyad below).
struct Dyad {
  int a = 0;  ///< ccode, a < b, both actors of the scenario
  int b = 0;
  int alliance = 0;               ///< 0..3, the higher of the two directed ATOP levels
  double trade_ab = 0.0;          ///< a's imports from b (COW flow1), millions of current US$, >= 0
  double trade_ba = 0.0;          ///< b's imports from a (COW flow2), >= 0
  bool trade_estimated = false;   ///< true when the flows are a gravity-model estimate
  double distance_km = kMissing;  ///< >= 0; required unless both capitals are given
  Contiguity contiguity = Contiguity::none;
  bool rivalry = false;     ///< strategic rivalry (Thompson & Dreyer) ongoing in start year
  /// Peace-years at the start: start_year minus the year of the pair's last MID onset (COW MID 5.0),
  /// or minus the later of the two entry years into the state system if they never had one; 0 if
  /// a dispute began in the start year. The engine's peace-years clock starts here. -1: not given
  /// (the engine then treats the pair as one with no dispute within the fitted range).
  int peace_years = -1;
  /// Shared full memberships among the listed IGOs of the COW IGO 3.0 extract (data/igo_dyads.hpp,
  /// UN left out), in min(start year, 2014), >= 0.
  int igo_shared = 0;
  /// The same among the listed IGOs with a security mandate, 0..igo_shared.
  int igo_security_shared = 0;
  double trust = kMissing;  ///< initial tau 0..1; missing = meta.default_trust
  ProvenanceMap provenance;
  Location where;

  [[nodiscard]] double trade() const { return trade_ab + trade_ba; }
};

/// How an institution turns members' positions into an outcome (MODEL.md 2.9). An order may
/// replace it.
enum class DecisionRule : std::uint8_t {
  consensus,           ///< "consensus": any member blocks
  minority_veto,       ///< "consensus-minority-veto": blocked when opposition > veto_threshold
  qualified_majority,  ///< "qualified-majority": weighted vote, quota = veto_threshold's complement
  majority,            ///< "majority": simple majority of members
  directorate,         ///< "directorate": the great powers among the members decide
  hegemon,             ///< "hegemon": the strongest member decides
};

/// The mandates of MODEL.md section 1.
enum class Mandate : std::uint8_t {
  dialogue,              ///< "dialogue"
  confidence_building,   ///< "confidence-building"
  preventive_diplomacy,  ///< "preventive-diplomacy"
  dispute_settlement,    ///< "dispute-settlement"
  arms_control,          ///< "arms-control"
  humanitarian,          ///< "humanitarian" (humanitarian assistance and disaster relief)
  economic_integration,  ///< "economic-integration"
};
inline constexpr int kMandateCount = 7;

/// A set of mandates as a bit mask (bit i = Mandate i).
struct MandateSet {
  std::uint8_t bits = 0;
  [[nodiscard]] bool has(Mandate m) const { return (bits >> static_cast<int>(m)) & 1U; }
  void add(Mandate m) { bits = static_cast<std::uint8_t>(bits | (1U << static_cast<int>(m))); }
  friend bool operator==(const MandateSet&, const MandateSet&) = default;
};

/// A member of an institution and the year it joined (<= the start year).
struct Membership {
  int ccode = 0;
  int joined = 0;
  friend bool operator==(const Membership&, const Membership&) = default;
};

/// [[institution]]
struct Institution {
  std::string name;                 ///< required, unique ("ARF")
  std::vector<Membership> members;  ///< joined <= start_year; at least one
  /// Members that join during the run (joined > start_year); the engine adds each in its year.
  std::vector<Membership> accessions;
  DecisionRule decision_rule = DecisionRule::consensus;
  double veto_threshold = 0.0;  ///< 0..1, share of members (or weight) whose opposition blocks
  MandateSet mandate;
  double capacity = 0.5;     ///< 0..1
  ProvenanceMap provenance;  ///< "members" -> the memberships file
  Location where;
};

/// A party to a flashpoint: its position on the 0..100 issue scale and salience 0..1.
struct FlashpointParty {
  int ccode = 0;
  double position = 0.0;  ///< 0..100
  double salience = 1.0;  ///< 0..1
  std::string source;     ///< the note that justifies position and salience
};

/// An outside state with an interest in a flashpoint (e.g. freedom of navigation).
struct Stakeholder {
  int ccode = 0;
  double position = kMissing;  ///< 0..100, or missing when it takes no side on the issue
  double salience = 0.5;       ///< 0..1
  std::string interest;        ///< what it cares about
  std::string source;
};

/// How a flashpoint's base incident rate was fitted (absent for hand-set rates).
/// Rate = onsets / years over [window_start, window_end]; exact Poisson 95% interval
/// (Garwood 1936, chi-square quantiles).
struct IncidentRateFit {
  int window_start = 0;
  int window_end = 0;
  int onsets = 0;           ///< MID onsets between the parties in the window
  double lower = kMissing;  ///< 95% interval, per year
  double upper = kMissing;
  std::string method;  ///< how onsets were counted
  friend bool operator==(const IncidentRateFit&, const IncidentRateFit&) = default;
};

/// [[flashpoint]]
struct Flashpoint {
  std::string name;                       ///< required, unique ("South China Sea")
  std::string scale;                      ///< what 0 and 100 mean on this issue's scale
  std::vector<FlashpointParty> parties;   ///< at least two, distinct actors
  std::vector<Stakeholder> stakeholders;  ///< actors not among the parties
  double status_quo = 50.0;               ///< 0..100
  double incident_rate = 0.0;             ///< base incident rate lambda, incidents per year, >= 0
  /// What the dispute is about (MIDB revision types; Senese & Vasquez 2008): "territorial",
  /// "policy" or "regime"; empty = not stated (the engine then uses the record's mixture).
  std::string revision;
  std::optional<IncidentRateFit> fit;
  std::string source;
  Location where;
};

/// One segment of a growth path: from `from_year` on, these annual rates apply (NaN = the
/// engine's default model for that variable, e.g. conditional convergence for GDP).
struct GrowthStep {
  int from_year = 0;
  double gdp = kMissing;         ///< annual growth rate of GDP, e.g. 0.05
  double population = kMissing;  ///< annual growth rate of population
};

/// [[growth]]: an actor's growth path (steps sorted by from_year, distinct years).
struct GrowthPath {
  int ccode = 0;
  std::vector<GrowthStep> steps;
  std::string source;
  Location where;
};

/// [parameters]: model parameter overrides, name -> value. The engine validates the names and
/// ranges against its parameter registry and reports problems at `where`.
struct ParameterOverride {
  std::string name;    ///< dotted name as in the file ("incidents.beta_parity")
  double value = 0.0;  ///< booleans are 0/1
  Location where;
};

/// A whole scenario. Actors are in file order; find them by ccode with actor_index().
struct Scenario {
  ScenarioMeta meta;
  std::vector<Actor> actors;
  std::vector<Dyad> dyads;
  std::vector<Institution> institutions;
  std::vector<Flashpoint> flashpoints;
  std::vector<GrowthPath> growth;
  std::vector<ParameterOverride> parameters;
  std::string file;  ///< the file it was loaded from (empty if built in memory)
  /// Defaults the loader applied that change results and that the user must see (printed by
  /// `scenario check`, `run`, `compare`, `sweep`): e.g. the documented 10,000 km distance of a
  /// pair with neither two capitals nor a distance_km.
  std::vector<std::string> notes;

  /// Index of the actor with this ccode in `actors`, or -1. Linear scan: for bulk work build
  /// your own index once (the engine converts the scenario to flat arrays).
  [[nodiscard]] int actor_index(int ccode) const;
  /// The listed dyad of (x, y) in either order, or nullptr. Linear scan over `dyads`: to fill a
  /// dense matrix, iterate `dyads` once and use complete_dyad only for the pairs not listed.
  [[nodiscard]] const Dyad* find_dyad(int x, int y) const;
};

/// The dyad of actors x and y as the engine should see it: the listed dyad if there is one
/// (trust filled from meta.default_trust when missing, distance from the capitals when
/// missing), else the defaults documented on Dyad. Result has a < b.
[[nodiscard]] Dyad complete_dyad(const Scenario& s, int x, int y);

/// The provenance of `figure` of one entry: the entry's own record if it has one, else the
/// scenario-wide default meta.provenance["<kind>.<figure>"] (kind = "actor", "dyad",
/// "institution"), else nullptr (a hand-written figure).
[[nodiscard]] const Provenance* provenance_of(const Scenario& s, std::string_view kind,
                                              const ProvenanceMap& entry, const std::string& figure);

[[nodiscard]] const char* to_string(DecisionRule r);
[[nodiscard]] const char* to_string(Mandate m);
[[nodiscard]] std::optional<DecisionRule> parse_decision_rule(std::string_view text);
[[nodiscard]] std::optional<Mandate> parse_mandate(std::string_view text);

}  // namespace concord
