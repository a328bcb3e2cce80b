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

struct State {
  // actors
  std::vector<double> gdp, population, milex, burden;
  std::vector<double> nmc_milex, milper, irst, pec, tpop, upop;  ///< CINC components
  std::vector<double> cinc, share, polyarchy, satisfaction;
  std::vector<std::uint8_t> autonomous;
  // dyads (n x n)
  std::vector<double> alliance, trust, trade;
  // flashpoints
  std::vector<double> status_quo, cbm, code_of_conduct;
  // institutions
  std::vector<double> capacity;
  // region-wide
  double arms_control = 0.0;
  int leader = 0;

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
  int vetoes = 0, measures_adopted = 0, voice_inside = 0, voice_total = 0, autonomy_lost = 0;
  double con = 0, poles = 0, largest_coalition = 0;
  bool balanced_disparity = false;
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
  std::vector<int> members;            ///< n, actor indices of an institution's members
  std::vector<std::uint8_t> directorate_flag, blocked;  ///< n
  std::vector<std::uint8_t> side;      ///< n, 0 none, 1 side A, 2 side D
  std::vector<int> side_a, side_d;     ///< ccodes of a war's sides (for its event)
  std::vector<double> x0_loghazard;    ///< n x n: beta . x at the start (covariate part)
  std::vector<double> dissat0;         ///< n x n: dissatisfaction term at the start
  std::vector<Crisis> crises;          ///< reserved; cleared each year
  std::vector<Crisis> war_list;
  std::vector<std::uint8_t> qualifies; ///< n, community members at the start
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
};

}  // namespace concord::engine
