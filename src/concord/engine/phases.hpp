// The eleven phases of the yearly step (MODEL.md section 2), each a small free function from the
// state of year t (`cur`) to year t+1 (`nxt`), listed in order in kPhases. A phase may read what
// an earlier phase of the same year already wrote to `nxt` (capability reads the new economy).
// Formulas, units and parameters: docs/model.md, section engine.
#pragma once

#include <algorithm>
#include <array>
#include <string_view>

#include "concord/engine/model.hpp"
#include "concord/engine/state.hpp"

namespace concord::engine {

using PhaseFn = void (*)(const Model&, const State& cur, State& nxt, Workspace&, YearContext&);

struct Phase {
  std::string_view name;
  PhaseFn fn;
};

void phase_economy(const Model&, const State&, State&, Workspace&, YearContext&);
void phase_military_effort(const Model&, const State&, State&, Workspace&, YearContext&);
void phase_capability(const Model&, const State&, State&, Workspace&, YearContext&);
void phase_power_structure(const Model&, const State&, State&, Workspace&, YearContext&);
void phase_alignment(const Model&, const State&, State&, Workspace&, YearContext&);
void phase_incidents(const Model&, const State&, State&, Workspace&, YearContext&);
void phase_crisis_bargaining(const Model&, const State&, State&, Workspace&, YearContext&);
void phase_war(const Model&, const State&, State&, Workspace&, YearContext&);
void phase_institutions(const Model&, const State&, State&, Workspace&, YearContext&);
void phase_trust(const Model&, const State&, State&, Workspace&, YearContext&);
void phase_record(const Model&, const State&, State&, Workspace&, YearContext&);

/// The yearly step, in order.
inline constexpr std::array<Phase, 11> kPhases{{
    {"economy", phase_economy},
    {"military effort", phase_military_effort},
    {"capability", phase_capability},
    {"power structure", phase_power_structure},
    {"alignment", phase_alignment},
    {"incidents", phase_incidents},
    {"crisis bargaining", phase_crisis_bargaining},
    {"war", phase_war},
    {"institutions", phase_institutions},
    {"trust", phase_trust},
    {"record", phase_record},
}};

/// Sets `state` to the model's start (year 0): copies the scenario's values, computes CINC,
/// shares and satisfaction, and the order's measures in force.
void initial_state(const Model& model, State& state, Workspace& ws);

/// COW CINC over the six components (Singer, Bremer & Stuckey 1972): for each component the
/// state's share of the total of the states that have it; CINC = the mean of the shares the state
/// has (NaN components are left out of both). Writes `cinc` (size n).
void compute_cinc(const State& s, std::vector<double>& cinc);

/// compute_cinc into s.cinc, and s.log_cinc = ln(cinc) (-50 where cinc is 0).
void compute_cinc(State& s);

/// Signorino & Ritter (1999) S over two alliance-level rows of length n (range 3, absolute
/// distance, unweighted).
double s_score_rows(const double* a, const double* b, std::size_t n) noexcept;

/// The log-hazard of the fitted MID-onset covariates for dyad (i, j) in `s`, with `prev_cinc`
/// the capabilities a year before (for the power shift).
double covariate_loghazard(const Model& model, const State& s, const std::vector<double>& prev_cinc,
                           std::size_t i, std::size_t j) noexcept;

/// The peace-years term of the MID logit for dyad ij (index i * n + j) in the year after `prev`:
/// t = prev.peace_years[ij] + 1, held at model.peace_years_cap (Model::peace_loghazard).
inline double peace_loghazard(const Model& m, const State& prev, std::size_t ij) noexcept {
  const int t = std::clamp(prev.peace_years[ij] + 1, 0, m.peace_years_cap);
  return m.peace_loghazard[static_cast<std::size_t>(t)];
}

}  // namespace concord::engine
