// Parameter designs for sweeps and sensitivity analysis, and the SWEEP.toml file that
// declares them.
//
// A design is a list of points; a point gives a value to every named parameter. Designs are
// built in the unit cube [0, 1)^d and scaled to each parameter's [min, max] (rounded for
// integer parameters), so the same code serves every design:
// - full grid: every combination of each parameter's `values` (or `points` evenly spaced
//   values from min to max), the last parameter varying fastest;
// - Latin hypercube (McKay, Beckman & Conover 1979, Technometrics 21): n points, each
//   parameter's range cut into n equal strata with exactly one point per stratum, strata
//   paired at random (Philox stream keyed by the seed);
// - Sobol' low-discrepancy sequence (Sobol' 1967; Joe & Kuo direction numbers as shipped in
//   Boost.Random), skipping the all-zero first point.
//
// SWEEP.toml (every key optional except the parameters; errors carry file:line:column):
//   design = "sobol"          # "grid" | "latin_hypercube" | "sobol"
//   samples = 256             # points of a latin_hypercube or sobol design
//   runs_per_point = 20       # replicates of each point (common random numbers across points)
//   seed = 1                  # master seed (the CLI's --seed overrides it)
//   [[parameter]]
//   name = "restraint"        # an engine parameter name
//   min = 0.0
//   max = 1.0
//   points = 5                # grid only: evenly spaced values (default 3)
//   values = [0.2, 0.5]       # grid only: explicit values (instead of min/max/points)
//   integer = false           # round scaled values to integers
//   [sensitivity]
//   method = "sobol"          # "sobol" | "morris"
//   base_samples = 512        # Sobol: N, the design has N * (d + 2) points
//   trajectories = 20         # Morris: r, the design has r * (d + 1) points
//   levels = 4                # Morris: p, grid levels (even)
//   bootstrap = 500           # resamples for the intervals
//   metric = "gp_war"         # summary metric analysed (the CLI's --metric overrides it)
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "concord/common/error.hpp"

namespace concord::ensemble {

/// One named parameter of a design.
struct DesignParameter {
  std::string name;
  double min = 0.0;
  double max = 1.0;
  int points = 3;              ///< grid: number of evenly spaced values when `values` is empty
  std::vector<double> values;  ///< grid: explicit values
  bool integer = false;        ///< round to the nearest integer after scaling
  Location where;              ///< where it was declared (for messages)

  /// Maps u in [0, 1] to [min, max] (rounded when integer).
  [[nodiscard]] double scale(double u) const;
};

enum class DesignKind { grid, latin_hypercube, sobol };

struct SensitivitySpec {
  std::string method = "sobol";   ///< "sobol" or "morris"
  std::uint64_t base_samples = 512;
  std::uint64_t trajectories = 20;
  int levels = 4;
  std::uint64_t bootstrap = 500;
  std::string metric;             ///< empty: the CLI's --metric must name it
};

struct SweepSpec {
  DesignKind design = DesignKind::grid;
  std::uint64_t samples = 64;
  std::uint64_t runs_per_point = 10;
  std::uint64_t seed = 1;
  std::vector<DesignParameter> parameters;
  SensitivitySpec sensitivity;
  std::string file;  ///< path it was read from
};

/// Reads SWEEP.toml. Throws concord::InputError listing every problem (syntax error, unknown
/// key, wrong type, a number that is not finite, min >= max, duplicate parameter name, no
/// parameter, a count or a design size beyond its bound in docs/limits.md) with its location.
[[nodiscard]] SweepSpec load_sweep_spec(const std::filesystem::path& path);
/// The same from text (`file` names it in messages).
[[nodiscard]] SweepSpec parse_sweep_spec(const std::string& text, const std::string& file);

/// Points of the full grid of `parameters`, or nullopt when the product overflows 64 bits.
[[nodiscard]] std::optional<std::uint64_t> grid_size(const std::vector<DesignParameter>& parameters);
/// Points of the Morris (r (d + 1)) or Sobol'/Saltelli (N (d + 2)) design of the spec.
[[nodiscard]] std::optional<std::uint64_t> sensitivity_design_size(const SweepSpec& spec, const std::string& method);

/// A design: points[i][j] is parameter j's value at point i (in its own units).
using Design = std::vector<std::vector<double>>;

/// Every combination of the parameters' grid values (last parameter fastest).
[[nodiscard]] Design full_grid(const std::vector<DesignParameter>& parameters);

/// n points in [0, 1)^d, one per stratum in each dimension (points at stratum centres are not
/// used: each point is uniform inside its stratum). Deterministic in (n, d, seed).
[[nodiscard]] std::vector<std::vector<double>> latin_hypercube_unit(std::uint64_t n, std::size_t d,
                                                                    std::uint64_t seed);

/// The first n points (after the origin) of the d-dimensional Sobol' sequence in [0, 1)^d.
/// d <= 3667 (Boost's table). Throws std::invalid_argument beyond.
[[nodiscard]] std::vector<std::vector<double>> sobol_unit(std::uint64_t n, std::size_t d);

/// Scales unit-cube points to the parameters' ranges.
[[nodiscard]] Design scale_design(const std::vector<std::vector<double>>& unit,
                                  const std::vector<DesignParameter>& parameters);

/// The design a spec declares (grid, latin_hypercube with spec.samples, or sobol).
[[nodiscard]] Design make_design(const SweepSpec& spec);

/// A point as a JSON object text {"name": value, ...}, the RunKey::params_json of its runs.
[[nodiscard]] std::string point_json(const std::vector<double>& point,
                                     const std::vector<DesignParameter>& parameters);

}  // namespace concord::ensemble
