#include "concord/ensemble/driver.hpp"

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
