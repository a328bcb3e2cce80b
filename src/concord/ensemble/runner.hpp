// Ensemble plans and the runner that executes them on K threads (oneTBB) or R MPI ranks.
//
// A plan is a list of RunKeys (scenario hash, order, parameters, seed, replicate, run id);
// run_id equals the position in the plan. The runner simulates runs in any order on any
// thread, but hands results to the store and to the per-run callback strictly in run-id order
// (a reorder buffer bounded by `max_in_flight`), so the store's bytes and every streamed
// statistic are identical whatever the thread count or rank count.
//
// Resume: runs already committed to the store for this ensemble are not simulated again; they
// are read back and passed to the callback at their place in run-id order, so statistics
// rebuilt after a resume equal those of an uninterrupted ensemble.
//
// Example:
//   auto plan = ensemble::crossed_plan(hash, {"multiplex", "g2"}, {"{}"}, 42, 1000);
//   store::ResultsStore db("out.sqlite");
//   auto id = ensemble::open_ensemble(db, ensemble::describe(plan, "compare", 35, spec), false);
//   ensemble::run_plan(plan, simulate, &db, id, [&](const RunRecord& r) { stats.add(r); }, {});
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "concord/store/records.hpp"
#include "concord/store/store.hpp"

#ifdef CONCORD_HAVE_MPI
#include <mpi.h>
#endif

namespace concord::ensemble {

/// Fills `out` with the result of the run identified by `key`. Must be a pure function of
/// `key` (and of data captured at construction), callable concurrently from several threads.
/// `out` may hold a previous run's record: the callee must overwrite every field it uses
/// (clear() and refill vectors so their capacity is reused). `out.key` is set by the runner.
using Simulate = std::function<void(const RunKey& key, RunRecord& out)>;

/// Called once per run, in run-id order, from one thread at a time.
using OnRun = std::function<void(const RunRecord& run)>;

/// An ensemble plan. Invariant: runs[i].run_id == i.
struct Plan {
  std::vector<RunKey> runs;
};

/// The plan of `replicates` replicates of every (parameter set, order) pair, all sharing the
/// master seed; replicate r of every pair uses random stream r (common random numbers).
/// Runs are ordered replicate-major: run_id = (r * params.size() + p) * orders.size() + o, so
/// the runs of one replicate arrive together and paired statistics stream in O(1) memory.
/// `params` are JSON objects as text ("{}" for the defaults). Empty lists are an error
/// (std::invalid_argument).
[[nodiscard]] Plan crossed_plan(const std::string& scenario_hash,
                                const std::vector<std::string>& orders,
                                const std::vector<std::string>& params, std::uint64_t seed,
                                std::uint64_t replicates);

/// The plan of a design: `replicates` runs of each design point (parameter set) under one
/// order, point-major: run_id = p * replicates + r, replicate r (so points share common random
/// numbers). A simulator that builds a model per parameter set then rebuilds it rarely.
[[nodiscard]] Plan points_plan(const std::string& scenario_hash, const std::string& order,
                               const std::vector<std::string>& points, std::uint64_t seed,
                               std::uint64_t replicates);

/// A 64-bit FNV-1a digest of every key of the plan, as 16 hex digits: identifies the plan in
/// the store so that --resume continues the right ensemble.
[[nodiscard]] std::string plan_digest(const Plan& plan);

/// EnsembleInfo for the plan (scenario hash and seed of its first run, its digest and size,
/// the concord version and commit of this build). The caller adds its inputs.
[[nodiscard]] store::EnsembleInfo describe(const Plan& plan, const std::string& kind, int years,
                                           const std::string& spec_json);

/// With resume = false, creates a new ensemble in the store. With resume = true, returns the
/// most recent ensemble whose plan digest equals info.plan_digest; throws concord::InputError
/// naming the store if there is none.
std::int64_t open_ensemble(store::ResultsStore& db, const store::EnsembleInfo& info, bool resume,
                           const std::string& store_path = "results store");

/// Runner options (plain struct, defaults explicit).
struct RunnerOptions {
  int threads = 1;                ///< worker threads (>= 1)
  std::size_t max_in_flight = 0;  ///< runs simulated but not yet committed; 0 = 32 * threads (runs of unequal length, e.g. an order with many wars, stall an in-order commit when the window is short: 4 * threads gave 1.66x on 2 threads for the main job, 32 * threads 2.0x)
  /// When set and true, no new run is started; runs in flight finish and are committed.
  /// Set it from a SIGINT handler (see interrupt.hpp).
  const std::atomic<bool>* stop = nullptr;
  /// Stop after this many newly simulated runs (0 = no limit). Used by tests to interrupt an
  /// ensemble at a known point, and by --max-runs.
  std::uint64_t stop_after = 0;
  /// Called after each committed or replayed run with (done, total), in run-id order.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

/// What a call to run_plan did.
struct RunnerReport {
  std::uint64_t simulated = 0;  ///< runs simulated and committed by this call
  std::uint64_t replayed = 0;   ///< runs found in the store and passed to on_run
  bool interrupted = false;     ///< true if the plan was not finished (stop flag or stop_after)
};

/// Runs the plan. `db` may be null (statistics only, nothing stored). `on_run` may be empty.
/// Exceptions thrown by `simulate`, the store or `on_run` cancel the ensemble and propagate;
/// every run committed before stays in the store.
RunnerReport run_plan(const Plan& plan, const Simulate& simulate, store::ResultsStore* db,
                      std::int64_t ensemble_id, const OnRun& on_run, const RunnerOptions& options);

#ifdef CONCORD_HAVE_MPI
/// How run_plan_mpi hands runs to ranks.
enum class MpiSchedule {
  static_chunks,   ///< run i goes to rank (i / chunk) % R; no messages to ask for work
  dynamic_chunks,  ///< ranks ask rank 0 for the next chunk when done with one
};

struct MpiOptions {
  std::size_t chunk = 8;  ///< runs per chunk (and per result message)
  MpiSchedule schedule = MpiSchedule::dynamic_chunks;
  /// Send the yearly values of runs to rank 0. Set it to false when the store does not keep
  /// them (StoreOptions::yearly = false): records from other ranks then reach on_run with NaN
  /// yearly values, as records replayed from such a store do.
  bool send_yearly = true;
};

/// Runs the plan over every rank of `comm` (MPI must be initialised; every rank calls this
/// collectively with the same plan). Every rank, rank 0 included, simulates its chunks; the
/// others send the finished RunRecords of each chunk in one message (a codec.hpp batch) to
/// rank 0, which alone reads and writes the store and calls on_run and progress, in run-id
/// order through a reorder buffer. With the dynamic schedule a worker always has its next
/// chunk requested before it starts the current one; ranks waiting for messages poll with a
/// growing sleep instead of spinning.
/// `db` and `on_run` are used on rank 0 only (pass null/empty elsewhere). Runs already in the
/// store are skipped on every rank (rank 0 broadcasts the committed set) and replayed on
/// rank 0. options.threads and options.stop_after are ignored (one simulation at a time per
/// rank; start one rank per core). options.stop is honoured on every rank: a stopping rank
/// finishes its run in flight; rank 0 then hands out no more chunks and commits what arrived.
/// The report is meaningful on rank 0.
RunnerReport run_plan_mpi(const Plan& plan, const Simulate& simulate, store::ResultsStore* db,
                          std::int64_t ensemble_id, const OnRun& on_run,
                          const RunnerOptions& options, const MpiOptions& mpi,
                          MPI_Comm comm = MPI_COMM_WORLD);
#endif

}  // namespace concord::ensemble
