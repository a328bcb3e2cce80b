// The engine's state as structure of arrays: one flat vector per actor variable (size n), one
// dense row-major n x n vector per dyad variable, one per flashpoint and institution variable.
// The engine keeps two States (year t read, year t+1 written) and swaps them each year; both are
// sized once per thread (Workspace), so the yearly loop never allocates.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "concord/engine/model.hpp"
#include "concord/store/records.hpp"

namespace concord::engine {

/// The wars going on, as fixed-capacity flat arrays (one slot per war; slots 0..count-1 are in
/// use, oldest first). Capacity n(n-1)/2: a war's two original belligerents cannot start another
/// war against each other while it lasts (phase 8), so no more wars can go on at once. Sized
/// once (resize); copying into an OngoingWars of the same capacity copies only the wars in use
/// and never allocates.
inline constexpr std::uint8_t kGpWarDirect = 1;
inline constexpr std::uint8_t kGpWarJoining = 2;

struct OngoingWars {
  std::size_t n = 0;      ///< actors (row length of `side`)
  std::size_t count = 0;  ///< wars going on
  std::vector<int> a, d;            ///< original challenger and defender (actor indices)
  std::vector<int> flashpoint;      ///< -1: a background MID
  std::vector<int> onset;           ///< calendar year the war began
  std::vector<int> entity;          ///< its index in the onset year's war list (random stream key)
  std::vector<double> p;            ///< a's probability of prevailing, at onset
  std::vector<double> deaths;       ///< battle deaths so far, persons, all participants
  /// 0: not a great-power war; kGpWarDirect: began in a crisis between two great powers;
  /// kGpWarJoining: a great power on each side only once allies joined.
  std::vector<std::uint8_t> great_power;
  std::vector<std::uint8_t> side;   ///< capacity x n: 0 not in it, 1 with a, 2 with d

  OngoingWars() = default;
  OngoingWars(const OngoingWars&) = default;
  OngoingWars(OngoingWars&&) noexcept = default;
  OngoingWars& operator=(OngoingWars&&) noexcept = default;
  /// Copies the wars in use; allocates only if the capacities or n differ.
  OngoingWars& operator=(const OngoingWars& other);
  ~OngoingWars() = default;

  /// Sizes every array for n actors (capacity max(1, n(n-1)/2)) and empties it.
  void resize(std::size_t actors);
  [[nodiscard]] std::size_t capacity() const noexcept { return a.size(); }
  /// True if i and j are on opposite sides of a war going on.
  [[nodiscard]] bool at_war(std::size_t i, std::size_t j) const noexcept;
  /// The ccodes of war w's two sides (vectors cleared first; no allocation once they hold n).
  void sides(std::size_t w, const std::vector<int>& ccode, std::vector<int>& side_a, std::vector<int>& side_d) const;
};

struct State {
  // actors
  std::vector<double> gdp, population, milex, burden;
  std::vector<double> nmc_milex, milper, irst, pec, tpop, upop;  ///< CINC components
  std::vector<double> cinc, log_cinc, share, polyarchy, satisfaction;
  std::vector<std::uint8_t> autonomous;
  /// Great-power status this year: the model's set, re-evaluated each year from the capability
  /// shares when the scenario's great-power rule evolves (Model::great_power_evolve).
  std::vector<std::uint8_t> great_power;
  // dyads (n x n)
  std::vector<double> alliance, trust, trade;
  /// Peace-years clock: years since the dyad's last dispute onset at the end of the year (0: one
  /// began this year), held at Model::peace_years_cap. The MID logit of year y uses t = the clock
  /// of year y - 1 plus 1; the alignment phase reads it as the dyad's dispute history (a clock at
  /// the cap: no dispute within the range the clock tracks).
  std::vector<int> peace_years;
  /// Years since i last held a defense pledge (alliance >= 2.5) to j while trusting it at least
  /// trusted_ally_trust (0: this year; kNoDispute: never), read by the alignment phase.
  std::vector<int> pact_years;
  // flashpoints
  std::vector<double> status_quo, cbm, code_of_conduct;
  // institutions
  std::vector<double> capacity;
  // region-wide
  double arms_control = 0.0;
  int leader = 0;
  // wars going on at the end of the year (phase 8)
  OngoingWars ongoing;

  void resize(std::size_t n, std::size_t flashpoints, std::size_t institutions);
};

/// A crisis opened this year: challenger a, defender d, flashpoint f (-1: a background MID).
struct Crisis {
  int a = 0;
  int d = 0;
  int flashpoint = -1;
  double p = 0.5;  ///< a's probability of prevailing (filled by the bargaining phase)
};

/// What a run records besides the yearly metrics.
struct EventOptions {
  bool mids = false;      ///< one event per incident / MID
  bool crises = false;    ///< one event per crisis with its outcome
  bool measures = false;  ///< adoptions and vetoes in institutions
  bool wars = true;       ///< wars (with participants) and lost autonomy
};

/// Per-year tallies the phases accumulate and the record phase turns into metrics.
struct YearTally {
  int mids = 0, crises = 0, wars = 0, gp_wars = 0, overtakes = 0, alliance_shifts = 0;
  int gp_wars_direct = 0, gp_wars_joining = 0;  ///< gp_wars split by how each began
  int vetoes = 0, measures_adopted = 0, voice_supported = 0, voice_total = 0, autonomy_lost = 0;
  double con = 0, poles = 0, largest_coalition = 0;
  bool balanced_disparity = false;
  double battle_deaths = 0;  ///< persons killed in battle this year, all wars going on
};

/// Everything a thread needs to step runs: the double buffer and per-year scratch, sized once.
struct Workspace {
  State cur, nxt;
  std::vector<double> threat;          ///< n x n
  std::vector<double> reaction, fatigue, grievance, baseline_burden, out;  ///< n
  std::vector<std::int16_t> incidents, wars;  ///< n x n counters for this year
  std::vector<float> cooperation;      ///< n x n shared adopted measures this year
  std::vector<int> component;          ///< n, union-find parent for coalitions
  std::vector<double> component_share; ///< n
  std::vector<double> ideal, salience, weight;  ///< n, per institution member
  std::vector<double> trade_after_economy;   ///< n: each state's trade after the last economy phase
  std::vector<int> members;            ///< n, actor indices of an institution's members
  std::vector<std::uint8_t> directorate_flag, blocked;  ///< n
  std::vector<int> side_a, side_d;     ///< ccodes of a war's sides (for its event)
  std::vector<double> x0_loghazard;    ///< n x n: beta . x at the start (covariate part)
  std::vector<double> dissat0;         ///< n x n: dissatisfaction term at the start
  /// n x n additive log-hazard offset of order mechanisms this year (Model::order_loghazard at
  /// the start of a run).
  std::vector<double> order_loghazard;
  std::vector<Crisis> crises;          ///< reserved; cleared each year
  std::vector<Crisis> war_list;
  std::vector<std::uint8_t> great_power_history;  ///< years x n: the yearly great-power set (evolving rule only)
  std::vector<double> initial_alliance;
  YearTally tally;

  void prepare(const Model& model);
};

/// The context a phase gets besides the model and the two states.
struct YearContext {
  std::uint64_t seed = 0;
  std::uint64_t run = 0;
  int year_index = 0;   ///< 0 for the first simulated year
  int year = 0;         ///< calendar year being written (start_year + year_index + 1)
  EventOptions events;
  std::vector<EventRecord>* out_events = nullptr;
  double* row = nullptr;   ///< the output row of this year (yearly_metric_names() columns)
  double prev_gdp = 0.0;   ///< region GDP of the year before (for growth)
};

}  // namespace concord::engine
