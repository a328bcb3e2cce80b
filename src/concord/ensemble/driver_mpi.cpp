// The MPI branch of ensemble::execute (compiled only with CONCORD_MPI).
#include <mpi.h>

#include <memory>

#include "concord/ensemble/driver.hpp"
#include "concord/ensemble/interrupt.hpp"
#include "concord/ensemble/progress.hpp"

namespace concord::ensemble {

namespace {
// Initialises MPI for the duration of the call when the program has not done so itself.
class MpiSession {
 public:
  MpiSession() {
    int initialized = 0;
    MPI_Initialized(&initialized);
    if (initialized == 0) {
      MPI_Init(nullptr, nullptr);
      owner_ = true;
    }
  }
  ~MpiSession() {
    if (owner_) MPI_Finalize();
  }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

 private:
  bool owner_ = false;
};
}  // namespace

ExecuteResult execute_mpi(const Plan& plan, const store::EnsembleInfo& info,
                          const Simulate& simulate, const OnRun& on_run,
                          const ExecuteOptions& options, const Finish& finish) {
  MpiSession session;
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  ExecuteResult result;
  result.root = rank == 0;
  InterruptGuard guard;
  RunnerOptions ro;
  ro.stop = &guard.flag();
  MpiOptions mo;
  mo.chunk = options.mpi_chunk;
  mo.send_yearly = options.store_options.yearly;
  if (rank != 0) {
    result.report = run_plan_mpi(plan, simulate, nullptr, 0, {}, ro, mo);
    result.interrupted_by_signal = guard.interrupted();
    return result;
  }
  // Rank 0 must not throw before joining the collective call, or the others would hang:
  // a store error aborts the whole job.
  std::unique_ptr<store::ResultsStore> db;
  try {
    db = std::make_unique<store::ResultsStore>(options.store, options.store_options);
    result.ensemble_id = open_ensemble(*db, info, options.resume, options.store.string());
    if (options.resume) db->set_status(result.ensemble_id, store::EnsembleStatus::running);
  } catch (...) {
    MPI_Abort(MPI_COMM_WORLD, 1);
    throw;
  }
  ProgressBar bar(options.label, plan.runs.size(), stderr, ProgressOptions{options.quiet});
  ro.progress = [&](std::uint64_t done, std::uint64_t) { bar.update(done); };
  conclude(*db, result.ensemble_id, [&] {
    result.report = run_plan_mpi(plan, simulate, db.get(), result.ensemble_id, on_run, ro, mo);
    bar.finish();
    result.interrupted_by_signal = guard.interrupted();
    return result.report.interrupted;
  }, finish);
  return result;
}

}  // namespace concord::ensemble
