// Runs an ensemble the way every concord command does: open the results store, create the
// ensemble or find it again for --resume, stop cleanly on SIGINT, show progress, run on
// threads or on MPI ranks, then let the caller write its ensemble-level results.
//
// Used by `sweep` and `sensitivity` (src/cli/ensemble_cmd.cpp) and meant for `run` and
// `compare`:
//   ensemble::ExecuteOptions opt;  opt.store = "out.sqlite"; opt.threads = 2;
//   GroupedStatistics stats(spec);
//   auto r = ensemble::execute(plan, ensemble::describe(plan, "compare", 35, spec_json), sim,
//                              [&](const RunRecord& run) { stats.add(run); }, opt,
//                              [&](store::ResultsStore& db, std::int64_t id) {
//                                db.write_statistics(id, stats.rows()); });
//   if (r.root && !r.report.interrupted) print_table(stats);
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "concord/ensemble/runner.hpp"
#include "concord/store/store.hpp"

namespace concord::ensemble {

struct ExecuteOptions {
  std::filesystem::path store;   ///< results file (created if absent)
  bool resume = false;           ///< continue the ensemble with the same plan in `store`
  int threads = 1;               ///< worker threads (ignored with mpi)
  bool mpi = false;              ///< distribute over MPI ranks (needs a build with CONCORD_MPI)
  std::size_t mpi_chunk = 8;     ///< runs per chunk handed to a rank
  bool quiet = false;            ///< no progress output
  std::uint64_t max_runs = 0;    ///< stop after this many new runs (0 = all); resume later
  std::string label;             ///< progress line prefix
  store::StoreOptions store_options;
  /// An external stop flag (the web server's cancel button): when set, no SIGINT handler is
  /// installed (several ensembles may run in one process) and the ensemble stops, as after
  /// Ctrl-C, once the flag is true. Threads only (ignored with mpi).
  const std::atomic<bool>* stop = nullptr;
  /// Called after each committed or replayed run with (done, total), besides the progress bar.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

struct ExecuteResult {
  bool root = true;             ///< false on MPI ranks other than 0: print nothing there
  std::int64_t ensemble_id = 0; ///< the ensemble in the store (root only)
  RunnerReport report;          ///< meaningful on the root
  bool interrupted_by_signal = false;
};

/// Called on the root once every run of the plan is in the store, to write the ensemble's
/// statistics, design points or indices.
using Finish = std::function<void(store::ResultsStore& db, std::int64_t ensemble_id)>;

/// Runs `run` (which returns true when the plan was not finished), then `finish` if it was,
/// and records the outcome in `ensembles.status`: `complete` after finish, `interrupted` when
/// stopped early or when `run` or `finish` throws (the exception propagates). Used by both
/// branches of execute; a process killed meanwhile leaves the status `running`.
void conclude(store::ResultsStore& db, std::int64_t ensemble_id, const std::function<bool()>& run,
              const Finish& finish);

/// Runs the plan as described above. The ensemble's status (store::EnsembleStatus) is
/// `running` while it runs (also after --resume), then `complete` or `interrupted`. Throws concord::InputError (resume without a matching
/// ensemble; mpi requested in a build without MPI) and whatever the simulator throws.
ExecuteResult execute(const Plan& plan, const store::EnsembleInfo& info, const Simulate& simulate,
                      const OnRun& on_run, const ExecuteOptions& options, const Finish& finish);

/// True when this concord was built with MPI (CONCORD_MPI=ON).
[[nodiscard]] bool mpi_built() noexcept;

#ifdef CONCORD_HAVE_MPI
/// The MPI branch of execute (driver_mpi.cpp): initialises MPI if needed (and finalises it).
ExecuteResult execute_mpi(const Plan& plan, const store::EnsembleInfo& info,
                          const Simulate& simulate, const OnRun& on_run,
                          const ExecuteOptions& options, const Finish& finish);
#endif

}  // namespace concord::ensemble
