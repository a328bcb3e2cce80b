// The report of a results store: what `concord report STORE` writes as one self-contained HTML
// file (scripts and data inlined; opens offline) and what the web app's result view shows
// (GET /api/report). See docs/report.md.
//
// The data are read from the store by table and column name, so a store that lacks a table
// (no `yearly` rows without --yearly, no backtest, no decomposition before `explain` writes
// one) gives a report without that chart and a note saying why, never an error:
//   - `statistics`: every row of the ensemble (Kaplan-Meier curves with Greenwood bands,
//     proportions with Wilson intervals, paired differences from the baseline, and whatever
//     statistic a later version adds, e.g. a probability of superiority);
//   - `yearly`: fan charts (5, 25, 50, 75, 95th percentiles over runs) of the metrics in
//     fan_metrics(), per order and year;
//   - `events`: the flashpoint and institution timelines of chosen runs;
//   - `backtest`, `backtest_years`, `backtest_dyads`: the record beside the simulation;
//   - any of the optional tables listed in optional_tables(), whole (rows of the ensemble
//     when the table has an `ensemble_id` column).
//
// Example:
//   auto data = report::collect("out.sqlite", {});
//   report::write_html(data, "report.html");
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace concord::report {

struct CollectOptions {
  /// The ensemble to report; default: the latest `compare` ensemble, else the latest one.
  std::optional<std::int64_t> ensemble;
  /// A run whose events to show first in the timelines (besides the first run with a
  /// great-power war of each order).
  std::optional<std::uint64_t> run;
  /// At most this many runs' timelines are embedded.
  std::size_t max_timelines = 16;
  /// How the store is named in the report (default: its path as given).
  std::string store_label;
};

/// Yearly metrics drawn as fan charts when the store holds them: militarized disputes, wars,
/// Ray-Singer concentration, great-power trust, and every metric whose name starts with
/// "capability_share" (a great power's share of capability, when the engine records it).
[[nodiscard]] bool is_fan_metric(const std::string& name);

/// Tables read whole when present (small, ensemble-level): the backtest tables, and the
/// tables later versions add for the mechanism decomposition and parameter uncertainty.
[[nodiscard]] const std::vector<std::string>& optional_tables();

/// Reads the report's data from a results store (opened read-only). Throws InputError when the
/// file does not exist, is not a concord store, holds no ensemble and no backtest, or has no
/// ensemble `options.ensemble`.
[[nodiscard]] nlohmann::json collect(const std::filesystem::path& store,
                                     const CollectOptions& options = {});

/// The ensembles of a store (id, kind, status, planned and committed runs, years, spec).
[[nodiscard]] nlohmann::json list_ensembles(const std::filesystem::path& store);

/// The self-contained HTML page of the report: the embedded report script (web/src/report.js,
/// bundled with vega and vega-lite) and the data inlined. Throws std::runtime_error when this
/// concord was built without its front end (node and npm absent at build time).
[[nodiscard]] std::string render_html(const nlohmann::json& data);

/// Writes render_html(data) to `file`. Throws InputError when it cannot be written.
void write_html(const nlohmann::json& data, const std::filesystem::path& file);

/// The headless browser used for --figures: $CONCORD_CHROMIUM, else the first of chromium,
/// chromium-browser, google-chrome on PATH; empty when none is found.
[[nodiscard]] std::string find_chromium();

/// The command-line flags concord starts headless Chromium with (no sandbox as root, no
/// background networking, a fresh profile in `profile_dir`).
[[nodiscard]] std::vector<std::string> chromium_flags(const std::filesystem::path& profile_dir);

/// Renders every chart of the report file `html` in headless Chromium and writes each as
/// `<name>.svg` and `<name>.png` into `dir` (created). Returns the files written. Throws
/// std::runtime_error when no browser is found or the export fails (with the browser's
/// message), InputError when `dir` cannot be written.
std::vector<std::filesystem::path> export_figures(const std::filesystem::path& html,
                                                  const std::filesystem::path& dir,
                                                  const std::string& chromium = find_chromium(),
                                                  int timeout_seconds = 120);

}  // namespace concord::report
