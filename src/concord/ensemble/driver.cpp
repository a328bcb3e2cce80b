#include "concord/ensemble/driver.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>
#include <fmt/format.h>

#include <optional>

#include "concord/common/error.hpp"
#include "concord/ensemble/interrupt.hpp"
#include "concord/ensemble/progress.hpp"

namespace concord::ensemble {

void conclude(store::ResultsStore& db, std::int64_t ensemble_id,
              const std::function<bool()>& run, const Finish& finish) {
  bool interrupted = true;
  try {
    interrupted = run();
    if (!interrupted && finish) finish(db, ensemble_id);
  } catch (const SQLite::Exception& e) {
    // the store failed (disk full, I/O error): what was committed stays; say where and what to do
    const int system_errno = sqlite3_system_errno(db.database().getHandle());
    bool marked = false;
    try {
      db.set_status(ensemble_id, store::EnsembleStatus::interrupted);
      marked = true;
    } catch (...) {
    }
    try {
      store::rethrow_store_error(e, db.path(), "writing the ensemble", system_errno);
    } catch (const store::StoreError& se) {
      throw store::StoreError(
          fmt::format("{}. Ensemble {} {}", se.what(), ensemble_id,
                      marked ? "is marked interrupted: --resume continues it"
                             : "could not be marked interrupted (its status stays 'running'); --resume continues it"),
          se.disk_full());
    }
  } catch (...) {
    // an error stopped the ensemble: what was committed stays, --resume continues it
    try {
      db.set_status(ensemble_id, store::EnsembleStatus::interrupted);
    } catch (...) {  // keep the first error
    }
    throw;
  }
  db.set_status(ensemble_id, interrupted ? store::EnsembleStatus::interrupted
                                         : store::EnsembleStatus::complete);
}

bool mpi_built() noexcept {
#ifdef CONCORD_HAVE_MPI
  return true;
#else
  return false;
#endif
}

ExecuteResult execute(const Plan& plan, const store::EnsembleInfo& info, const Simulate& simulate,
                      const OnRun& on_run, const ExecuteOptions& options, const Finish& finish) {
  if (options.mpi) {
#ifdef CONCORD_HAVE_MPI
    return execute_mpi(plan, info, simulate, on_run, options, finish);
#else
    throw InputError(Location{"--mpi", 0, 0, ""},
                     "this concord was built without MPI; rebuild with -DCONCORD_MPI=ON (the "
                     "release preset) or use --threads");
#endif
  }
  ExecuteResult result;
  store::ResultsStore db(options.store, options.store_options);
  result.ensemble_id = open_ensemble(db, info, options.resume, options.store.string());
  if (options.resume) db.set_status(result.ensemble_id, store::EnsembleStatus::running);
  // SIGINT stops the ensemble, unless the caller brings its own stop flag
  std::optional<InterruptGuard> guard;
  if (options.stop == nullptr) guard.emplace();
  ProgressBar bar(options.label, plan.runs.size(), stderr, ProgressOptions{options.quiet});
  RunnerOptions ro;
  ro.threads = options.threads;
  ro.stop = options.stop != nullptr ? options.stop : &guard->flag();
  ro.stop_after = options.max_runs;
  ro.progress = [&](std::uint64_t done, std::uint64_t total) {
    bar.update(done);
    if (options.progress) options.progress(done, total);
  };
  conclude(db, result.ensemble_id, [&] {
    result.report = run_plan(plan, simulate, &db, result.ensemble_id, on_run, ro);
    bar.finish();
    result.interrupted_by_signal = guard ? guard->interrupted() : ro.stop->load();
    return result.report.interrupted;
  }, finish);
  return result;
}

}  // namespace concord::ensemble
